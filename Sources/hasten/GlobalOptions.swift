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

/// True when the database is missing or older than any source it is built from.
func isStale(_ paths: ProjectPaths) throws -> Bool {
  let fm = FileManager.default
  guard let built = (try? fm.attributesOfItem(atPath: paths.defaultDatabase.path))?[.modificationDate] as? Date else { return true }
  for dir in [paths.taxonomy, paths.examples, paths.root.appendingPathComponent("results")] {
    guard let walker = fm.enumerator(at: dir, includingPropertiesForKeys: [.contentModificationDateKey]) else { continue }
    for case let url as URL in walker {
      if let modified = try url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate, modified > built {
        return true
      }
    }
  }
  return false
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
