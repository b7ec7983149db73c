// `hasten db build` and `hasten db check`: the knowledge base from taxonomy/.
import ArgumentParser
import Atlas
import Foundation

extension Hasten {
  struct Db: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Build or check the atlas database from taxonomy/.",
      subcommands: [Build.self, Check.self])

    struct Build: ParsableCommand {
      static let configuration = CommandConfiguration(
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
        abstract: "Validate taxonomy/ without writing anything; list every problem.")

      func run() throws {
        let paths = try ProjectPaths.locate()
        let catalog = try TaxonomyImporter.load(root: paths.root)
        print("taxonomy/ is valid: \(catalog.techniques.count) techniques, \(catalog.papers.count) papers, \(catalog.nodes.count) nodes")
      }
    }
  }
}
