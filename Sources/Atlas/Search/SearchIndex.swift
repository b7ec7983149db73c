// Filling the full-text index (table searchIndex, migration v2) from the imported records.
// Each searchable thing is one row: techniques, papers and taxonomy nodes. The row says what it
// is (`kind`) and which record it points at (`id`); the text columns are what FTS5 indexes.
import GRDB

/// What a search hit points at.
public enum SearchKind: String, Codable, Sendable, CaseIterable {
  case technique, paper, node
}

enum SearchIndex {
  /// Rebuilds the index from `catalog`, inside the import's transaction.
  static func fill(_ db: Database, from catalog: Catalog) throws {
    try db.execute(sql: "DELETE FROM searchIndex")
    let insert = try db.makeStatement(
      sql: "INSERT INTO searchIndex (kind, id, name, aliases, summary, body) VALUES (?, ?, ?, ?, ?, ?)")
    func add(_ kind: SearchKind, _ id: String, name: String, aliases: [String], summary: String, body: [String]) throws {
      try insert.execute(arguments: [kind.rawValue, id, name, aliases.joined(separator: "; "), summary, body.joined(separator: "\n\n")])
    }

    let aliases = Dictionary(grouping: catalog.aliases, by: \.techniqueId)
    let caveats = Dictionary(grouping: catalog.caveats, by: \.techniqueId)
    let hyperparameters = Dictionary(grouping: catalog.hyperparameters, by: \.techniqueId)
    for t in catalog.techniques {
      // The slug is an alias too: "selective-backprop" is how people type it.
      let names = [t.id] + (aliases[t.id] ?? []).map(\.alias).sorted()
      let extras = (caveats[t.id] ?? []).map(\.text) + (hyperparameters[t.id] ?? []).map { "\($0.name): \($0.reason)" }
      try add(.technique, t.id, name: t.name, aliases: names, summary: t.summary, body: [t.description] + extras)
    }
    for p in catalog.papers {
      let ids = [p.id, p.arxiv, p.doi].compactMap { $0 }
      try add(.paper, p.id, name: p.title, aliases: ids, summary: "\(p.authors.joined(separator: ", ")) (\(p.year)). \(p.venue)", body: [])
    }
    for n in catalog.nodes {
      try add(.node, n.id, name: n.name, aliases: [n.id], summary: n.rationale ?? n.source ?? "", body: [n.description])
    }
  }
}
