// Dropout (inverted): in training, zero each element with probability p and scale the
// survivors by 1 / (1 - p), so evaluation needs no rescaling. The mask comes from the RNG
// passed in, so a run with the same seed drops the same elements.
//   x [...] -> y [...]     y = x * mask / (1 - p)     dx = dy * mask / (1 - p)

extension Tensor {
  /// Inverted dropout with drop probability `p`; the identity when `training` is false or p is 0.
  public func dropout(p: Float, rng: inout RNG, training: Bool = Tensor.isTraining) -> Tensor {
    precondition(p >= 0 && p < 1, "dropout: p = \(p) must be in [0, 1)")
    guard training && p > 0 else { return self }
    let x = self
    let keep = 1 / (1 - p)
    let mask = (0..<count).map { _ in rng.uniform() >= p ? keep : 0 }
    var y = x.data
    for i in 0..<y.count { y[i] *= mask[i] }
    countForward("dropout", count)
    return Tensor(shape: shape, data: y, op: "dropout", inputs: [x]) { out in
      guard let dy = out.grad else { return }
      x.accumulateGrad { dx in for i in 0..<dx.count { dx[i] += dy[i] * mask[i] } }
    }
  }
}
