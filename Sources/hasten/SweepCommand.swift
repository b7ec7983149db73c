// `hasten sweep WORKLOAD`: the learning-rate sweep that tunes a workload's baseline, saved to
// results/sweeps/<workload>.json.
import ArgumentParser
import Foundation
import Results
import Training

extension Hasten {
  struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "sweep",
      abstract: "Sweep a workload's baseline learning rate over seeds and record the result.")

    @Argument(help: "The workload: \(Workload.all.keys.sorted().joined(separator: ", ")).")
    var workload: String

    @Option(help: "Comma-separated learning rates (default: the baseline's times 0.25, 0.5, 1, 2, 4).")
    var learningRates: String?

    @Option(help: "Seeds per learning rate.")
    var seeds = 2

    @Flag(help: "Print the sweep as JSON.")
    var json = false

    func run() throws {
      guard let w = Workload.all[workload] else {
        throw usageError("No workload '\(workload)'. Workloads: \(Workload.all.keys.sorted().joined(separator: ", ")).")
      }
      let rates = try learningRates.map { text in
        try text.split(separator: ",").map { part -> Double in
          guard let v = Double(part.trimmingCharacters(in: .whitespaces)), v > 0 else { throw usageError("--learning-rates must be positive numbers") }
          return v
        }
      } ?? [0.25, 0.5, 1, 2, 4].map { Double(w.baseline.learningRate) * $0 }
      let paths = try ProjectPaths.locate()
      let data = try w.data(in: paths.data)
      let line = ProgressLine()
      var done = 0
      let total = rates.count * seeds
      let result = Training.sweep(
        w, data: data, learningRates: rates, seeds: (1...UInt64(seeds)).map { $0 }, date: ISO8601DateFormatter().string(from: Date()),
        commit: GitInfo.commit(at: paths.root)
      ) { message in
        line.update("\(w.name): \(message)", done: Double(done) / Double(total))
        done += 1
      }
      line.finish()
      let file = paths.root.appendingPathComponent("results/sweeps/\(w.name).json")
      try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      try encoder.encode(result).write(to: file, options: .atomic)
      if json { return try printJSON(result) }
      let table = TextTable(header: ["learning rate", "median final \(result.metric)", "per seed", "train s (median)", "diverged"])
      for p in result.points {
        table.add([
          String(p.learningRate), p.medianFinal.map { String(format: "%.4f", $0) } ?? "-",
          p.runs.map { $0.finalMetric.map { String(format: "%.4f", $0) } ?? "nan" }.joined(separator: " "),
          String(format: "%.2f", median(p.runs.map(\.trainSeconds)) ?? 0), String(p.runs.filter(\.diverged).count),
        ])
      }
      print(table.render(), terminator: "")
      if let best = result.best { print("best: learning rate \(best.learningRate) (baseline uses \(w.baseline.learningRate))") }
      print("saved results/sweeps/\(w.name).json")
    }
  }
}
