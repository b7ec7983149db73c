// A learning-rate sweep of a workload's baseline: the record that justifies the baseline recipe
// and its target (a weak baseline makes every speedup a lie). Each learning rate is trained
// over a few seeds at full budget; the sweep keeps each run's final quality and curve.
import Foundation
import Results

/// One learning rate's runs.
public struct SweepPoint: Codable, Sendable, Equatable {
  public var learningRate: Double
  public var runs: [RunResult]
  /// Median final validation metric over seeds (nil when every run diverged).
  public var medianFinal: Double?
}

/// A recorded sweep: results/sweeps/<workload>.json.
public struct Sweep: Codable, Sendable, Equatable {
  public var workload: String
  public var date: String
  public var commit: String?
  public var machine: Machine
  public var recipe: Recipe
  public var metric: String
  public var higherIsBetter: Bool
  public var points: [SweepPoint]

  /// The learning rate with the best median final quality.
  public var best: SweepPoint? {
    points.filter { $0.medianFinal != nil }.max { a, b in
      higherIsBetter ? a.medianFinal! < b.medianFinal! : a.medianFinal! > b.medianFinal!
    }
  }
}

/// Trains `workload`'s baseline at each learning rate over `seeds`.
public func sweep(
  _ workload: Workload, data: (train: Dataset, validation: Dataset, test: Dataset), learningRates: [Double], seeds: [UInt64],
  date: String, commit: String?, progress: (String) -> Void = { _ in }
) -> Sweep {
  let technique = Technique(slug: "baseline", workload: workload) { [] }
  var points: [SweepPoint] = []
  for lr in learningRates {
    var recipe = workload.baseline
    recipe.learningRate = Float(lr)
    var runs: [RunResult] = []
    for seed in seeds {
      progress("learning rate \(lr), seed \(seed)")
      let trainer = Trainer(train: data.train, validation: data.validation, test: data.test, evaluations: workload.evaluations)
      let record = trainer.fit(technique.makeState(seed: seed, recipe: recipe), algorithms: [], arm: "baseline", seed: seed)
      runs.append(RunResult(record, budget: 1, plannedSteps: recipe.steps, target: workload.target))
    }
    points.append(SweepPoint(learningRate: lr, runs: runs, medianFinal: median(runs.compactMap(\.finalMetric))))
  }
  return Sweep(
    workload: workload.name, date: date, commit: commit, machine: .current(), recipe: workload.baseline, metric: workload.target.metric,
    higherIsBetter: workload.target.higherIsBetter, points: points)
}
