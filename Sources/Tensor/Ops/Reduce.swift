// Reductions, to a scalar or along one axis (the tensor viewed as [outer, dim, inner]).
//   sum:  y = sum_i x_i      dx_i = dy
//   mean: y = sum_i x_i / n  dx_i = dy / n
//   max:  y = max_i x_i      dx_i = dy at the first maximal i, 0 elsewhere

extension Tensor {
  /// The sum of all elements, as a 0-d tensor.
  public func sum() -> Tensor {
    let x = self
    var s: Float = 0
    for v in x.data { s += v }
    countForward("sum", count)
    return Tensor(shape: [], data: [s], op: "sum", inputs: [x]) { out in
      guard let dy = out.grad?[0] else { return }
      x.accumulateGrad { dx in for i in 0..<dx.count { dx[i] += dy } }
    }
  }

  /// The mean of all elements, as a 0-d tensor.
  public func mean() -> Tensor { sum() * (1 / Float(count)) }  // sum / n

  /// Sums along `axis`: [.., N, ..] -> [.., ..] (or [.., 1, ..] with `keepDims`).
  public func sum(axis: Int, keepDims: Bool = false) -> Tensor {
    let x = self
    let ax = axisIndex(axis, "sum")
    let (outer, dim, inner) = split(at: ax)
    var y = [Float](repeating: 0, count: outer * inner)
    x.data.withUnsafeBufferPointer { xv in
      y.withUnsafeMutableBufferPointer { yv in
        for o in 0..<outer {
          for d in 0..<dim {
            let base = (o &* dim &+ d) &* inner
            for i in 0..<inner { yv[o &* inner &+ i] += xv[base &+ i] }
          }
        }
      }
    }
    countForward("sum", count)
    return Tensor(shape: reducedShape(ax, keepDims), data: y, op: "sum", inputs: [x]) { out in
      guard let dy = out.grad else { return }
      x.accumulateGrad { dx in
        for o in 0..<outer {
          for d in 0..<dim {
            let base = (o &* dim &+ d) &* inner
            for i in 0..<inner { dx[base &+ i] += dy[o &* inner &+ i] }
          }
        }
      }
    }
  }

  /// Means along `axis`: [.., N, ..] -> [.., ..] (or [.., 1, ..] with `keepDims`).
  public func mean(axis: Int, keepDims: Bool = false) -> Tensor {
    sum(axis: axis, keepDims: keepDims) * (1 / Float(shape[axisIndex(axis, "mean")]))
  }

  /// Maxima along `axis`; the gradient goes to the first maximal element.
  public func max(axis: Int, keepDims: Bool = false) -> Tensor {
    let x = self
    let ax = axisIndex(axis, "max")
    let (outer, dim, inner) = split(at: ax)
    precondition(dim > 0, "max: axis \(ax) of \(shape) is empty")
    var y = [Float](repeating: -.infinity, count: outer * inner)
    var arg = [Int32](repeating: 0, count: outer * inner)
    x.data.withUnsafeBufferPointer { xv in
      for o in 0..<outer {
        for d in 0..<dim {
          let base = (o &* dim &+ d) &* inner
          for i in 0..<inner where xv[base &+ i] > y[o &* inner &+ i] {
            y[o &* inner &+ i] = xv[base &+ i]
            arg[o &* inner &+ i] = Int32(d)
          }
        }
      }
    }
    countForward("max", count)
    return Tensor(shape: reducedShape(ax, keepDims), data: y, op: "max", inputs: [x]) { out in
      guard let dy = out.grad else { return }
      x.accumulateGrad { dx in
        for o in 0..<outer {
          for i in 0..<inner {
            let j = o &* inner &+ i
            dx[(o &* dim &+ Int(arg[j])) &* inner &+ i] += dy[j]
          }
        }
      }
    }
  }

  func reducedShape(_ axis: Int, _ keepDims: Bool) -> [Int] {
    var s = shape
    if keepDims { s[axis] = 1 } else { s.remove(at: axis) }
    return s
  }
}
