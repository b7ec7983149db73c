// Options every query command shares, and opening the database they read.
import ArgumentParser
import Atlas
import Foundation

struct GlobalOptions: ParsableArguments {
  @Option(help: "The atlas database (default: atlas.sqlite beside taxonomy/, rebuilt when a source changes).")
  var db: String?

  @Flag(help: "Print JSON instead of text.")
  var json = false

  /// Opens the database; the default one is rebuilt first when taxonomy/ is newer.
  func openAtlas() throws -> AtlasDatabase {
    if let db {
      guard FileManager.default.fileExists(atPath: db) else { throw CLIError("no database at \(db)", hint: "run hasten db build") }
      return try AtlasDatabase.open(URL(fileURLWithPath: db))
    }
    let paths = try ProjectPaths.locate()
    if try isStale(paths) { try buildDatabase(paths, to: paths.defaultDatabase, quiet: true) }
    return try AtlasDatabase.open(paths.defaultDatabase)
  }
}

/// Imports taxonomy/ and writes the database; prints a summary unless `quiet`.
func buildDatabase(_ paths: ProjectPaths, to url: URL, quiet: Bool) throws {
  let start = ContinuousClock.now
  let catalog = try TaxonomyImporter.load(root: paths.root)
  try AtlasDatabase.build(catalog, at: url)
  if !quiet {
    let ms = Int((ContinuousClock.now - start) / .milliseconds(1))
    print(
      "built \(url.lastPathComponent): \(catalog.techniques.count) techniques, \(catalog.papers.count) papers, "
        + "\(catalog.nodes.count) taxonomy nodes, \(catalog.classifications.count) classifications in \(ms) ms")
  }
}

/// Encodes a value as stable, pretty JSON (sorted keys) on standard output.
func printJSON<T: Encodable>(_ value: T) throws {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
