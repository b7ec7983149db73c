// The technique, node and paper cards the pages show, assembled in one read of the whole atlas.
// They mirror Atlas's read models (`card(_:)`, `nodeCard(_:)`, `paperCard(_:)`: same fields,
// same orders), which answer one item per call: calling them for every page cost about 1.8 s,
// mostly decoding the same JSON columns (authors, saves, BibTeX fields) again and again. Here
// every table is read once through the atlas's reader and its public record types.
import Atlas
import Foundation
import Results

/// A placement of a technique in a survey tree, with the path of names from the axis down.
struct Placement {
  var surveyId: String
  var axisId: String
  var nodeId: String
  var path: [String]
  var provenance: Provenance
  var rationale: String
}

/// What a technique's page shows (Atlas's TechniqueCard).
struct TechniqueView {
  var technique: Technique
  var aliases: [String]
  var classifications: [Placement]
  var papers: [(paper: Paper, role: String)]
  var claims: [Claim]
  var relations: [Relation]
  var hyperparameters: [Hyperparameter]
  var caveats: [Caveat]
  var example: Example?
  /// The representative measurement first.
  var results: [ResultSet]
}

/// A technique listed on a node's page, at the placement closest to the node.
struct NodeListing {
  var id: String
  var name: String
  var summary: String
  var viaNode: String
  var provenance: Provenance
  var rationale: String
}

/// What a node's page shows (Atlas's NodeCard).
struct NodeView {
  var node: TaxonomyNode
  var children: [TreeNode]
  var techniques: [NodeListing]
}

/// What a paper's page shows (Atlas's PaperCard).
struct PaperView {
  var paper: Paper
  var citedBy: [SurveyCitation]
  var techniques: [TechniqueLink]
  var claims: [Claim]
  var bibtex: String { paper.bibtex }
}

/// Every card, by id.
struct SiteViews {
  var techniques: [String: TechniqueView] = [:]
  var nodes: [String: NodeView] = [:]
  var papers: [String: PaperView] = [:]

  static func load(_ atlas: AtlasDatabase, trees: [SurveyTree]) throws -> SiteViews {
    // Results are few and need their own decoding: only techniques that have any are asked.
    let measured = try atlas.query("SELECT DISTINCT techniqueId FROM resultSet ORDER BY techniqueId").rows.compactMap { row -> String? in
      if case .text(let id)? = row.first { return id }
      return nil
    }
    var results: [String: [ResultSet]] = [:]
    for id in measured { results[id] = try atlas.results(for: id) }
    var subtrees: [String: TreeNode] = [:]
    func index(_ n: TreeNode) {
      subtrees[n.id] = n
      n.children.forEach(index)
    }
    trees.flatMap(\.axes).forEach(index)

    return try atlas.reader.read { db in
      let techniques = try Technique.fetchAll(db)
      let byId = Dictionary(uniqueKeysWithValues: techniques.map { ($0.id, $0) })
      let nodes = Dictionary(uniqueKeysWithValues: try TaxonomyNode.fetchAll(db).map { ($0.id, $0) })
      let papers = Dictionary(uniqueKeysWithValues: try Paper.fetchAll(db).map { ($0.id, $0) })
      let classifications = try Classification.fetchAll(db)
      let links = try TechniquePaper.fetchAll(db)
      let claims = try Claim.fetchAll(db)
      let aliases = Dictionary(grouping: try TechniqueAlias.fetchAll(db), by: \.techniqueId)
      let relations = Dictionary(grouping: try Relation.fetchAll(db), by: \.techniqueId)
      let hyperparameters = Dictionary(grouping: try Hyperparameter.fetchAll(db), by: \.techniqueId)
      let caveats = Dictionary(grouping: try Caveat.fetchAll(db), by: \.techniqueId)
      let examples = Dictionary(uniqueKeysWithValues: try Example.fetchAll(db).map { ($0.id, $0) })
      let citations = Dictionary(grouping: try SurveyCitation.fetchAll(db), by: \.paperId)
      func path(_ id: String) -> [String] {
        var names: [String] = []
        var cursor: String? = id
        while let c = cursor, let node = nodes[c] {
          names.insert(node.name, at: 0)
          cursor = node.parentId
        }
        return names
      }
      let paths = nodes.mapValues { path($0.id) }
      let ancestors = nodes.mapValues { n -> [String] in
        var ids: [String] = []
        var cursor: String? = n.id
        while let c = cursor, let node = nodes[c] {
          ids.append(c)
          cursor = node.parentId
        }
        return ids
      }

      var views = SiteViews()
      let placements = Dictionary(grouping: classifications, by: \.techniqueId)
      let linksByTechnique = Dictionary(grouping: links, by: \.techniqueId)
      let claimsByTechnique = Dictionary(grouping: claims, by: \.techniqueId)
      for t in techniques {
        let placed = (placements[t.id] ?? []).compactMap { c -> Placement? in
          guard let n = nodes[c.nodeId] else { return nil }
          return Placement(
            surveyId: n.surveyId, axisId: n.axisId, nodeId: n.id, path: paths[n.id] ?? [], provenance: c.provenance, rationale: c.rationale)
        }.sorted { (surveyRank($0.surveyId), axisRank($0.axisId), $0.nodeId) < (surveyRank($1.surveyId), axisRank($1.axisId), $1.nodeId) }
        views.techniques[t.id] = TechniqueView(
          technique: t, aliases: (aliases[t.id] ?? []).map(\.alias).sorted(), classifications: placed,
          papers: (linksByTechnique[t.id] ?? []).sorted { $0.position < $1.position }.compactMap { l in papers[l.paperId].map { ($0, l.role) } },
          claims: (claimsByTechnique[t.id] ?? []).sorted { $0.position < $1.position },
          relations: (relations[t.id] ?? []).sorted { ($0.kind, $0.otherId) < ($1.kind, $1.otherId) },
          hyperparameters: (hyperparameters[t.id] ?? []).sorted { $0.position < $1.position },
          caveats: (caveats[t.id] ?? []).sorted { $0.position < $1.position },
          example: t.exampleId.flatMap { examples[$0] }, results: results[t.id] ?? [])
      }

      // A technique is listed under every node above one of its placements, at the placement
      // closest to that node (this node beats a child, as in Atlas's nodeCard).
      var listings: [String: [String: NodeListing]] = [:]
      for c in classifications {
        guard let t = byId[c.techniqueId], let chain = ancestors[c.nodeId] else { continue }
        let depth = paths[c.nodeId]?.count ?? 0
        for above in chain {
          if let existing = listings[above]?[t.id], (paths[existing.viaNode]?.count ?? 0) <= depth { continue }
          listings[above, default: [:]][t.id] = NodeListing(
            id: t.id, name: t.name, summary: t.summary, viaNode: c.nodeId, provenance: c.provenance, rationale: c.rationale)
        }
      }
      for (id, node) in nodes {
        views.nodes[id] = NodeView(
          node: node, children: subtrees[id]?.children ?? [],
          techniques: (listings[id] ?? [:]).values.sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) })
      }

      let linksByPaper = Dictionary(grouping: links, by: \.paperId)
      let claimsByPaper = Dictionary(grouping: claims, by: \.paperId)
      for (id, paper) in papers {
        views.papers[id] = PaperView(
          paper: paper, citedBy: (citations[id] ?? []).sorted { $0.surveyId < $1.surveyId },
          techniques: (linksByPaper[id] ?? []).compactMap { l in byId[l.techniqueId].map { TechniqueLink(techniqueId: $0.id, name: $0.name, role: l.role) } }
            .sorted { ($0.name, $0.techniqueId, $0.role) < ($1.name, $1.techniqueId, $1.role) },
          claims: (claimsByPaper[id] ?? []).sorted { ($0.techniqueId, $0.position) < ($1.techniqueId, $1.position) })
      }
      return views
    }
  }
}

/// Bartoldson's axes in the survey's order after Shen's one; others after.
func axisRank(_ axis: String) -> Int { ["perspective": 0, "component": 1, "action": 2, "mechanism": 3][axis] ?? 9 }
