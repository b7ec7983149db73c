// Softmax and log-softmax along the last axis, with the max subtracted for stability.
//   x [.., N] -> y [.., N]
//   softmax:     y = e^(x - max) / sum e^(x - max)     dx = y * (dy - sum(dy * y))
//   logSoftmax:  y = x - max - log sum e^(x - max)     dx = dy - softmax(x) * sum(dy)
// With `causal`, x is [.., T, T] attention scores and row i may only attend to columns 0...i:
// the others get probability exactly 0, so their gradient is 0 by the same formula.

import Foundation

extension Tensor {
  /// Softmax over the last axis; `causal` masks entries above the diagonal of the last two.
  public func softmax(causal: Bool = false) -> Tensor {
    let x = self
    let n = shape.last ?? 1
    precondition(rank >= 1, "softmax: needs at least one axis, got \(shape)")
    precondition(
      !causal || (rank >= 2 && shape[rank - 2] == n),
      "softmax(causal:): needs square [.., T, T] scores, got \(shape)")
    let rows = count / Swift.max(n, 1)
    var y = [Float](repeating: 0, count: count)
    x.data.withUnsafeBufferPointer { xv in
      y.withUnsafeMutableBufferPointer { yv in
        for r in 0..<rows {
          let base = r &* n
          let valid = causal ? r % n + 1 : n
          var m = -Float.infinity
          for j in 0..<valid { m = Swift.max(m, xv[base &+ j]) }
          var total: Float = 0
          for j in 0..<valid {
            let e = expf(xv[base &+ j] - m)
            yv[base &+ j] = e
            total += e
          }
          let inv = 1 / total
          for j in 0..<valid { yv[base &+ j] *= inv }
        }
      }
    }
    countForward("softmax", 4 * count)
    return Tensor(shape: shape, data: y, op: "softmax", inputs: [x]) { out in
      guard let dy = out.grad else { return }
      countBackward("softmax", 4 * dy.count)
      x.accumulateGrad { dx in
        out.data.withUnsafeBufferPointer { yv in
          dy.withUnsafeBufferPointer { g in
            for r in 0..<rows {
              let base = r &* n
              var dot: Float = 0
              for j in 0..<n { dot += g[base &+ j] * yv[base &+ j] }
              for j in 0..<n { dx[base &+ j] += yv[base &+ j] * (g[base &+ j] - dot) }
            }
          }
        }
      }
    }
  }

  /// Log-softmax over the last axis.
  public func logSoftmax() -> Tensor {
    let x = self
    let n = shape.last ?? 1
    let rows = count / Swift.max(n, 1)
    var y = [Float](repeating: 0, count: count)
    x.data.withUnsafeBufferPointer { xv in
      y.withUnsafeMutableBufferPointer { yv in
        for r in 0..<rows {
          let base = r &* n
          var m = -Float.infinity
          for j in 0..<n { m = Swift.max(m, xv[base &+ j]) }
          var total: Float = 0
          for j in 0..<n { total += expf(xv[base &+ j] - m) }
          let shift = m + logf(total)
          for j in 0..<n { yv[base &+ j] = xv[base &+ j] - shift }
        }
      }
    }
    countForward("logSoftmax", 4 * count)
    return Tensor(shape: shape, data: y, op: "logSoftmax", inputs: [x]) { out in
      guard let dy = out.grad else { return }
      countBackward("logSoftmax", 4 * dy.count)
      x.accumulateGrad { dx in
        out.data.withUnsafeBufferPointer { yv in
          dy.withUnsafeBufferPointer { g in
            for r in 0..<rows {
              let base = r &* n
              var total: Float = 0
              for j in 0..<n { total += g[base &+ j] }
              for j in 0..<n { dx[base &+ j] += g[base &+ j] - expf(yv[base &+ j]) * total }
            }
          }
        }
      }
    }
  }
}
