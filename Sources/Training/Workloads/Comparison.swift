// Runs a workload's baseline and a technique side by side over seeds: the same code path,
// the same data order and initialisation per seed; only the algorithms differ.
import Foundation
import Tensor

/// How much measuring to do.
public enum Profile: String, Sendable, Codable, CaseIterable {
  /// A few seconds per arm, one seed: tests and CI.
  case smoke
  /// About a minute per example, three seeds.
  case quick
  /// Five seeds: the published results.
  case full

  public var seeds: Int {
    switch self {
    case .smoke: 1
    case .quick: 3
    case .full: 5
    }
  }
}

/// A technique ready to run on a workload: builds fresh algorithm instances per run.
public struct Technique: Sendable {
  public let slug: String
  public let workload: Workload
  public let makeAlgorithms: @Sendable () -> [any Algorithm]

  public init(slug: String, workload: Workload, makeAlgorithms: @escaping @Sendable () -> [any Algorithm]) {
    self.slug = slug
    self.workload = workload
    self.makeAlgorithms = makeAlgorithms
  }
}

/// Runs the baseline and the technique for `seeds` seeds and returns both arms' records,
/// interleaved (baseline, technique, baseline, ...) so machine drift hits both alike.
public func compare(
  _ technique: Technique, data: (train: Dataset, validation: Dataset, test: Dataset),
  recipe: Recipe, seeds: [UInt64], progress: (RunRecord) -> Void = { _ in }
) -> [RunRecord] {
  var records: [RunRecord] = []
  for seed in seeds {
    for arm in ["baseline", technique.slug] {
      var initRNG = RNG(seed: seed)
      let model = technique.workload.model(&initRNG)
      let optimizer = SGD(
        model.parameters.map(\.tensor), momentum: recipe.momentum, nesterov: recipe.nesterov,
        weightDecay: recipe.weightDecay)
      let state = TrainState(model: model, optimizer: optimizer, recipe: recipe, rng: RNG(seed: seed &+ 0x7EC4))
      let trainer = Trainer(train: data.train, validation: data.validation, test: data.test)
      let algorithms = arm == "baseline" ? [] : technique.makeAlgorithms()
      let record = trainer.fit(state, algorithms: algorithms, arm: arm, seed: seed)
      progress(record)
      records.append(record)
    }
  }
  return records
}
