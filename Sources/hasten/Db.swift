// `hasten db build` and `hasten db check`: the knowledge base from taxonomy/.
import ArgumentParser
import Atlas
import Foundation

extension Hasten {
  struct Db: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "db",
      abstract: "Build or check the atlas database from taxonomy/.",
      subcommands: [Build.self, Check.self])

    struct Build: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Validate taxonomy/ and build the database (the old one stays if anything is wrong).")

      @Option(help: "Where to write the database (default: atlas.sqlite beside taxonomy/).")
      var db: String?

      func run() throws {
        let paths = try ProjectPaths.locate()
        try buildDatabase(paths, to: db.map { URL(fileURLWithPath: $0) } ?? paths.defaultDatabase, quiet: false)
      }
    }

    struct Check: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate taxonomy/ without writing anything; list every problem; check the database file's integrity.")

      @Option(help: "The database to check (default: atlas.sqlite beside taxonomy/, if it exists).")
      var db: String?

      func run() throws {
        let paths = try ProjectPaths.locate()
        let catalog = try TaxonomyImporter.load(root: paths.root)
        print("taxonomy/ is valid: \(catalog.techniques.count) techniques, \(catalog.papers.count) papers, \(catalog.nodes.count) nodes")
        let file = db.map { URL(fileURLWithPath: $0) } ?? paths.defaultDatabase
        guard FileManager.default.fileExists(atPath: file.path) else {
          if db != nil { throw CLIError("no database at \(file.path)", hint: "run hasten db build") }
          return
        }
        let problems = try AtlasDatabase.open(file).integrityProblems()
        guard problems.isEmpty else {
          throw CLIError("\(file.lastPathComponent) is damaged: \(problems.joined(separator: "; "))", hint: "run hasten db build to rebuild it")
        }
        print("\(file.lastPathComponent): integrity ok")
      }
    }
  }
}
