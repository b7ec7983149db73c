// The two bulk tables of a build, written without GRDB's Encodable path: evaluation points
// (bound straight into SQLite, below), and papers, whose author lists and BibTeX fields GRDB
// would encode with a JSONEncoder per row. Together they were a sixth of `hasten db build`.
import GRDB
import GRDBSQLite

/// A record whose column values can be listed in a fixed order, so that bulk inserts skip
/// building a dictionary per row.
protocol PositionalRow {
  static var columns: [String] { get }
  var values: [(any DatabaseValueConvertible)?] { get }
}

extension Paper: PositionalRow {
  static let columns = ["id", "entryType", "title", "authors", "year", "venue", "arxiv", "doi", "url", "verified", "fields"]
  var values: [(any DatabaseValueConvertible)?] {
    [
      id, entryType, title, "[" + authors.map(jsonString).joined(separator: ",") + "]", year, venue, arxiv, doi, url, verified,
      "{" + fields.sorted { $0.key < $1.key }.map { jsonString($0.key) + ":" + jsonString($0.value) }.joined(separator: ",") + "}",
    ]
  }
}

extension EvalPointRow {
  static let columns = ["resultSetId", "runPosition", "step", "seconds", "flops", "trainLoss", "validationLoss", "metric"]

  /// Inserts `rows` through SQLite's own binding calls. Evaluation points are most of a
  /// build's rows (21,404 with the full measurements), and even positional arguments cost
  /// GRDB an array of boxed values per row.
  static func insertAll(_ rows: [EvalPointRow], _ db: Database) throws {
    // The Statement owns (and finalizes) the SQLite statement: it is kept alive to the end.
    let owner = try AtlasDatabase.insertStatement(databaseTableName, columns: columns, db)
    defer { withExtendedLifetime(owner) {} }
    let statement = owner.sqliteStatement
    // SQLITE_TRANSIENT: SQLite copies the text before the call returns.
    let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    func bind(_ index: Int32, _ value: Double?) {
      if let value { sqlite3_bind_double(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }
    defer { sqlite3_reset(statement) }
    for row in rows {
      sqlite3_reset(statement)
      _ = row.resultSetId.withCString { sqlite3_bind_text(statement, 1, $0, -1, transient) }
      sqlite3_bind_int64(statement, 2, Int64(row.runPosition))
      sqlite3_bind_int64(statement, 3, Int64(row.step))
      bind(4, row.seconds)
      bind(5, row.flops)
      bind(6, row.trainLoss)
      bind(7, row.validationLoss)
      bind(8, row.metric)
      let code = sqlite3_step(statement)
      guard code == SQLITE_DONE else {
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
      }
    }
  }
}
