// `hasten list`: techniques, filtered by either survey's tree, cost, domain or example.
import ArgumentParser
import Atlas
import Foundation
import Results

extension Hasten {
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List techniques, optionally filtered.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Only techniques classified in this survey's tree (shen2023, bartoldson2023); the table shows only its columns.")
    var survey: String?
    @Option(help: "A node of Shen's tree (a perspective or a leaf), by id or name.")
    var perspective: String?
    @Option(help: "Any taxonomy node of either survey, by id or name.")
    var category: String?
    @Option(help: "A node of Bartoldson's component axis (data, function, optimization).")
    var component: String?
    @Option(help: "A node of Bartoldson's action axis.")
    var action: String?
    @Option(help: "A node of Bartoldson's mechanism axis.")
    var mechanism: String?
    @Option(help: "How it saves cost: \(Vocabulary.saves.joined(separator: ", ")).")
    var saves: String?
    @Option(help: "A domain: \(Vocabulary.domains.joined(separator: ", ")).")
    var domain: String?
    @Flag(help: "Only techniques with a runnable example.")
    var hasExample = false
    @Option(help: "Only techniques whose measurement has this verdict: \(Verdict.allCases.map(\.rawValue).joined(separator: ", ")).")
    var verdict: String?

    func validate() throws {
      if let saves, !Vocabulary.saves.contains(saves) {
        throw ValidationError("--saves must be one of: \(Vocabulary.saves.joined(separator: ", "))")
      }
      if let verdict, Verdict(rawValue: verdict) == nil {
        throw ValidationError("--verdict must be one of: \(Verdict.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      if let survey, !["shen2023", "bartoldson2023"].contains(survey) {
        throw ValidationError("--survey must be shen2023 or bartoldson2023")
      }
      if let domain, !Vocabulary.domains.contains(domain) {
        throw ValidationError("--domain must be one of: \(Vocabulary.domains.joined(separator: ", "))")
      }
    }

    func run() throws {
      var filter = TechniqueFilter()
      filter.nodes = [perspective, category, component, action, mechanism].compactMap { $0 }
      filter.survey = survey
      filter.saves = saves
      filter.domain = domain
      filter.hasExample = hasExample ? true : nil
      filter.verdict = verdict
      let rows: [TechniqueRow]
      do {
        rows = try options.openAtlas().techniques(filter)
      } catch let unknown as UnknownName {
        throw usageError(unknown.sentence)
      }
      if options.json { return try printJSON(rows) }
      let showShen = survey != "bartoldson2023", showBartoldson = survey != "shen2023"
      let table = TextTable(
        header: ["slug", "name"] + (showShen ? ["shen"] : []) + (showBartoldson ? ["component / action / mechanism"] : [])
          + ["saves", "example", "measured"])
      for r in rows {
        let bartoldson = [r.component, r.action, r.mechanism].map { $0.joined(separator: ", ") }.joined(separator: " / ")
        table.add(
          [r.id, r.name] + (showShen ? [r.shen.joined(separator: ", ")] : []) + (showBartoldson ? [bartoldson] : [])
            + [r.saves.joined(separator: ", "), r.example == nil ? "" : "yes", measured(r)])
      }
      print(table.render(), terminator: "")
      print("\(rows.count) technique\(rows.count == 1 ? "" : "s")")
    }

    /// "faster 1.31x [1.12, 1.50]", or nothing when unmeasured.
    private func measured(_ r: TechniqueRow) -> String {
      guard let verdict = r.verdict else { return "" }
      // A speedup of 0 (the technique never reached the target) says no more than the verdict.
      guard let x = r.speedup, x > 0 else { return verdict }
      let low = r.speedupLow.map(ResultText.formatRatio) ?? "0", high = r.speedupHigh.map(ResultText.formatRatio) ?? "inf"
      return "\(verdict) \(ResultText.formatRatio(x))x [\(low), \(high)]"
    }
  }
}
