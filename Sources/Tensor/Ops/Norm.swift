// Normalisation ops, fused (one pass for statistics, one to normalise; the backward is the
// closed form), because composing them from primitives would cost five or six passes.
//
//   batchNorm: x [N,C] or [N,C,H,W]; weight, bias, running stats [C]; statistics per channel
//              over N (and H, W); m = elements per channel
//     train:   mu, var from the batch (biased); running = (1 - momentum) running + momentum stat
//              (the running variance is unbiased, m / (m - 1), as in PyTorch)
//     eval:    mu, var from the running statistics
//     xhat = (x - mu) / sqrt(var + eps);  y = weight * xhat + bias
//     train dx = weight / sqrt(var + eps) / m * (m dy - sum dy - xhat sum(dy xhat))
//     eval  dx = weight / sqrt(var + eps) * dy
//   layerNorm: x [.., D], weight and bias [D]; statistics over the last axis
//     dx = invstd / D * (D g - sum g - xhat sum(g xhat)),  g = dy * weight
//   dweight = sum dy xhat, dbias = sum dy (over everything but the channel/feature)

extension Tensor {
  /// Batch normalisation of x [N,C] or [N,C,H,W]; `training` selects batch statistics (and
  /// updates `runningMean`/`runningVar` [C] in place) or the running ones.
  public func batchNorm(
    weight: Tensor, bias: Tensor, runningMean: Tensor, runningVar: Tensor,
    training: Bool, momentum: Float = 0.1, eps: Float = 1e-5
  ) -> Tensor {
    let x = self
    precondition(x.rank == 2 || x.rank == 4, "batchNorm: expects [N,C] or [N,C,H,W], got \(x.shape)")
    let (n, c) = (x.shape[0], x.shape[1])
    let spatial = x.rank == 4 ? x.shape[2] * x.shape[3] : 1
    for p in [weight, bias, runningMean, runningVar] {
      precondition(p.shape == [c], "batchNorm: parameters and running statistics must be [\(c)], got \(p.shape)")
    }
    let m = n * spatial
    let threads = Tensor.loopThreadCount
    // Channels are independent, so each thread takes a block of them through every pass below
    // (results identical on any thread count); `body` gets a channel and one of its [spatial]
    // planes, image by image.
    func forEachPlane(_ body: (_ channel: Int, _ offset: Int) -> Void) {
      parallelChunks(c, threads: threads, work: x.count) { channels, _ in
        for ch in channels { for b in 0..<n { body(ch, (b &* c &+ ch) &* spatial) } }
      }
    }
    var mean = [Float](repeating: 0, count: c), invstd = [Float](repeating: 0, count: c)
    if training {
      var sums = [Double](repeating: 0, count: 2 * c)  // sum and sum of squares per channel
      x.data.withUnsafeBufferPointer { xv in
        sums.withUnsafeMutableBufferPointer { sv in
          let (xp, sp) = (xv.baseAddress!, sv.baseAddress!)
          // Double across images: m can be 10^5 elements.
          forEachPlane { ch, base in
            sp[2 &* ch] += Double(laneSum(xp + base, spatial))
            sp[2 &* ch &+ 1] += Double(laneDot(xp + base, xp + base, spatial))
          }
        }
      }
      for ch in 0..<c {
        let mu = sums[2 * ch] / Double(m)
        let variance = Swift.max(sums[2 * ch + 1] / Double(m) - mu * mu, 0)
        mean[ch] = Float(mu)
        invstd[ch] = Float(1 / (variance + Double(eps)).squareRoot())
        let unbiased = m > 1 ? variance * Double(m) / Double(m - 1) : variance
        runningMean.data[ch] = (1 - momentum) * runningMean.data[ch] + momentum * Float(mu)
        runningVar.data[ch] = (1 - momentum) * runningVar.data[ch] + momentum * Float(unbiased)
      }
    } else {
      for ch in 0..<c {
        mean[ch] = runningMean.data[ch]
        invstd[ch] = 1 / (runningVar.data[ch] + eps).squareRoot()
      }
    }
    // Every element of y is written below, so it is not zero-filled first. xhat is not kept:
    // the backward pass recomputes it from x (kept anyway as this op's input), which saves a
    // tensor the size of x per batch norm and a third of the forward pass's writes.
    var y = uninitializedFloats(x.count)
    x.data.withUnsafeBufferPointer { xv in
      y.withUnsafeMutableBufferPointer { yv in
        let (xp, yp) = (xv.baseAddress!, yv.baseAddress!)
        forEachPlane { ch, base in
          let (xs, ys) = (xp + base, yp + base)
          // y = weight * (x - mu) * invstd + bias, as one multiply-add per element.
          let scale = weight.data[ch] * invstd[ch]
          let shift = bias.data[ch] - scale * mean[ch]
          for i in 0..<spatial { ys[i] = scale * xs[i] + shift }
        }
      }
    }
    countForward("batchNorm", 6 * x.count)
    return Tensor(shape: x.shape, data: y, op: "batchNorm", inputs: [x, weight, bias]) { out in
      guard let dy = out.grad else { return }
      countBackward("batchNorm", 8 * x.count)
      var sumDy = [Float](repeating: 0, count: c), sumDyXhat = [Float](repeating: 0, count: c)
      dy.withUnsafeBufferPointer { g in
        x.data.withUnsafeBufferPointer { xv in
          sumDy.withUnsafeMutableBufferPointer { sdv in
            sumDyXhat.withUnsafeMutableBufferPointer { sxv in
              let (gp, xp, sd, sx) = (g.baseAddress!, xv.baseAddress!, sdv.baseAddress!, sxv.baseAddress!)
              forEachPlane { ch, base in
                sd[ch] += laneSum(gp + base, spatial)
                sx[ch] += laneDot(gp + base, xp + base, centredOn: mean[ch], spatial) * invstd[ch]
              }
            }
          }
        }
      }
      if weight.requiresGrad { weight.accumulateGrad { d in for ch in 0..<c { d[ch] += sumDyXhat[ch] } } }
      if bias.requiresGrad { bias.accumulateGrad { d in for ch in 0..<c { d[ch] += sumDy[ch] } } }
      guard x.requiresGrad else { return }
      let invM = 1 / Float(m)
      x.accumulateGrad(beta: { dx, beta in
        dy.withUnsafeBufferPointer { g in
          x.data.withUnsafeBufferPointer { xv in
            let (gp, xp, dp) = (g.baseAddress!, xv.baseAddress!, dx.baseAddress!)
            forEachPlane { ch, base in
              let (gs, xs, ds) = (gp + base, xp + base, dp + base)
              let k = weight.data[ch] * invstd[ch]
              if training {  // beta 0: fresh storage, written rather than added to
                // k (dy - mean(dy) - xhat mean(dy xhat)) with xhat = (x - mu) invstd, as
                // dx = k dy + kx x + k0: two multiply-adds per element.
                let mx = sumDyXhat[ch] * invM * invstd[ch]
                let (kx, k0) = (-k * mx, k * (mean[ch] * mx - sumDy[ch] * invM))
                if beta == 0 {
                  for i in 0..<spatial { ds[i] = k * gs[i] + kx * xs[i] + k0 }
                } else {
                  for i in 0..<spatial { ds[i] += k * gs[i] + kx * xs[i] + k0 }
                }
              } else if beta == 0 {
                for i in 0..<spatial { ds[i] = k * gs[i] }
              } else {
                for i in 0..<spatial { ds[i] += k * gs[i] }
              }
            }
          }
        }
      })
    }
  }

  /// Layer normalisation over the last axis of x [.., D] with weight and bias [D].
  public func layerNorm(weight: Tensor, bias: Tensor, eps: Float = 1e-5) -> Tensor {
    let x = self
    let d = shape.last ?? 0
    precondition(
      d > 0 && weight.shape == [d] && bias.shape == [d],
      "layerNorm: input \(x.shape) needs weight and bias [\(d)], got \(weight.shape) and \(bias.shape)")
    let (n, rows) = (count, count / d)
    let threads = Tensor.loopThreadCount
    // Rows are independent: each thread normalises a block of them. Sums run in eight lanes.
    var xhat = [Float](repeating: 0, count: count)
    var invstd = [Float](repeating: 0, count: rows)
    var y = [Float](repeating: 0, count: count)
    x.data.withUnsafeBufferPointer { xv in
      weight.data.withUnsafeBufferPointer { wv in
        bias.data.withUnsafeBufferPointer { bv in
          xhat.withUnsafeMutableBufferPointer { hv in
            invstd.withUnsafeMutableBufferPointer { iv in
              y.withUnsafeMutableBufferPointer { yv in
                parallelChunks(rows, threads: threads, work: count) { part, _ in
                  // Pointers as locals, not captures, so the stores cannot alias them.
                  let (xp, hp, ip, yp) = (xv.baseAddress!, hv.baseAddress!, iv.baseAddress!, yv.baseAddress!)
                  let (wp, bp) = (wv.baseAddress!, bv.baseAddress!)
                  for r in part {
                    let (xr, hr, yr) = (xp + r &* d, hp + r &* d, yp + r &* d)
                    let mu = laneSum(xr, d) / Float(d)
                    for j in 0..<d { hr[j] = xr[j] - mu }
                    let inv = 1 / (laneDot(hr, hr, d) / Float(d) + eps).squareRoot()
                    ip[r] = inv
                    for j in 0..<d {
                      let h = hr[j] * inv
                      hr[j] = h
                      yr[j] = wp[j] * h + bp[j]
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    countForward("layerNorm", 7 * count)
    return Tensor(shape: shape, data: y, op: "layerNorm", inputs: [x, weight, bias]) { out in
      guard let dy = out.grad else { return }
      countBackward("layerNorm", 10 * dy.count)
      dy.withUnsafeBufferPointer { g in
        xhat.withUnsafeBufferPointer { hv in
          let (gp, hp) = (g.baseAddress!, hv.baseAddress!)
          if weight.requiresGrad {
            weight.accumulateGrad { dw in for r in 0..<rows { for j in 0..<d { dw[j] += gp[r &* d &+ j] * hp[r &* d &+ j] } } }
          }
          if bias.requiresGrad {
            bias.accumulateGrad { db in for r in 0..<rows { for j in 0..<d { db[j] += gp[r &* d &+ j] } } }
          }
          guard x.requiresGrad else { return }
          let invD = 1 / Float(d)
          x.accumulateGrad(beta: { dx, beta in
            weight.data.withUnsafeBufferPointer { wv in
              parallelChunks(rows, threads: threads, work: n) { part, _ in
                let (wp, dp, gp, hp) = (wv.baseAddress!, dx.baseAddress!, g.baseAddress!, hv.baseAddress!)
                for r in part {
                  let (gr, hr, dr) = (gp + r &* d, hp + r &* d, dp + r &* d)
                  // dx = inv * (g w - mean(g w) - xhat * mean(g w xhat))
                  var s = SIMD8<Float>(), sx = SIMD8<Float>()
                  var j = 0
                  while j &+ 8 <= d {
                    let gw = UnsafeRawPointer(gr + j).loadUnaligned(as: SIMD8<Float>.self)
                      * UnsafeRawPointer(wp + j).loadUnaligned(as: SIMD8<Float>.self)
                    s += gw
                    sx += gw * UnsafeRawPointer(hr + j).loadUnaligned(as: SIMD8<Float>.self)
                    j &+= 8
                  }
                  var (ms, mx) = (s.sum(), sx.sum())
                  while j < d {
                    ms += gr[j] * wp[j]
                    mx += gr[j] * wp[j] * hr[j]
                    j &+= 1
                  }
                  (ms, mx) = (ms * invD, mx * invD)
                  let inv = invstd[r]
                  if beta == 0 {
                    for j in 0..<d { dr[j] = inv * (gr[j] * wp[j] - ms - hr[j] * mx) }
                  } else {
                    for j in 0..<d { dr[j] += inv * (gr[j] * wp[j] - ms - hr[j] * mx) }
                  }
                }
              }
            }
          })
        }
      }
    }
  }
}
