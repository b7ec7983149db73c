// The default database is rebuilt exactly when a source is newer: a copy of the project's
// sources in a temporary folder, queried, changed and queried again.
import Foundation
import Testing

@Suite struct StalenessTests {
  @Test func aChangedSourceRebuildsTheDatabaseAndAnUnchangedOneDoesNot() throws {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("hasten-stale-\(UUID().uuidString)")
    defer { try? fm.removeItem(at: root) }
    try fm.createDirectory(at: root, withIntermediateDirectories: true)
    for folder in ["taxonomy", "examples", "results"] {
      try fm.copyItem(at: repositoryRoot.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
    }
    let database = root.appendingPathComponent("atlas.sqlite")
    func builtAt() throws -> Date { try fm.attributesOfItem(atPath: database.path)[.modificationDate] as! Date }

    #expect(try hasten(["list", "--json"], root: root).status == 0)
    let first = try builtAt()
    #expect(try hasten(["list", "--json"], root: root).status == 0)
    #expect(try builtAt() == first, "an unchanged project must not be rebuilt")

    // A new, broken results file: the next query rebuilds, and the import names the file.
    Thread.sleep(forTimeInterval: 0.05)
    let bad = root.appendingPathComponent("results/mixup/broken.json")
    try Data("{".utf8).write(to: bad)
    let broken = try hasten(["list"], root: root)
    #expect(broken.status != 0 && broken.stderr.contains("results/mixup/broken.json"), "\(broken.stderr)")
    #expect(try builtAt() == first, "a failed import must leave the database as it was")

    // Removing it changes the folder's time: rebuilt again, now successfully.
    try fm.removeItem(at: bad)
    #expect(try hasten(["list", "--json"], root: root).status == 0)
    #expect(try builtAt() > first)
  }
}

@Suite struct ProvenanceTests {
  @Test func aBinaryOlderThanItsSourcesMarksTheCommitStale() throws {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("hasten-provenance-\(UUID().uuidString)")
    defer { try? fm.removeItem(at: root) }
    try fm.createDirectory(at: root.appendingPathComponent("Sources"), withIntermediateDirectories: true)
    try fm.copyItem(at: repositoryRoot.appendingPathComponent("taxonomy"), to: root.appendingPathComponent("taxonomy"))
    try fm.createSymbolicLink(at: root.appendingPathComponent("data"), withDestinationURL: repositoryRoot.appendingPathComponent("data"))
    // A source written after the binary was built, committed so the tree is clean.
    try Data("// edited after the build\n".utf8).write(to: root.appendingPathComponent("Sources/edited.swift"))
    for arguments in [["init", "-q"], ["add", "Sources"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "x"]] {
      let git = Process()
      git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      git.arguments = ["git", "-C", root.path] + arguments
      try git.run()
      git.waitUntilExit()
      try #require(git.terminationStatus == 0, "git \(arguments)")
    }
    let output = root.appendingPathComponent("mixup.json")
    let r = try hasten(["run", "mixup", "--smoke", "--output", output.path], root: root)
    #expect(r.status == 0, "\(r.stderr)")
    let commit = try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any]
    #expect((commit?["commit"] as? String)?.hasSuffix("+stale-build") == true, "\(commit?["commit"] ?? "none")")
  }
}
