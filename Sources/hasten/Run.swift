// `hasten run SLUG`: measures a technique's reference implementation against its workload's
// baseline under the protocol of DESIGN §4 and saves the result set under results/.
import ArgumentParser
import Atlas
import Examples
import Foundation
import Results
import Training

extension Hasten {
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "run",
      abstract: "Measure a technique's example against its baseline: seeds, budgets, time to target, speedup.",
      discussion: """
        Runs baseline and technique over seeds and step budgets, times their steps with an \
        interleaved A/B benchmark, and prints time to target in steps, FLOPs and seconds with \
        95% bootstrap intervals and a verdict. The result set is saved to \
        results/<slug>/<profile>.json after every run, so an interrupted measurement keeps the \
        finished runs.
        """)

    @Argument(help: "The technique's slug (see `hasten list --has-example`).")
    var slug: String

    @Flag(help: "How much to measure: --smoke (seconds, one seed), --quick (three seeds, two budgets) or --full (five seeds, four budgets).")
    var profile: Profile = .smoke

    @Option(help: "Number of seeds (default: the profile's).")
    var seeds: Int?

    @Option(help: "Comma-separated fractions of the baseline's step budget, e.g. 0.25,0.5,1 (default: the profile's).")
    var budgets: String?

    @Option(help: "Where to write the result set (default: results/<slug>/<profile>.json in the project).")
    var output: String?

    @Flag(help: "Print the result set as JSON.")
    var json = false

    func validate() throws {
      if let seeds, seeds < 1 { throw ValidationError("--seeds must be at least 1") }
      if let budgets, parsedBudgets(budgets) == nil {
        throw ValidationError("--budgets must be comma-separated numbers in (0, 1], e.g. 0.5,1")
      }
    }

    func parsedBudgets(_ text: String) -> [Double]? {
      let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0! > 0 && $0! <= 1 }) else { return nil }
      return values.compactMap { $0 }
    }

    func run() throws {
      guard let technique = Examples.all[slug] else {
        let known = Examples.all.keys.sorted()
        let suggestion = suggestions(for: slug, in: known).first.map { " Did you mean '\($0)'?" } ?? ""
        throw usageError("No example for '\(slug)'.\(suggestion) Examples: \(known.joined(separator: ", ")).")
      }
      let paths = try ProjectPaths.locate()
      let (set, file) = try measureExample(
        technique, paths: paths, profile: profile, seeds: seeds, budgets: budgets.flatMap(parsedBudgets),
        output: output.map { URL(fileURLWithPath: $0) }, announce: !json)
      if json { return try printJSON(set) }
      print(ResultText.header(set), terminator: "")
      print(ResultText.runs(set), terminator: "")
      print()
      print(ResultText.summary(set), terminator: "")
      print("saved \(file.path.hasPrefix(paths.root.path + "/") ? String(file.path.dropFirst(paths.root.path.count + 1)) : file.path)")
    }
  }
}

extension Profile: EnumerableFlag {}

/// Measures one example under `profile` (seeds and budgets default to the profile's), saving
/// the result set after every run; shows progress on standard error.
func measureExample(
  _ technique: Training.Technique, paths: ProjectPaths, profile: Profile, seeds: Int?, budgets: [Double]?, output: URL?, announce: Bool
) throws -> (ResultSet, URL) {
  let slug = technique.slug
  let data = try technique.workload.data(in: paths.data)
  let workload = technique.workload
  let file = output ?? ResultsFile.url(root: paths.root, example: slug, profile: profile.rawValue)
  let seedList = (0..<UInt64(seeds ?? profile.seeds)).map { $0 + 1 }
  let header = ResultSet(
    example: slug, workload: workload.name, profile: profile.rawValue, date: ISO8601DateFormatter().string(from: Date()),
    commit: GitInfo.commit(at: paths.root), machine: .current(), target: workload.target, budgets: [], seeds: [])
  let line = ProgressLine()
  if announce { print("\(slug) on \(workload.name): \(workload.summary)") }
  let set = try measure(
    technique, data: data, profile: profile, seeds: seedList, budgets: budgets ?? profile.budgets, header: header,
    save: { try ResultsFile.write($0, to: file) }
  ) { event in
    switch event {
    case .runStarted(let index, let total, let arm, let seed, let budget, let done, let all):
      line.update(
        "\(slug): run \(index + 1)/\(total): \(arm), seed \(seed), budget \(ResultText.formatNumber(budget))", done: Double(done) / Double(max(1, all)))
    case .runFinished(let run):
      if run.diverged { line.log("  \(run.arm) seed \(run.seed) budget \(ResultText.formatNumber(run.budget)) DIVERGED at step \(run.steps)") }
    case .timedPairStarted(let index, let total, let seed, let budget, let blocks, let done, let all):
      line.update(
        "\(slug): runs \(index + 1)-\(index + 2)/\(total): baseline and technique, seed \(seed), budget \(ResultText.formatNumber(budget)), "
          + "taking turns in \(blocks) blocks (the A/B step timing)", done: Double(done) / Double(max(1, all)))
    case .finished:
      line.finish()
    }
  }
  return (set, file)
}
