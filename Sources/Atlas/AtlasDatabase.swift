// The atlas database: a SQLite file built from taxonomy/ and read by the CLI and the site.
// Building writes a new file beside the old one and renames it over, so an interrupted or
// failed build never leaves a half-written database behind.
import Foundation
import GRDB

/// A handle on the atlas database.
public struct AtlasDatabase: Sendable {
  /// The connection; reads go through it.
  public let reader: any DatabaseReader

  /// Opens an existing database read-only.
  public static func open(_ url: URL) throws -> AtlasDatabase {
    var config = Configuration()
    config.readonly = true
    return AtlasDatabase(reader: try DatabaseQueue(path: url.path, configuration: config))
  }

  /// An in-memory database holding `catalog`, for tests.
  public static func inMemory(_ catalog: Catalog) throws -> AtlasDatabase {
    let queue = try DatabaseQueue()
    try write(catalog, to: queue)
    return AtlasDatabase(reader: queue)
  }

  /// Writes `catalog` into a new database file at `url`, replacing any old one atomically.
  public static func build(_ catalog: Catalog, at url: URL) throws {
    let fm = FileManager.default
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    try? fm.removeItem(at: temporary)
    defer { try? fm.removeItem(at: temporary) }
    do {
      // No journal and no fsync while filling the temporary file: if anything fails, the file
      // is thrown away and the old database was never touched; rename(2) below publishes it.
      var config = Configuration()
      config.prepareDatabase { db in
        try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
      }
      let queue = try DatabaseQueue(path: temporary.path, configuration: config)
      try write(catalog, to: queue)
      try queue.close()
    }
    // rename(2) replaces the target atomically: readers see the old file or the new one.
    guard rename(temporary.path, url.path) == 0 else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
    }
  }

  /// Inserts `records` with one prepared statement. GRDB's per-record `insert` sets up its
  /// persistence machinery for every row, which was a fifth of a whole build; the bulk tables
  /// (PositionalRows.swift) skip even the per-row dictionary.
  static func insertAll<R: PersistableRecord>(_ records: [R], _ db: Database) throws {
    guard let first = records.first else { return }
    if let points = records as? [EvalPointRow] { return try EvalPointRow.insertAll(points, db) }
    if let rows = records as? [any PositionalRow] {
      let statement = try insertStatement(R.databaseTableName, columns: type(of: rows[0]).columns, db)
      for row in rows { try statement.execute(arguments: StatementArguments(row.values)) }
      return
    }
    let columns = try first.databaseDictionary.keys.sorted()
    let statement = try insertStatement(R.databaseTableName, columns: columns, db)
    for record in records {
      let values = try record.databaseDictionary
      try statement.execute(arguments: StatementArguments(columns.map { values[$0] ?? .null }))
    }
  }

  /// `INSERT INTO table (columns...) VALUES (?, ...)`, prepared.
  static func insertStatement(_ table: String, columns: [String], _ db: Database) throws -> Statement {
    let names = columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
    return try db.makeStatement(sql: "INSERT INTO \(table.quotedDatabaseIdentifier) (\(names)) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))")
  }

  /// What `PRAGMA integrity_check` reports; empty when the file is sound.
  public func integrityProblems() throws -> [String] {
    try reader.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }.filter { $0 != "ok" }
  }

  static func write(_ catalog: Catalog, to queue: DatabaseQueue) throws {
    try AtlasSchema.migrator.migrate(queue)
    try queue.write { db in
      // Referenced rows first, so foreign keys hold at every insert.
      try insertAll(catalog.papers, db)
      try insertAll(catalog.surveys, db)
      try insertAll(catalog.surveyCitations, db)
      try insertAll(catalog.nodes, db)
      try insertAll(catalog.examples, db)
      try insertAll(catalog.techniques, db)
      try insertAll(catalog.aliases, db)
      try insertAll(catalog.classifications, db)
      try insertAll(catalog.techniquePapers, db)
      try insertAll(catalog.claims, db)
      try insertAll(catalog.relations, db)
      try insertAll(catalog.hyperparameters, db)
      try insertAll(catalog.caveats, db)
      for (path, set) in catalog.results {
        let (record, runs, points) = try set.records(sourcePath: path)
        try insertAll([record], db)
        try insertAll(runs, db)
        try insertAll(points, db)
      }
      try SearchIndex.fill(db, from: catalog)
      try db.execute(sql: "INSERT INTO buildInfo (key, value) VALUES ('builtAt', ?)", arguments: [ISO8601DateFormatter().string(from: Date())])
    }
  }
}
