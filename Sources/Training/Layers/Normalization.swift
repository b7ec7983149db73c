// Normalisation layers: BatchNorm (per channel, running statistics for evaluation) and
// LayerNorm (per position, over features). The fused ops live in Tensor's Ops/Norm.swift.
// BatchNorm follows the task-local mode: batch statistics in training, running statistics
// inside `Tensor.evaluating { ... }`.
import Tensor

/// Batch normalisation over channels of [N,C] or [N,C,H,W] inputs.
public final class BatchNorm: Module {
  public let weight: Tensor  // [C], starts at 1
  public let bias: Tensor  // [C], starts at 0
  public let runningMean: Tensor  // [C]
  public let runningVar: Tensor  // [C]
  public let momentum: Float
  public let eps: Float
  let name: String

  public init(_ channels: Int, momentum: Float = 0.1, eps: Float = 1e-5, name: String) {
    weight = Tensor(shape: [channels], data: [Float](repeating: 1, count: channels), requiresGrad: true)
    bias = Tensor(zeros: [channels], requiresGrad: true)
    runningMean = Tensor(zeros: [channels])
    runningVar = Tensor(shape: [channels], data: [Float](repeating: 1, count: channels))
    self.momentum = momentum
    self.eps = eps
    self.name = name
  }

  /// x [N,C] or [N,C,H,W] -> same shape.
  public func callAsFunction(_ x: Tensor) -> Tensor {
    x.batchNorm(
      weight: weight, bias: bias, runningMean: runningMean, runningVar: runningVar,
      // A checkpointed segment's recomputation must not update the running statistics twice.
      training: Tensor.isTraining, momentum: Tensor.isRecomputing ? 0 : momentum, eps: eps)
  }

  public var parameters: [(name: String, tensor: Tensor)] { [("\(name).weight", weight), ("\(name).bias", bias)] }
  public var buffers: [(name: String, tensor: Tensor)] {
    [("\(name).runningMean", runningMean), ("\(name).runningVar", runningVar)]
  }
}

/// Layer normalisation over the last axis.
public final class LayerNorm: Module {
  public let weight: Tensor  // [D], starts at 1
  public let bias: Tensor  // [D], starts at 0
  public let eps: Float
  let name: String

  public init(_ features: Int, eps: Float = 1e-5, name: String) {
    weight = Tensor(shape: [features], data: [Float](repeating: 1, count: features), requiresGrad: true)
    bias = Tensor(zeros: [features], requiresGrad: true)
    self.eps = eps
    self.name = name
  }

  /// x [.., D] -> same shape.
  public func callAsFunction(_ x: Tensor) -> Tensor { x.layerNorm(weight: weight, bias: bias, eps: eps) }

  public var parameters: [(name: String, tensor: Tensor)] { [("\(name).weight", weight), ("\(name).bias", bias)] }
}
