// A multi-layer perceptron: Linear -> ReLU -> ... -> Linear (logits).
import Tensor

/// Linear layers of the given widths with ReLU between them; the last layer emits logits.
public final class MLP: Model {
  /// The layers in order, each mapping [B,in] to [B,out]. They start as `Linear` layers; a
  /// technique may replace one before training by another layer of the same shape (a
  /// factorized one, say), and must then build its optimizer over the new `parameters`.
  public var layers: [any Model]

  /// `widths` lists input, hidden and output sizes, e.g. [64, 128, 10].
  public init(widths: [Int], rng: inout RNG) {
    precondition(widths.count >= 2, "MLP(widths: \(widths)): needs at least input and output sizes")
    var layers: [Linear] = []
    for i in 0..<(widths.count - 1) {
      layers.append(Linear(widths[i], widths[i + 1], name: "fc\(i + 1)", rng: &rng))
    }
    self.layers = layers
  }

  public func callAsFunction(_ x: Tensor) -> Tensor {
    var h = x
    for (i, layer) in layers.enumerated() {
      h = layer(h)
      if i < layers.count - 1 { h = h.relu() }
    }
    return h
  }

  public var parameters: [(name: String, tensor: Tensor)] { layers.flatMap(\.parameters) }
}
