// A workload fixes what a speedup is measured on: data, model, loss, baseline recipe and the
// quality that counts as "reached". Techniques change training; the workload stays put.
// The three workloads are in Workloads+*.swift.
import Foundation
import Results
import Tensor

/// A data set, a model and a tuned baseline recipe, with a target quality.
public struct Workload: Sendable {
  public let name: String
  public let summary: String
  /// The baseline recipe at full budget.
  public let baseline: Recipe
  /// The quality that counts as reached, chosen from the tuned baseline (see its definition).
  public let target: Target
  /// Evaluations per run (plus one at step 0): the resolution of time-to-target.
  public let evaluations: Int
  let makeModel: @Sendable (inout RNG) -> any Model
  let loadSplits: @Sendable (URL) throws -> (train: Dataset, validation: Dataset, test: Dataset)

  public init(
    name: String, summary: String, baseline: Recipe, target: Target, evaluations: Int = 20,
    makeModel: @escaping @Sendable (inout RNG) -> any Model,
    loadSplits: @escaping @Sendable (URL) throws -> (train: Dataset, validation: Dataset, test: Dataset)
  ) {
    self.name = name
    self.summary = summary
    self.baseline = baseline
    self.target = target
    self.evaluations = evaluations
    self.makeModel = makeModel
    self.loadSplits = loadSplits
  }

  /// A fresh model, initialised from `rng`.
  public func model(_ rng: inout RNG) -> any Model { makeModel(&rng) }

  /// Train, validation and test sets from the data folder (scripts/setup fills it). Splits
  /// are fixed, so every run and technique sees the same examples.
  public func data(in dataDirectory: URL) throws -> (train: Dataset, validation: Dataset, test: Dataset) {
    try loadSplits(dataDirectory)
  }

  /// Every workload, by name.
  public static let all: [String: Workload] = Dictionary(
    uniqueKeysWithValues: [digitsMLP, fashionMLP, fashionCNN, textTransformer].map { ($0.name, $0) })
}

extension Target {
  /// Validation accuracy at least `value`.
  public static func accuracy(_ value: Double) -> Target { Target(metric: "validation accuracy", higherIsBetter: true, value: value) }
  /// Validation loss (nats per label) at most `value`.
  public static func loss(_ value: Double) -> Target { Target(metric: "validation loss", higherIsBetter: false, value: value) }
}
