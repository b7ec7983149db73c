// A baseline training recipe: everything about optimisation that a workload fixes and a
// technique may change.
import Tensor

/// Which update rule a recipe trains with; its settings live in the recipe's fields
/// (momentum and nesterov for SGD; weightDecay for both).
public enum OptimizerKind: String, Sendable, Codable, Equatable {
  /// SGD with (optionally Nesterov) momentum and L2 weight decay.
  case sgd
  /// AdamW (betas 0.9, 0.999) with decoupled weight decay.
  case adamW
}

/// Optimiser settings, batch size and budget of one run.
public struct Recipe: Sendable, Codable, Equatable {
  public var optimizer: OptimizerKind
  public var learningRate: Float
  public var momentum: Float
  public var nesterov: Bool
  public var weightDecay: Float
  public var batchSize: Int
  /// Optimizer steps in the run (the budget); the schedule spans exactly these.
  public var steps: Int
  public var schedule: Schedule

  public init(
    optimizer: OptimizerKind = .sgd, learningRate: Float, momentum: Float = 0.9, nesterov: Bool = false, weightDecay: Float = 0,
    batchSize: Int, steps: Int, schedule: Schedule = .cosine()
  ) {
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.momentum = momentum
    self.nesterov = nesterov
    self.weightDecay = weightDecay
    self.batchSize = batchSize
    self.steps = steps
    self.schedule = schedule
  }

  /// A fresh optimizer of this recipe's kind over `parameters`.
  public func makeOptimizer(_ parameters: [Tensor]) -> any Optimizer {
    switch optimizer {
    case .sgd: SGD(parameters, momentum: momentum, nesterov: nesterov, weightDecay: weightDecay)
    case .adamW: AdamW(parameters, weightDecay: weightDecay)
    }
  }

  /// The same recipe with its step budget scaled by `fraction` (the schedule rescales with it).
  public func budget(_ fraction: Double) -> Recipe {
    var r = self
    r.steps = max(1, Int((Double(steps) * fraction).rounded()))
    return r
  }
}
