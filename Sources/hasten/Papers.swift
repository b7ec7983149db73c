// `hasten papers`: the bibliography, filtered by year, survey or verification.
import ArgumentParser
import Atlas
import Foundation

extension Hasten {
  struct Papers: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "papers", abstract: "List the papers in the bibliography.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Only papers from this year.")
    var year: Int?

    @Option(help: "Only papers this survey is believed to cite: shen2023 or bartoldson2023.")
    var survey: String?

    @Option(help: "yes: only papers whose record was checked against a public source; no: only the others.")
    var verified: YesNo?

    func run() throws {
      let rows: [PaperRow]
      do {
        rows = try options.openAtlas().papers(PaperFilter(year: year, survey: survey, verified: verified.map { $0 == .yes }))
      } catch let unknown as UnknownName {
        throw usageError(unknown.sentence)
      }
      if options.json { return try printJSON(rows) }
      let table = TextTable(header: ["key", "year", "authors", "title", "verified", "surveys"])
      for p in rows {
        table.add([p.id, String(p.year), authorsShort(p.authors), truncated(p.title, 64), p.verified ? "yes" : "no", p.surveys.joined(separator: " ")])
      }
      print(table.render(), terminator: "")
      let checked = rows.filter(\.verified).count
      let share = rows.isEmpty ? 0 : Int((Double(checked) / Double(rows.count) * 100).rounded())
      print("\(rows.count) paper\(rows.count == 1 ? "" : "s"), \(checked) verified (\(share)%)")
    }
  }
}

enum YesNo: String, ExpressibleByArgument, CaseIterable {
  case yes, no
}

/// `s` cut to `n` characters with an ellipsis.
func truncated(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }
