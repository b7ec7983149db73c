// Listing techniques with filters: the rows `hasten list` prints and the site indexes.
import GRDB

/// Which techniques to list. Node filters match a node id or name, and include the node's
/// descendants (so `perspective: "data-centric"` finds techniques in all three of its leaves).
public struct TechniqueFilter: Sendable, Equatable {
  public var nodes: [String] = []
  /// Only techniques classified in this survey.
  public var survey: String?
  public var saves: String?
  public var domain: String?
  public var hasExample: Bool?
  /// Only techniques whose representative measurement has this verdict.
  public var verdict: String?
  public init() {}
}

/// One line of the technique list.
public struct TechniqueRow: Codable, Sendable, Equatable {
  public var id: String
  public var name: String
  public var summary: String
  public var saves: [String]
  public var domains: [String]
  /// Shen leaf names; Bartoldson component, action and mechanism names.
  public var shen: [String]
  public var component: [String]
  public var action: [String]
  public var mechanism: [String]
  public var example: String?
  /// The representative measurement's verdict and wall-clock speedup with its interval.
  public var verdict: String?
  public var speedup: Double?
  public var speedupLow: Double?
  public var speedupHigh: Double?
}

extension AtlasDatabase {
  /// Techniques matching `filter`, by name.
  public func techniques(_ filter: TechniqueFilter = TechniqueFilter()) throws -> [TechniqueRow] {
    let measured = try measuredSummaries()
    return try reader.read { db in
      let nodes = try TaxonomyNode.fetchAll(db)
      let byId = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0) })
      let classifications = try Classification.fetchAll(db)
      var placements: [String: [TaxonomyNode]] = [:]
      for c in classifications { if let n = byId[c.nodeId] { placements[c.techniqueId, default: []].append(n) } }
      func isUnder(_ node: TaxonomyNode, _ ancestor: String) -> Bool {
        var cursor: TaxonomyNode? = node
        while let c = cursor {
          if c.id == ancestor { return true }
          cursor = c.parentId.flatMap { byId[$0] }
        }
        return false
      }
      let wanted = try filter.nodes.map { try resolveNode($0, nodes: nodes) }
      // SQLite's NOCASE, not a localized comparison: the same order for these names, and
      // without a call into Foundation for every comparison.
      return try Technique.order(Column("name").collating(.nocase)).fetchAll(db).compactMap { t in
        let placed = placements[t.id] ?? []
        for node in wanted where !placed.contains(where: { isUnder($0, node.id) }) { return nil }
        if let s = filter.survey, !placed.contains(where: { $0.surveyId == s }) { return nil }
        if let s = filter.saves, !t.saves.contains(s) { return nil }
        if let d = filter.domain, !t.domains.contains(d) && !t.domains.contains("any") { return nil }
        if let h = filter.hasExample, (t.exampleId != nil) != h { return nil }
        let result = measured[t.id]
        if let v = filter.verdict, result?.verdict != v { return nil }
        func names(_ axis: String) -> [String] { placed.filter { $0.axisId == axis }.map(\.name).sorted() }
        return TechniqueRow(
          id: t.id, name: t.name, summary: t.summary, saves: t.saves, domains: t.domains, shen: names("perspective"),
          component: names("component"), action: names("action"), mechanism: names("mechanism"), example: t.exampleId,
          verdict: result?.verdict, speedup: result?.speedup, speedupLow: result?.speedupLow, speedupHigh: result?.speedupHigh)
      }
    }
  }

  private func resolveNode(_ query: String, nodes: [TaxonomyNode]) throws -> TaxonomyNode {
    let q = query.lowercased()
    if let node = nodes.first(where: { $0.id == q || $0.name.lowercased() == q }) { return node }
    throw UnknownName(kind: "taxonomy node", name: query, suggestions: suggestions(for: query, in: nodes.map(\.id)))
  }
}

/// A name that matches nothing, with the closest known ones.
public struct UnknownName: Error, CustomStringConvertible {
  public var kind: String
  public var name: String
  public var suggestions: [String]
  public var description: String {
    let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"
    return "unknown \(kind) '\(name)'\(hint)"
  }
}
