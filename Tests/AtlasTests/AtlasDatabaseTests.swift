// Building and opening the database file: a build is readable, a rebuild replaces it, and a
// failed import or write leaves the old file byte for byte and no temporary files behind.
import Atlas
import Foundation
import Testing

@Suite struct AtlasDatabaseTests {
  /// An empty directory for database files, removed when the test ends.
  final class Directory {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hasten-db-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }
    /// Every entry, hidden ones included.
    func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
  }

  /// What the CLI does: import, then build; the import throws before anything is written.
  func importAndBuild(_ project: FixtureProject, at url: URL) throws {
    try AtlasDatabase.build(try project.load(), at: url)
  }

  @Test func builtFileOpensAndReadsBack() throws {
    // Given a valid fixture and an empty directory
    let directory = try Directory()
    let file = directory.url.appendingPathComponent("atlas.sqlite")

    // When the database is built there and opened
    try importAndBuild(try FixtureProject(), at: file)
    let db = try AtlasDatabase.open(file)

    // Then it holds the fixture, and the directory holds only the database
    #expect(try db.techniques().map(\.id) == ["mixup", "one-cycle-lr"])
    #expect(try db.card("mixup")?.example?.path == "examples/mixup.swift")
    #expect(try directory.contents() == ["atlas.sqlite"])
  }

  @Test func buildingAgainReplacesTheFile() throws {
    // Given a database built from the fixture
    let directory = try Directory()
    let file = directory.url.appendingPathComponent("atlas.sqlite")
    try importAndBuild(try FixtureProject(), at: file)
    let before = try Data(contentsOf: file)

    // When it is built again from a changed project (mixup renamed, one-cycle-lr removed)
    let changed = try FixtureProject.with([
      "taxonomy/techniques/mixup.yaml": FixtureProject.mixupYAML
        .replacingOccurrences(of: "name: Mixup", with: "name: Input mixup")
        .replacingOccurrences(of: "relations:\n  composes-with: [one-cycle-lr]\n", with: "")
    ])
    try changed.remove("taxonomy/techniques/one-cycle-lr.yaml")
    try importAndBuild(changed, at: file)

    // Then opening it shows only the new content, and nothing else is left in the directory
    let db = try AtlasDatabase.open(file)
    #expect(try db.techniques().map(\.name) == ["Input mixup"])
    #expect(try db.card("one-cycle-lr") == nil)
    #expect(try Data(contentsOf: file) != before)
    #expect(try directory.contents() == ["atlas.sqlite"])
  }

  @Test func readersOfTheOldFileKeepTheirSnapshotDuringARebuild() throws {
    // Given a database built from the fixture and opened by a reader
    let directory = try Directory()
    let file = directory.url.appendingPathComponent("atlas.sqlite")
    try importAndBuild(try FixtureProject(), at: file)
    let old = try AtlasDatabase.open(file)
    #expect(try old.techniques().count == 2)

    // When the file is replaced by a build with one technique fewer
    let changed = try FixtureProject.with([
      "taxonomy/techniques/mixup.yaml": FixtureProject.mixupYAML
        .replacingOccurrences(of: "relations:\n  composes-with: [one-cycle-lr]\n", with: "")
    ])
    try changed.remove("taxonomy/techniques/one-cycle-lr.yaml")
    try importAndBuild(changed, at: file)

    // Then the old reader still sees a whole old database, and a new one sees the new one
    #expect(try old.techniques().count == 2)
    #expect(try AtlasDatabase.open(file).techniques().count == 1)
  }

  @Test func failedImportLeavesTheOldDatabaseUntouched() throws {
    // Given a database built from the valid fixture
    let directory = try Directory()
    let file = directory.url.appendingPathComponent("atlas.sqlite")
    try importAndBuild(try FixtureProject(), at: file)
    let before = try Data(contentsOf: file)

    // When a rebuild is attempted from a broken project
    let broken = try FixtureProject.with([
      "taxonomy/techniques/mixup.yaml": FixtureProject.mixupYAML.replacingOccurrences(of: "summary:", with: "sumary:")
    ])
    let failure = #expect(throws: ImportFailure.self) { try importAndBuild(broken, at: file) }

    // Then the import reports its problems, the old file is byte-identical and still opens,
    // and no temporary file is left behind
    #expect(failure?.problems.count == 2)
    #expect(try Data(contentsOf: file) == before)
    #expect(try AtlasDatabase.open(file).techniques().count == 2)
    #expect(try directory.contents() == ["atlas.sqlite"])
  }

  @Test func failedWriteLeavesTheOldDatabaseUntouched() throws {
    // Given a database built from the valid fixture
    let directory = try Directory()
    let file = directory.url.appendingPathComponent("atlas.sqlite")
    let catalog = try FixtureProject().load()
    try AtlasDatabase.build(catalog, at: file)
    let before = try Data(contentsOf: file)

    // When a build fails halfway through writing (a technique inserted twice breaks the
    // primary key after the papers, surveys and nodes are already in)
    var bad = catalog
    bad.techniques.append(catalog.techniques[1])
    #expect(throws: (any Error).self) { try AtlasDatabase.build(bad, at: file) }

    // Then the old file is byte-identical, still opens, and no temporary file is left behind
    #expect(try Data(contentsOf: file) == before)
    #expect(try AtlasDatabase.open(file).techniques().count == 2)
    #expect(try directory.contents() == ["atlas.sqlite"])
  }

  @Test func openingAMissingFileThrows() throws {
    // Given a directory without a database
    let directory = try Directory()

    // When it is opened, then it throws rather than creating an empty database
    #expect(throws: (any Error).self) { try AtlasDatabase.open(directory.url.appendingPathComponent("atlas.sqlite")) }
    #expect(try directory.contents() == [])
  }

  @Test func inMemoryDatabaseHoldsTheCatalog() throws {
    // Given the fixture catalog
    let catalog = try FixtureProject().load()

    // When it is written to memory
    let db = try AtlasDatabase.inMemory(catalog)

    // Then every technique can be listed and carded
    #expect(try db.techniques().count == catalog.techniques.count)
    for t in catalog.techniques { #expect(try db.card(t.id)?.technique.name == t.name) }
  }
}
