// A baseline training recipe: everything about optimisation that a workload fixes and a
// technique may change.

/// Optimiser settings, batch size and budget of one run.
public struct Recipe: Sendable, Codable, Equatable {
  public var learningRate: Float
  public var momentum: Float
  public var nesterov: Bool
  public var weightDecay: Float
  public var batchSize: Int
  /// Optimizer steps in the run (the budget); the schedule spans exactly these.
  public var steps: Int
  public var schedule: Schedule

  public init(
    learningRate: Float, momentum: Float = 0.9, nesterov: Bool = false, weightDecay: Float = 0,
    batchSize: Int, steps: Int, schedule: Schedule = .cosine()
  ) {
    self.learningRate = learningRate
    self.momentum = momentum
    self.nesterov = nesterov
    self.weightDecay = weightDecay
    self.batchSize = batchSize
    self.steps = steps
    self.schedule = schedule
  }

  /// The same recipe with its step budget scaled by `fraction` (the schedule rescales with it).
  public func budget(_ fraction: Double) -> Recipe {
    var r = self
    r.steps = max(1, Int((Double(steps) * fraction).rounded()))
    return r
  }
}
