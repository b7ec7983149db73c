// `hasten sql "SELECT ..."`: a read-only query against the atlas database.
import ArgumentParser
import Atlas
import Foundation

extension Hasten {
  struct Sql: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "sql",
      abstract: "Run one read-only SQL statement against the atlas database.",
      discussion: """
        Tables: technique, techniqueAlias, classification, taxonomyNode, survey, paper, \
        surveyCitation, techniquePaper, claim, relation, hyperparameter, caveat, example, \
        searchIndex (FTS5). Writes are refused: the database is rebuilt from taxonomy/.
        """)

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The statement, e.g. \"SELECT id, year FROM paper WHERE year < 2015\".")
    var statement: String

    func run() throws {
      let result: SQLResult
      do {
        result = try options.openAtlas().query(statement)
      } catch let error as SQLQueryError {
        throw usageError(error.description)
      }
      if options.json {
        let objects = result.rows.map { row in
          Dictionary(zip(result.columns, row), uniquingKeysWith: { first, _ in first })
        }
        return try printJSON(objects)
      }
      let table = TextTable(header: result.columns)
      for row in result.rows { table.add(row.map { truncated($0.description.replacingOccurrences(of: "\n", with: " "), 80) }) }
      print(table.render(), terminator: "")
      print("\(result.rows.count) row\(result.rows.count == 1 ? "" : "s")")
    }
  }
}
