// `hasten bench engine`: times the engine's training steps (Training's EngineBench) and prints
// ms/step, GFLOP/s and the fraction of plain sgemm throughput on the same GEMM shapes.
// Build in release mode for meaningful numbers (`swift build -c release --static-swift-stdlib`,
// as scripts/main does).
import ArgumentParser
import Foundation
import Tensor
import Training

extension Hasten {
  struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "bench",
      abstract: "Measure every example (the default) or the engine.",
      subcommands: [BenchExamples.self, BenchEngine.self], defaultSubcommand: BenchExamples.self)
  }

  struct BenchEngine: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "engine",
      abstract: "Time training steps of the tensor engine against sgemm on the same shapes.")

    @Option(name: .customLong("shape"), help: "A step to time: mlp, cnn or transformer (repeatable; default: all).")
    var shapes: [BenchShape] = []

    @Option(name: .customLong("threads"), help: "BLAS thread counts to run (repeatable; default: 1 and 2).")
    var threadCounts: [Int] = []

    @Option(help: "Timed steps per measurement (the median is reported).")
    var steps = 20

    @Flag(help: "Also show where the steps' time goes, op by op (forward and backward).")
    var profile = false

    @Flag(help: "Print the results as JSON.")
    var json = false

    func validate() throws {
      if steps < 1 { throw ValidationError("--steps must be at least 1") }
      if threadCounts.contains(where: { $0 < 1 }) { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
      let shapes = self.shapes.isEmpty ? BenchShape.allCases : self.shapes
      let threads = threadCounts.isEmpty ? [1, 2] : threadCounts
      if !json {
        print("engine benchmark: \(BLASThreads.config)")
        print("shape        threads  ms/step (best)    GFLOP/s  sgemm GFLOP/s  of sgemm  GFLOP/step")
      }
      var results: [EngineBenchResult] = []
      for shape in shapes {
        for t in threads {
          let r = EngineBench.run(shape, threads: t, steps: steps)
          results.append(r)
          guard !json else { continue }
          print(
            shape.rawValue.padded(to: 12)
              + String(
                format: " %7d  %7.2f (%6.2f)  %7.1f  %13.1f  %7.0f%%  %10.3f", t, r.msPerStep, r.bestMsPerStep,
                r.gflops, r.sgemmGFLOPs, 100 * r.fractionOfSgemm, Double(r.flopsPerStep) / 1e9))
        }
      }
      if profile && !json {
        for shape in shapes {
          for t in threads { printProfile(EngineBench.profile(shape, threads: t, steps: steps), shape: shape, threads: t) }
        }
      }
      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(results), as: UTF8.self))
      }
    }
  }
}

/// The ops that take the most time per step, forward and backward, with their share.
private func printProfile(_ profile: OpProfile, shape: BenchShape, threads: Int, top: Int = 12) {
  let (steps, total) = (Double(profile.stepCount), profile.total.seconds)
  print("\n\(shape.rawValue), \(threads) thread\(threads == 1 ? "" : "s"): ms per step by op (\(String(format: "%.1f", 1e3 * total / steps)) in all)")
  var rows = profile.forward.map { ($0.key, $0.value.seconds) } + profile.backward.map { ("\($0.key) backward", $0.value.seconds) }
  rows.append(("(between ops)", profile.betweenOps.seconds))
  for (name, seconds) in rows.sorted(by: { $0.1 > $1.1 }).prefix(top) {
    print("  " + name.padded(to: 24) + String(format: " %8.2f  %5.1f%%", 1e3 * seconds / steps, 100 * seconds / total))
  }
}

extension BenchShape: ExpressibleByArgument {}
