// Everything the site shows, read from the atlas once before any page is built: the lists,
// trees and cross-walks through Atlas's read models, the cards in one bulk read (SiteViews.swift),
// and every survey record through the atlas's reader. Pages are then pure functions of this
// value, which keeps them testable and the generator fast (no query per page or link).
import Atlas
import Foundation
import Results

/// The atlas contents the pages are built from.
struct SiteData {
  var rows: [TechniqueRow]
  var cards: [String: TechniqueView]
  var surveys: [Survey]
  var trees: [SurveyTree]
  var nodes: [String: NodeView]
  /// Node ids in tree order (survey, axis, depth-first).
  var nodeOrder: [String]
  var papers: [PaperRow]
  var paperCards: [String: PaperView]
  /// Shen's perspectives against Bartoldson's components (the home page's matrix).
  var crosswalk: Crosswalk
  /// Shen's leaves against each Bartoldson axis (the cross-walk page).
  var leafCrosswalks: [(axis: String, crosswalk: Crosswalk)]
  /// The example sources by example path ("examples/mixup.swift").
  var sources: [String: String]

  /// Reads everything from `atlas`; example sources are read from under `root`.
  static func load(_ atlas: AtlasDatabase, root: URL) throws -> SiteData {
    let rows = try atlas.techniques()
    let trees = try atlas.trees()
    let views = try SiteViews.load(atlas, trees: trees)
    var sources: [String: String] = [:]
    for row in rows {
      guard let example = views.techniques[row.id]?.example else { continue }
      let url = root.appendingPathComponent(example.path)
      guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
        throw SiteError(message: "cannot read \(example.path), the example of '\(row.id)'", hint: "restore the file, or run hasten db build to check the sources")
      }
      sources[example.path] = text
    }
    let surveys = try atlas.reader.read { try Survey.fetchAll($0) }.sorted { surveyRank($0.id) < surveyRank($1.id) }
    var nodeOrder: [String] = []
    func walk(_ n: TreeNode) {
      nodeOrder.append(n.id)
      n.children.forEach(walk)
    }
    trees.flatMap(\.axes).forEach(walk)
    let papers = try atlas.papers()
    let shenAxis = trees.first { $0.survey == "shen2023" }?.axes.first?.id ?? "perspective"
    let bartoldsonAxes = trees.first { $0.survey == "bartoldson2023" }?.axes.map(\.id) ?? []
    return SiteData(
      rows: rows, cards: views.techniques, surveys: surveys, trees: trees, nodes: views.nodes, nodeOrder: nodeOrder, papers: papers,
      paperCards: views.papers,
      crosswalk: try atlas.crosswalk(rows: shenAxis, columns: bartoldsonAxes.first ?? "component"),
      leafCrosswalks: try bartoldsonAxes.map { ($0, try atlas.crosswalk(rows: shenAxis, rowLeaves: true, columns: $0)) },
      sources: sources)
  }

  /// The representative measurement of technique `id`, if any.
  func measurement(_ id: String) -> ResultSet? { cards[id]?.results.first }

  /// The survey a node belongs to.
  func survey(ofNode id: String) -> Survey? {
    guard let node = nodes[id]?.node else { return nil }
    return surveys.first { $0.id == node.surveyId }
  }
}

/// Shen first (the atlas's primary tree), then Bartoldson, then any other survey by id.
func surveyRank(_ id: String) -> String { ["shen2023": "0", "bartoldson2023": "1"][id] ?? "2" + id }

/// A data problem that stops the site from being generated, with the command that fixes it.
public struct SiteError: Error, CustomStringConvertible {
  public var message: String
  public var hint: String
  public var description: String { "\(message)\nhint: \(hint)" }
}
