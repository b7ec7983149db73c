// A workload fixes what a speedup is measured on: data, model, loss, baseline recipe and the
// quality that counts as "reached". Techniques change training; the workload stays put.
import Foundation
import Results
import Tensor

/// A data set, a model and a tuned baseline recipe, with a target quality.
public struct Workload: Sendable {
  public let name: String
  public let summary: String
  /// The baseline recipe at full budget.
  public let baseline: Recipe
  /// Validation accuracy that counts as reaching the target.
  public let targetAccuracy: Float
  /// Evaluations per run (plus one at step 0): the resolution of time-to-target.
  public var evaluations: Int { 20 }

  /// The target in the results format.
  public var target: Target {
    // Through the decimal text, so 0.95 stays 0.95 rather than Float's 0.949999988...
    Target(metric: "validation accuracy", higherIsBetter: true, value: Double("\(targetAccuracy)") ?? Double(targetAccuracy))
  }
  let makeModel: @Sendable (inout RNG) -> any Model
  let loadData: @Sendable (URL) throws -> Dataset
  let split: (validation: Int, test: Int)

  /// A fresh model, initialised from `rng`.
  public func model(_ rng: inout RNG) -> any Model { makeModel(&rng) }

  /// Train, validation and test sets from the data folder (scripts/setup fills it). The
  /// split is fixed (seed 0) so every run and technique sees the same examples.
  public func data(in dataDirectory: URL) throws -> (train: Dataset, validation: Dataset, test: Dataset) {
    try loadData(dataDirectory).split(validation: split.validation, test: split.test, seed: 0)
  }
}

extension Workload {
  /// A 64-128-10 MLP on the UCI digits (1,797 8x8 images): trains in seconds, for smoke runs,
  /// tests and CI.
  public static let digitsMLP = Workload(
    name: "digits-mlp",
    summary: "MLP 64-128-10 on UCI handwritten digits (8x8), SGD with Nesterov momentum",
    baseline: Recipe(learningRate: 0.05, momentum: 0.9, nesterov: true, batchSize: 32, steps: 600, schedule: .cosine()),
    targetAccuracy: 0.95,
    makeModel: { rng in MLP(widths: [64, 128, 10], rng: &rng) },
    loadData: { dir in try Dataset.digits(csv: dir.appendingPathComponent("digits/digits.csv")) },
    split: (validation: 180, test: 360))

  /// Every workload, by name.
  public static let all: [String: Workload] = [digitsMLP.name: digitsMLP]
}
