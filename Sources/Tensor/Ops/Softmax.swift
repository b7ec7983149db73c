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
    // Each row in passes that vectorise: max, exponentials, their sum, the division; masked
    // entries are written 0 and never exponentiated.
    let threads = Tensor.loopThreadCount
    let y = [Float](unsafeUninitializedCapacity: count) { yv, initialized in
      x.data.withUnsafeBufferPointer { xv in
        parallelChunks(rows, threads: threads, work: 4 * rows * n) { part, _ in
          for r in part {
            let (xr, yr) = (xv.baseAddress! + r &* n, yv.baseAddress! + r &* n)
            let valid = causal ? r % n + 1 : n
            let m = laneMax(xr, valid)
            for j in 0..<valid { yr[j] = fastExp(xr[j] - m) }
            let inv = 1 / laneSum(yr, valid)
            for j in 0..<valid { yr[j] *= inv }
            for j in valid..<n { yr[j] = 0 }
          }
        }
      }
      initialized = count
    }
    countForward("softmax", 4 * count)
    return Tensor(shape: shape, data: y, op: "softmax", inputs: [x]) { out in
      guard let dy = out.grad else { return }
      countBackward("softmax", 4 * dy.count)
      // Masked entries have y = 0, so their gradient is 0: only the valid part is computed.
      x.accumulateGrad(beta: { dx, beta in
        out.data.withUnsafeBufferPointer { yv in
          dy.withUnsafeBufferPointer { g in
            parallelChunks(rows, threads: threads, work: 3 * rows * n) { part, _ in
              for r in part {
                let (yr, gr, dr) = (yv.baseAddress! + r &* n, g.baseAddress! + r &* n, dx.baseAddress! + r &* n)
                let valid = causal ? r % n + 1 : n
                let dot = laneDot(gr, yr, valid)
                if beta == 0 {
                  for j in 0..<valid { dr[j] = yr[j] * (gr[j] - dot) }
                  for j in valid..<n { dr[j] = 0 }
                } else {
                  for j in 0..<valid { dr[j] += yr[j] * (gr[j] - dot) }
                }
              }
            }
          }
        }
      })
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
          let m = laneMax(xv.baseAddress! + base, n)
          var total: Float = 0
          for j in 0..<n { total += fastExp(xv[base &+ j] - m) }
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
              for j in 0..<n { dx[base &+ j] += g[base &+ j] - fastExp(yv[base &+ j]) * total }
            }
          }
        }
      }
    }
  }
}
