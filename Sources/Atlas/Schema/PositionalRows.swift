// The two bulk tables of a build, written without GRDB's Encodable path: thousands of
// evaluation points, and papers, whose author lists and BibTeX fields GRDB would encode with
// a JSONEncoder per row. Together they were a sixth of `hasten db build`.
import GRDB

/// A record whose column values can be listed in a fixed order, so that bulk inserts skip
/// building a dictionary per row.
protocol PositionalRow {
  static var columns: [String] { get }
  var values: [(any DatabaseValueConvertible)?] { get }
}

extension EvalPointRow: PositionalRow {
  static let columns = ["resultSetId", "runPosition", "step", "seconds", "flops", "trainLoss", "validationLoss", "metric"]
  var values: [(any DatabaseValueConvertible)?] { [resultSetId, runPosition, step, seconds, flops, trainLoss, validationLoss, metric] }
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
