// `hasten run SLUG`: runs a technique's reference implementation against its workload's
// baseline and prints both arms' quality and time.
import ArgumentParser
import Atlas
import Examples
import Foundation
import Training

extension Hasten {
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run a technique's example: baseline and technique, side by side.")

    @Argument(help: "The technique's slug (see `hasten list --has-example`).")
    var slug: String

    @Flag(help: "How much to measure: --smoke (seconds, one seed), --quick (three seeds) or --full (five).")
    var profile: Profile = .smoke

    @Option(help: "Number of seeds (default: the profile's).")
    var seeds: Int?

    @Flag(help: "Print the records as JSON.")
    var json = false

    func validate() throws {
      if let seeds, seeds < 1 { throw ValidationError("--seeds must be at least 1") }
    }

    func run() throws {
      guard let technique = Examples.all[slug] else {
        let known = Examples.all.keys.sorted()
        let suggestion = suggestions(for: slug, in: known).first.map { " Did you mean '\($0)'?" } ?? ""
        throw usageError("No example for '\(slug)'.\(suggestion) Examples: \(known.joined(separator: ", ")).")
      }
      let paths = try ProjectPaths.locate()
      let data = try technique.workload.data(in: paths.data)
      let workload = technique.workload
      let recipe = workload.baseline
      let seedList = (0..<UInt64(seeds ?? profile.seeds)).map { $0 + 1 }
      if !json {
        print("\(slug) on \(workload.name): \(workload.summary)")
        print("profile \(profile.rawValue): \(recipe.steps) steps of batch \(recipe.batchSize), seeds \(seedList.map(String.init).joined(separator: ","))")
      }
      let records = compare(technique, data: data, recipe: recipe, seeds: seedList) { record in
        guard !json else { return }
        let status = record.diverged ? "  DIVERGED" : ""
        let reached = record.points.first { $0.validationAccuracy >= workload.targetAccuracy }
        let toTarget = reached.map { String(format: "%.2f s (step %d)", $0.seconds, $0.step) } ?? "not reached"
        let arm = record.arm.padding(toLength: 10, withPad: " ", startingAt: 0)
        let accuracies = String(
          format: "test acc %.4f  val acc %.4f  train %.2f s", record.testAccuracy,
          record.points.last?.validationAccuracy ?? .nan, record.trainSeconds)
        print("  \(arm) seed \(record.seed)  \(accuracies)  to \(Int(workload.targetAccuracy * 100))% val: \(toTarget)\(status)")
      }
      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(records), as: UTF8.self))
      }
    }
  }
}

extension Profile: EnumerableFlag {}
