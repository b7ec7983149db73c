// A technique ready to measure against its workload's baseline, and how much measuring each
// profile does. The measurement itself is Measure/Measurement.swift.
import Foundation
import Tensor

/// How much measuring to do.
public enum Profile: String, Sendable, Codable, CaseIterable {
  /// Seconds, one seed, full budget only: tests and CI.
  case smoke
  /// About a minute per example on two cores: three seeds, two budgets.
  case quick
  /// The published results: five seeds, four budgets.
  case full

  public var seeds: Int {
    switch self {
    case .smoke: 1
    case .quick: 3
    case .full: 5
    }
  }

  /// Fractions of the baseline's step budget; the schedule is rescaled to each.
  public var budgets: [Double] {
    switch self {
    case .smoke: [1]
    case .quick: [0.5, 1]
    case .full: [0.25, 0.5, 0.75, 1]
    }
  }

  /// Alternating blocks of the A/B step timing, which runs each arm's whole recipe once.
  public var timingBlocks: Int {
    switch self {
    case .smoke: 6
    case .quick: 20
    case .full: 40
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

  /// A fresh training state for one arm: the same initialisation and data order per seed for
  /// both arms, so only the algorithms differ.
  public func makeState(seed: UInt64, recipe: Recipe) -> TrainState {
    var initRNG = RNG(seed: seed)
    let model = workload.model(&initRNG)
    let optimizer = recipe.makeOptimizer(model.parameters.map(\.tensor))
    return TrainState(model: model, optimizer: optimizer, recipe: recipe, rng: RNG(seed: seed &+ 0x7EC4))
  }

  /// The algorithms of `arm`: none for the baseline.
  public func algorithms(arm: String) -> [any Algorithm] { arm == "baseline" ? [] : makeAlgorithms() }
}
