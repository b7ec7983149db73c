// Reductions to a scalar. (Reductions along an axis come with the engine's full op set.)
//   sum:  y = sum_i x_i     dx_i = dy
//   mean: y = sum_i x_i / n dx_i = dy / n

extension Tensor {
  /// The sum of all elements, as a 0-d tensor.
  public func sum() -> Tensor {
    let x = self
    var s: Float = 0
    for v in x.data { s += v }
    return Tensor(shape: [], data: [s], op: "sum", inputs: [x]) { out in
      guard let dy = out.grad?[0] else { return }
      x.accumulateGrad { dx in for i in 0..<dx.count { dx[i] += dy } }
    }
  }

  /// The mean of all elements, as a 0-d tensor.
  public func mean() -> Tensor { sum() * (1 / Float(count)) }  // sum / n
}
