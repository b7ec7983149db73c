// # FreezeOut
//
// Train each unit of the network (stem, residual blocks, head) only until its own point t_i
// of the run, annealing its learning rate to zero by then, and freeze it afterwards, earliest
// units first. With t₀ for the first unit and L units, the freeze points are
//
//     t_i = (t₀ + (1 − t₀) · i / (L − 1))³          (cubic spacing; the head gets t = 1)
//     lr_i(p) = (lr / t_i) · ½ (1 + cos(π p / t_i))   for p < t_i, and 0 after
//
// where p is the progress through the run and the factor 1 / t_i ("scaled" FreezeOut) lets
// units that stop early still travel far enough.
//
// **How it saves compute** (`cheaper-steps`): a frozen prefix runs without recording the
// autodiff graph, so backward stops at its output: no input or weight gradients are computed
// for it and the optimizer skips it. Early units run at the highest resolution, so in a CNN
// they are the most expensive per parameter. The forward pass is not saved (the input changes
// every step). Frozen weights stay bit-identical; their batch norms keep using batch
// statistics and updating their running ones, as in the reference implementation.
//
// Paper: Brock, Lim, Ritchie & Weston, "FreezeOut: Accelerate Training by Progressively
// Freezing Layers", NIPS 2017 Optimization workshop (`brock2017freezeout`,
// https://arxiv.org/abs/1706.04983).
import Foundation
import Tensor
import Training

// ## The functional form
//
// The freeze points of `units` units, and a unit's learning-rate multiplier (relative to the
// recipe's peak) at progress p. Both are pure functions of their arguments.
public func freezeOutPoints(units: Int, t0: Float, cubic: Bool = true) -> [Float] {
  precondition(units >= 2 && t0 > 0 && t0 <= 1, "freezeOutPoints: needs >= 2 units and t0 in (0, 1], got \(units), \(t0)")
  return (0..<units).map { i in
    let linear = t0 + (1 - t0) * Float(i) / Float(units - 1)
    return cubic ? linear * linear * linear : linear
  }
}

public func freezeOutMultiplier(progress p: Float, freezeAt t: Float, scaled: Bool = true) -> Float {
  guard p < t else { return 0 }
  return (scaled ? 1 / t : 1) * 0.5 * (1 + cos(Float.pi * p / t))
}

// ## The optimizer
//
// One SGD per unit (same momentum and weight decay as the recipe), each stepped with its own
// learning rate. The loop passes the recipe's peak learning rate (FreezeOut's schedules
// replace the recipe's); units whose rate has reached zero are skipped.
public final class FreezeOutSGD: Optimizer {
  let groups: [SGD]
  let freezeAt: [Float]
  let scaled: Bool
  /// Progress through the run at the coming step; the algorithm sets it before each step.
  public var progress: Float = 0

  public init(units: [[Tensor]], freezeAt: [Float], scaled: Bool, recipe: Recipe) {
    precondition(units.count == freezeAt.count, "FreezeOutSGD: \(units.count) units, \(freezeAt.count) freeze points")
    groups = units.map { SGD($0, momentum: recipe.momentum, nesterov: recipe.nesterov, weightDecay: recipe.weightDecay) }
    self.freezeAt = freezeAt
    self.scaled = scaled
  }

  public func step(lr: Float) {
    for (group, t) in zip(groups, freezeAt) {
      let m = freezeOutMultiplier(progress: progress, freezeAt: t, scaled: scaled)
      if m > 0 { group.step(lr: lr * m) }
    }
  }
}

// ## The algorithm
//
// At initialization: compute the freeze points, replace the optimizer by the per-unit one and
// the recipe's schedule by a constant (so the loop passes the peak rate). At the start of
// each step: freeze every unit whose point has passed (they form a prefix, since the points
// increase with depth) and tell the optimizer the progress.
public final class FreezeOut: Algorithm {
  public let name = "freezeout"
  /// The first unit's freeze point before cubing (0.8 cubed is about 0.51).
  public let t0: Float
  public let cubic: Bool
  /// Scale each unit's initial learning rate by 1 / t_i.
  public let scaleLearningRates: Bool
  public private(set) var freezeAt: [Float] = []

  public init(t0: Float = 0.8, cubic: Bool = true, scaleLearningRates: Bool = true) {
    self.t0 = t0
    self.cubic = cubic
    self.scaleLearningRates = scaleLearningRates
  }

  public func match(_ event: Event, _ state: TrainState) -> Bool { event == .initialize || event == .batchStart }

  public func apply(_ event: Event, _ state: TrainState) {
    guard let model = state.model as? ResidualCNN else { preconditionFailure("FreezeOut: needs a ResidualCNN, got \(type(of: state.model))") }
    switch event {
    case .initialize:
      precondition(state.recipe.optimizer == .sgd, "FreezeOut: implemented for SGD recipes")
      let units = model.units.map { $0.map(\.tensor) }
      freezeAt = freezeOutPoints(units: units.count, t0: t0, cubic: cubic)
      state.optimizer = FreezeOutSGD(units: units, freezeAt: freezeAt, scaled: scaleLearningRates, recipe: state.recipe)
      state.recipe.schedule = .constant
    default:
      let p = state.progress
      model.frozenUnits = freezeAt.prefix(while: { p >= $0 }).count
      let optimizer = state.optimizer as! FreezeOutSGD
      optimizer.progress = p
    }
  }
}

// MARK: - Experiment
//
// The fashion CNN, whose early units (the stem and the first block at full 14x14 resolution)
// hold most of the step's FLOPs, the setting FreezeOut was designed for. Its five units
// (stem, three blocks, head) freeze at 0.51, 0.61, 0.73 and 0.86 of the run with the
// card's suggested scaled cubic schedule from t₀ = 0.8, the reference code's default; the head
// trains to the end on the baseline's own cosine schedule.
extension Examples {
  static let freezeout = Technique(slug: "freezeout", workload: .fashionCNN) { [FreezeOut(t0: 0.8, cubic: true, scaleLearningRates: true)] }
}
