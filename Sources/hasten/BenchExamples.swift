// `hasten bench [--quick]`: measures every example in sequence (each exactly as `hasten run`
// does, results saved under results/) and prints one summary line per example.
import ArgumentParser
import Examples
import Foundation
import Results
import Training

extension Hasten {
  struct BenchExamples: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "examples",
      abstract: "Measure every example in sequence and print a summary table (the default of `hasten bench`).")

    @Flag(help: "How much to measure per example: --smoke, --quick (default) or --full.")
    var profile: Profile = .quick

    @Option(name: .customLong("only"), help: "Measure only these examples (repeatable).")
    var only: [String] = []

    @Flag(help: "Print the result sets as JSON.")
    var json = false

    func run() throws {
      let paths = try ProjectPaths.locate()
      let slugs = only.isEmpty ? Examples.all.keys.sorted() : only
      for slug in slugs where Examples.all[slug] == nil {
        throw usageError("No example for '\(slug)'. Examples: \(Examples.all.keys.sorted().joined(separator: ", ")).")
      }
      let clock = ContinuousClock.now
      var sets: [ResultSet] = []
      var seconds: [Double] = []
      for slug in slugs {
        let start = ContinuousClock.now
        let (set, _) = try measureExample(
          Examples.all[slug]!, paths: paths, profile: profile, seeds: nil, budgets: nil, output: nil, announce: false)
        sets.append(set)
        seconds.append((ContinuousClock.now - start).seconds)
        FileHandle.standardError.write(Data("\(slug): \(set.summary?.verdict.rawValue ?? "incomplete")\n".utf8))
      }
      if json { return try printJSON(sets) }
      let table = TextTable(header: ["example", "workload", "steps to target", "wall-clock speedup [95%]", "verdict", "measured in"])
      for (set, s) in zip(sets, seconds) {
        let summary = set.summary
        table.add([
          set.example, set.workload, summary.map { ResultText.speedupText($0.steps) } ?? "-",
          summary.map { ResultText.speedupText($0.wallClock) } ?? "-", summary?.verdict.rawValue ?? "incomplete",
          ProgressLine.duration(s),
        ])
      }
      print(table.render(), terminator: "")
      print("\(sets.count) examples, \(profile.rawValue) profile, in \(ProgressLine.duration((ContinuousClock.now - clock).seconds))")
    }
  }
}
