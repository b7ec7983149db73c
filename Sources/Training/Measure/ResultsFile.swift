// Reading and writing results/<slug>/<profile>.json. Writes go to a temporary file that is
// renamed over the old one, so an interrupted measurement leaves either the previous file or a
// complete newer one, never half a file.
import Foundation
import Results

public enum ResultsFile {
  /// results/<slug>/<profile>.json under `root`.
  public static func url(root: URL, example: String, profile: String) -> URL {
    root.appendingPathComponent("results").appendingPathComponent(example).appendingPathComponent("\(profile).json")
  }

  /// Stable JSON: sorted keys, so a re-run's diff shows what changed.
  public static func encode(_ set: ResultSet) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(set)
  }

  public static func write(_ set: ResultSet, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try encode(set).write(to: url, options: .atomic)
  }

  public static func read(_ url: URL) throws -> ResultSet {
    try ResultSet.decoded(from: Data(contentsOf: url))
  }
}
