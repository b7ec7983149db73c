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
      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(results), as: UTF8.self))
      }
    }
  }
}

extension BenchShape: ExpressibleByArgument {}
