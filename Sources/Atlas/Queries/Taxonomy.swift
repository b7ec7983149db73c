// The taxonomy trees as read models: `hasten tree`, a node's card (`hasten show <node>`) and the
// cross-walk matrix of the two surveys. A technique counts toward a node when it is classified
// at that node or anywhere below it.
import GRDB

/// A node with its techniques counted, and its children.
public struct TreeNode: Codable, Sendable {
  public var id: String
  public var name: String
  public var provenance: Provenance
  /// Distinct techniques classified here or below.
  public var techniqueCount: Int
  public var children: [TreeNode]
}

/// One survey's trees (one per axis).
public struct SurveyTree: Codable, Sendable {
  public var survey: String
  public var short: String
  public var title: String
  public var axes: [TreeNode]
}

/// Everything about one taxonomy node.
public struct NodeCard: Codable, Sendable {
  public var node: TaxonomyNode
  public var surveyShort: String
  /// Names from the axis down to this node.
  public var path: [String]
  public var children: [TreeNode]
  /// Techniques here or below; `viaNode` is the node they are classified at.
  public var techniques: [NodeTechnique]
}

/// A technique as listed on a node's card.
public struct NodeTechnique: Codable, Sendable, Equatable {
  public var id: String
  public var name: String
  public var summary: String
  public var viaNode: String
  public var provenance: Provenance
  public var rationale: String
}

/// Techniques counted in both surveys at once: rows from one axis, columns from another.
public struct Crosswalk: Codable, Sendable {
  public var rows: [CrosswalkAxis]
  public var columns: [CrosswalkAxis]
  /// techniques[r][c]: the ids of techniques under row r and column c.
  public var techniques: [[[String]]]
}

/// A row or column heading of the cross-walk.
public struct CrosswalkAxis: Codable, Sendable, Equatable {
  public var id: String
  public var name: String
  /// Distinct techniques under it (a technique may sit in several cells).
  public var total: Int
}

/// The taxonomy in memory: nodes by id, children in order, technique ids per subtree.
struct TaxonomyIndex {
  let nodes: [String: TaxonomyNode]
  let children: [String: [TaxonomyNode]]
  let classifications: [Classification]
  private(set) var subtree: [String: Set<String>] = [:]

  init(_ db: Database) throws {
    let all = try TaxonomyNode.order(Column("depth"), Column("position")).fetchAll(db)
    nodes = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
    children = Dictionary(grouping: all.filter { $0.parentId != nil }, by: { $0.parentId! })
    classifications = try Classification.fetchAll(db)
    for c in classifications {
      var cursor: String? = c.nodeId
      while let id = cursor, let node = nodes[id] {
        subtree[id, default: []].insert(c.techniqueId)
        cursor = node.parentId
      }
    }
  }

  func roots(of survey: String) -> [TaxonomyNode] {
    nodes.values.filter { $0.surveyId == survey && $0.parentId == nil }.sorted { $0.position < $1.position }
  }

  func tree(_ node: TaxonomyNode) -> TreeNode {
    TreeNode(
      id: node.id, name: node.name, provenance: node.provenance, techniqueCount: subtree[node.id]?.count ?? 0,
      children: (children[node.id] ?? []).map(tree))
  }

  func path(_ id: String) -> [String] {
    var names: [String] = []
    var cursor: String? = id
    while let c = cursor, let node = nodes[c] {
      names.insert(node.name, at: 0)
      cursor = node.parentId
    }
    return names
  }
}

extension AtlasDatabase {
  /// Each survey's trees with technique counts; all surveys when `survey` is nil.
  public func trees(survey: String? = nil) throws -> [SurveyTree] {
    try reader.read { db in
      let index = try TaxonomyIndex(db)
      let surveys = try Survey.fetchAll(db).sorted { surveyOrder($0.id) < surveyOrder($1.id) }
      if let survey, !surveys.contains(where: { $0.id == survey }) {
        throw UnknownName(kind: "survey", name: survey, suggestions: suggestions(for: survey, in: surveys.map(\.id)))
      }
      return surveys.filter { survey == nil || $0.id == survey }.map { s in
        SurveyTree(survey: s.id, short: s.short, title: s.title, axes: index.roots(of: s.id).map(index.tree))
      }
    }
  }

  /// The card of node `id`, or nil.
  public func nodeCard(_ id: String) throws -> NodeCard? {
    try reader.read { db in
      let index = try TaxonomyIndex(db)
      guard let node = index.nodes[id] else { return nil }
      let techniques = try Technique.fetchAll(db, keys: Array(index.subtree[id] ?? []))
      let byId = Dictionary(uniqueKeysWithValues: techniques.map { ($0.id, $0) })
      // The placement closest to this node represents the technique (this node beats a child).
      var listed: [String: NodeTechnique] = [:]
      for c in index.classifications where byId[c.techniqueId] != nil {
        guard index.path(c.nodeId).starts(with: index.path(id)), let t = byId[c.techniqueId] else { continue }
        let candidate = NodeTechnique(
          id: t.id, name: t.name, summary: t.summary, viaNode: c.nodeId, provenance: c.provenance, rationale: c.rationale)
        if let existing = listed[t.id], index.path(existing.viaNode).count <= index.path(c.nodeId).count { continue }
        listed[t.id] = candidate
      }
      let survey = try Survey.fetchOne(db, key: node.surveyId)
      return NodeCard(
        node: node, surveyShort: survey?.short ?? node.surveyId, path: index.path(id),
        children: (index.children[id] ?? []).map(index.tree),
        techniques: listed.values.sorted { $0.name.lowercased() < $1.name.lowercased() })
    }
  }

  /// All node ids, for suggestions.
  public func nodeIds() throws -> [String] {
    try reader.read { db in try String.fetchAll(db, sql: "SELECT id FROM taxonomyNode ORDER BY id") }
  }

  /// The cross-walk: the children of node `rows` (Shen's perspectives by default; its leaves
  /// when `rowLeaves`) against the children of node `columns` (Bartoldson's components).
  public func crosswalk(rows: String = "perspective", rowLeaves: Bool = false, columns: String = "component") throws -> Crosswalk {
    try reader.read { db in
      let index = try TaxonomyIndex(db)
      func heads(_ axis: String, leaves: Bool) throws -> [TaxonomyNode] {
        guard index.nodes[axis] != nil else {
          throw UnknownName(kind: "taxonomy node", name: axis, suggestions: suggestions(for: axis, in: Array(index.nodes.keys)))
        }
        func leavesUnder(_ id: String) -> [TaxonomyNode] {
          (index.children[id] ?? []).flatMap { ($0.isLeaf ? [$0] : leavesUnder($0.id)) }
        }
        return leaves ? leavesUnder(axis) : (index.children[axis] ?? [])
      }
      let r = try heads(rows, leaves: rowLeaves)
      let c = try heads(columns, leaves: false)
      func axis(_ n: TaxonomyNode) -> CrosswalkAxis { CrosswalkAxis(id: n.id, name: n.name, total: index.subtree[n.id]?.count ?? 0) }
      let cells = r.map { row in
        c.map { column in (index.subtree[row.id] ?? []).intersection(index.subtree[column.id] ?? []).sorted() }
      }
      return Crosswalk(rows: r.map(axis), columns: c.map(axis), techniques: cells)
    }
  }
}
