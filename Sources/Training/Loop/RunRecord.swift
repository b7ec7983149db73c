// What one training run leaves behind: the evaluation points that make its quality-vs-time
// curve, how it ended, and which algorithms ran where.

/// One evaluation during training. The clock excludes evaluation time.
public struct EvalPoint: Sendable, Codable, Equatable {
  public var step: Int
  /// Training wall-clock seconds so far, evaluation excluded.
  public var seconds: Double
  /// Training FLOPs so far (TrainState.flops).
  public var flops: Double
  /// Mean training loss over the steps since the previous point.
  public var trainLoss: Float
  public var validationLoss: Float
  public var validationAccuracy: Float
}

/// The outcome of one run of one arm (baseline or technique) at one seed and budget.
public struct RunRecord: Sendable, Codable {
  public var arm: String
  public var seed: UInt64
  public var steps: Int
  public var points: [EvalPoint]
  public var testAccuracy: Float
  public var trainSeconds: Double
  /// True when the loss became NaN or infinite; the run stopped there and keeps its points.
  public var diverged: Bool
  /// "algorithm/event" -> how many times it ran.
  public var trace: [String: Int]
  /// Forward plus backward FLOPs of one training step (counted on the first step; the
  /// optimizer's update is not included). Nil when the run took no step.
  public var flopsPerStep: Int?
}
