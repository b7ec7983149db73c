// An embedding table: token ids [B,T] -> vectors [B,T,D], a row gather (Tensor's Ops/Shape.swift)
// whose gradient adds into the rows used.
import Tensor

/// A learned [count, dim] lookup table, initialised N(0, std^2) (PyTorch uses std 1; GPT-2 0.02).
public final class Embedding: Module {
  public let weight: Tensor  // [count, dim]
  let name: String

  public init(_ count: Int, _ dim: Int, std: Float = 1, name: String, rng: inout RNG) {
    weight = Tensor(shape: [count, dim], data: (0..<(count * dim)).map { _ in rng.normal() * std }, requiresGrad: true)
    self.name = name
  }

  /// Rows for `ids` (any shape [..]) -> [.., dim].
  public func callAsFunction(_ ids: [Int], shape: [Int]? = nil) -> Tensor {
    weight.gather(rows: ids, shape: shape)
  }

  public var parameters: [(name: String, tensor: Tensor)] { [("\(name).weight", weight)] }
}
