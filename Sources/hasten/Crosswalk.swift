// `hasten crosswalk`: how the two surveys' taxonomies meet, as a matrix of technique counts.
import ArgumentParser
import Atlas
import Foundation

extension Hasten {
  struct CrosswalkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "crosswalk",
      abstract: "Count techniques by Shen perspective (rows) and Bartoldson axis value (columns).")

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Rows are Shen's leaves instead of its five perspectives.")
    var leaves = false

    @Option(help: "The Bartoldson axis for the columns: component, action or mechanism.")
    var columns = "component"

    func validate() throws {
      guard ["component", "action", "mechanism"].contains(columns) else {
        throw ValidationError("--columns must be component, action or mechanism")
      }
    }

    func run() throws {
      let matrix = try options.openAtlas().crosswalk(rowLeaves: leaves, columns: columns)
      if options.json { return try printJSON(matrix) }
      let table = TextTable(header: ["shen \\ bartoldson " + columns] + matrix.columns.map(\.name) + ["all"])
      for (r, row) in matrix.rows.enumerated() {
        table.add([row.name] + matrix.techniques[r].map { String($0.count) } + [String(row.total)])
      }
      table.add(["all"] + matrix.columns.map { String($0.total) } + [""])
      print(table.render(), terminator: "")
      print(Style.dim("A technique can sit in several cells; `hasten list --perspective P --\(columns) C` lists a cell."))
    }
  }
}
