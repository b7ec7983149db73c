// Read models: what a technique's card shows, gathered in one read transaction.
import GRDB
import Results

/// A classification joined with its node, for display.
public struct PlacedClassification: Codable, Sendable, Equatable {
  public var surveyId: String
  public var axisId: String
  public var nodeId: String
  public var nodeName: String
  /// Names from the axis down to the node, e.g. ["Perspective", "Data-centric", "Dataset regularization"].
  public var path: [String]
  public var provenance: Provenance
  public var rationale: String
}

/// A paper as cited by a technique.
public struct CitedPaper: Codable, Sendable {
  public var paper: Paper
  public var role: String
}

/// Everything the atlas knows about one technique.
public struct TechniqueCard: Codable, Sendable {
  public var technique: Technique
  public var aliases: [String]
  public var classifications: [PlacedClassification]
  public var papers: [CitedPaper]
  public var claims: [Claim]
  public var relations: [Relation]
  public var hyperparameters: [Hyperparameter]
  public var caveats: [Caveat]
  public var example: Example?
  /// Our measurements of the example, the representative one first (empty when none).
  public var results: [ResultSet]
}

extension AtlasDatabase {
  /// The card of technique `id`, or nil when there is none.
  public func card(_ id: String) throws -> TechniqueCard? {
    let results = try self.results(for: id)
    return try reader.read { db in
      guard let technique = try Technique.fetchOne(db, key: id) else { return nil }
      let nodes = Dictionary(uniqueKeysWithValues: try TaxonomyNode.fetchAll(db).map { ($0.id, $0) })
      func path(_ id: String) -> [String] {
        var names: [String] = []
        var cursor: String? = id
        while let c = cursor, let node = nodes[c] {
          names.insert(node.name, at: 0)
          cursor = node.parentId
        }
        return names
      }
      let placed = try Classification.filter(Column("techniqueId") == id).fetchAll(db).compactMap { c -> PlacedClassification? in
        guard let node = nodes[c.nodeId] else { return nil }
        return PlacedClassification(
          surveyId: node.surveyId, axisId: node.axisId, nodeId: node.id, nodeName: node.name, path: path(node.id),
          provenance: c.provenance, rationale: c.rationale)
      }.sorted { (surveyOrder($0.surveyId), axisOrder($0.axisId), $0.nodeId) < (surveyOrder($1.surveyId), axisOrder($1.axisId), $1.nodeId) }
      let links = try TechniquePaper.filter(Column("techniqueId") == id).order(Column("position")).fetchAll(db)
      let papers = try links.compactMap { link in try Paper.fetchOne(db, key: link.paperId).map { CitedPaper(paper: $0, role: link.role) } }
      return TechniqueCard(
        technique: technique,
        aliases: try String.fetchAll(db, sql: "SELECT alias FROM techniqueAlias WHERE techniqueId = ? ORDER BY alias", arguments: [id]),
        classifications: placed,
        papers: papers,
        claims: try Claim.filter(Column("techniqueId") == id).order(Column("position")).fetchAll(db),
        relations: try Relation.filter(Column("techniqueId") == id).order(Column("kind"), Column("otherId")).fetchAll(db),
        hyperparameters: try Hyperparameter.filter(Column("techniqueId") == id).order(Column("position")).fetchAll(db),
        caveats: try Caveat.filter(Column("techniqueId") == id).order(Column("position")).fetchAll(db),
        example: try technique.exampleId.flatMap { try Example.fetchOne(db, key: $0) }, results: results)
    }
  }

  /// All technique ids and aliases, for "did you mean" suggestions.
  public func knownNames() throws -> [String: String] {
    try reader.read { db in
      var names: [String: String] = [:]
      // Two columns as plain rows: decoding whole records (JSON columns included) cost more than the card.
      for row in try Row.fetchAll(db, sql: "SELECT id, name FROM technique UNION ALL SELECT techniqueId, alias FROM techniqueAlias") {
        let id: String = row[0], name: String = row[1]
        names[id] = id
        names[name.lowercased()] = id
      }
      return names
    }
  }
}

/// Shen first (the atlas's primary tree), then Bartoldson; others after.
func surveyOrder(_ survey: String) -> Int { ["shen2023": 0, "bartoldson2023": 1][survey] ?? 9 }

/// Bartoldson's axes in the survey's order (component, action, mechanism); others after.
func axisOrder(_ axis: String) -> Int {
  ["perspective": 0, "component": 1, "action": 2, "mechanism": 3][axis] ?? 9
}
