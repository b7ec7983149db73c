// `hasten sql`: one read-only SQL statement against the atlas, for questions the other
// commands do not ask. Three locks keep it read-only: the file is opened read-only, GRDB's read
// access sets `query_only`, and a statement SQLite does not report as read-only is refused
// before it runs.
import Foundation
import GRDB

/// A value from a result row, encoded to JSON as itself (null, number, string; blobs as base64).
public enum SQLValue: Codable, Sendable, Equatable, CustomStringConvertible {
  case null, integer(Int64), real(Double), text(String), blob(Data)

  init(_ value: DatabaseValue) {
    switch value.storage {
    case .null: self = .null
    case .int64(let v): self = .integer(v)
    case .double(let v): self = .real(v)
    case .string(let v): self = .text(v)
    case .blob(let v): self = .blob(v)
    }
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .null: try c.encodeNil()
    case .integer(let v): try c.encode(v)
    case .real(let v): try c.encode(v)
    case .text(let v): try c.encode(v)
    case .blob(let v): try c.encode(v.base64EncodedString())
    }
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() { self = .null } else if let v = try? c.decode(Int64.self) { self = .integer(v) } else if let v = try? c.decode(Double.self) {
      self = .real(v)
    } else {
      self = .text(try c.decode(String.self))
    }
  }

  public var description: String {
    switch self {
    case .null: "NULL"
    case .integer(let v): String(v)
    case .real(let v): String(v)
    case .text(let v): v
    case .blob(let v): "<\(v.count) bytes>"
    }
  }
}

/// Column names and rows of a query.
public struct SQLResult: Codable, Sendable, Equatable {
  public var columns: [String]
  public var rows: [[SQLValue]]
}

/// A statement `hasten sql` will not run, or one SQLite rejected, in words.
public struct SQLQueryError: Error, CustomStringConvertible {
  public var description: String
}

extension AtlasDatabase {
  /// Runs one read-only statement and returns its rows.
  public func query(_ sql: String) throws -> SQLResult {
    do {
      return try reader.read { db in
        let statement = try db.makeStatement(sql: sql)
        guard statement.isReadonly else {
          throw SQLQueryError(description: "hasten sql is read-only: it runs SELECT (and read-only PRAGMA) statements only; the database is rebuilt from taxonomy/ by `hasten db build`")
        }
        let columns = statement.columnNames
        let rows = try Row.fetchAll(statement).map { row in Array(row.databaseValues.map(SQLValue.init)) }
        return SQLResult(columns: columns, rows: rows)
      }
    } catch let error as DatabaseError {
      if error.resultCode == .SQLITE_READONLY {
        throw SQLQueryError(description: "hasten sql is read-only: \(error.message ?? "write refused")")
      }
      if error.message?.hasPrefix("Multiple statements") == true {
        throw SQLQueryError(description: "hasten sql runs one statement at a time; remove everything after the first ';'")
      }
      throw SQLQueryError(description: "SQL error: \(error.message ?? "\(error)")")
    }
  }
}
