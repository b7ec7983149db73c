// Parameter groups: several optimizers over disjoint sets of parameters, stepped together, each
// at its own multiple of the schedule's learning rate (PyTorch's param_groups, one optimizer
// per group). Layer-wise adaptive methods use it to keep biases and normalisation parameters
// out of the trust ratio and the weight decay.

/// Optimizers over disjoint parameter sets, stepped together.
public final class ParameterGroups: Optimizer {
  /// Each group's optimizer and the factor applied to the learning rate it is given.
  public let groups: [(optimizer: any Optimizer, lrScale: Float)]

  public init(_ groups: [(optimizer: any Optimizer, lrScale: Float)]) {
    precondition(groups.allSatisfy { $0.lrScale >= 0 }, "ParameterGroups: lrScale must be >= 0, got \(groups.map(\.lrScale))")
    self.groups = groups
  }

  public func step(lr: Float) {
    for group in groups { group.optimizer.step(lr: lr * group.lrScale) }
  }
}
