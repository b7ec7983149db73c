// Pooling over the spatial axes of images, with pullbacks.
//   x [N,C,H,W] -> y [N,C,OH,OW], OH = (H + 2 padding - K) / stride + 1
//   maxPool2d: y = max over the window (padding counts as -inf)   dx at the argmax += dy
//   avgPool2d: y = mean over the window (no padding)               dx in the window += dy / K^2
//   globalAvgPool: x [N,C,H,W] -> y [N,C], the mean over H and W (reshape + mean).

extension Tensor {
  /// Max pooling with a square `kernel`, `stride` (default: the kernel) and `padding`.
  public func maxPool2d(kernel: Int, stride: Int? = nil, padding: Int = 0) -> Tensor {
    let x = self
    let s = stride ?? kernel
    let (n, c, h, w, oh, ow) = poolGeometry("maxPool2d", kernel, s, padding)
    precondition(padding <= kernel / 2, "maxPool2d: padding \(padding) must be at most half the kernel \(kernel)")
    var y = [Float](repeating: 0, count: n * c * oh * ow)
    var arg = [Int32](repeating: 0, count: y.count)  // flat index into x of each maximum
    x.data.withUnsafeBufferPointer { xv in
      for plane in 0..<(n * c) {
        for oy in 0..<oh {
          for ox in 0..<ow {
            var best = -Float.infinity, at = -1
            for i in 0..<kernel {
              let iy = oy &* s &- padding &+ i
              guard iy >= 0 && iy < h else { continue }
              for j in 0..<kernel {
                let ix = ox &* s &- padding &+ j
                guard ix >= 0 && ix < w else { continue }
                let idx = (plane &* h &+ iy) &* w &+ ix
                if at < 0 || xv[idx] > best { (best, at) = (xv[idx], idx) }
              }
            }
            let o = (plane &* oh &+ oy) &* ow &+ ox
            y[o] = best
            arg[o] = Int32(at)
          }
        }
      }
    }
    countForward("maxPool2d", y.count * kernel * kernel)
    return Tensor(shape: [n, c, oh, ow], data: y, op: "maxPool2d", inputs: [x]) { out in
      guard let dy = out.grad else { return }
      x.accumulateGrad { dx in for o in 0..<dy.count { dx[Int(arg[o])] += dy[o] } }
    }
  }

  /// Average pooling with a square `kernel` and `stride` (default: the kernel), no padding.
  public func avgPool2d(kernel: Int, stride: Int? = nil) -> Tensor {
    let x = self
    let s = stride ?? kernel
    let (n, c, h, w, oh, ow) = poolGeometry("avgPool2d", kernel, s, 0)
    let scale = 1 / Float(kernel * kernel)
    var y = [Float](repeating: 0, count: n * c * oh * ow)
    x.data.withUnsafeBufferPointer { xv in
      for plane in 0..<(n * c) {
        for oy in 0..<oh {
          for ox in 0..<ow {
            var acc: Float = 0
            for i in 0..<kernel {
              let row = (plane &* h &+ oy &* s &+ i) &* w &+ ox &* s
              for j in 0..<kernel { acc += xv[row &+ j] }
            }
            y[(plane &* oh &+ oy) &* ow &+ ox] = acc * scale
          }
        }
      }
    }
    countForward("avgPool2d", y.count * kernel * kernel)
    return Tensor(shape: [n, c, oh, ow], data: y, op: "avgPool2d", inputs: [x]) { out in
      guard let dy = out.grad else { return }
      countBackward("avgPool2d", dy.count * kernel * kernel)
      x.accumulateGrad { dx in
        for plane in 0..<(n * c) {
          for oy in 0..<oh {
            for ox in 0..<ow {
              let g = dy[(plane &* oh &+ oy) &* ow &+ ox] * scale
              for i in 0..<kernel {
                let row = (plane &* h &+ oy &* s &+ i) &* w &+ ox &* s
                for j in 0..<kernel { dx[row &+ j] += g }
              }
            }
          }
        }
      }
    }
  }

  /// The mean over H and W: [N,C,H,W] -> [N,C].
  public func globalAvgPool() -> Tensor {
    precondition(rank == 4, "globalAvgPool: expects [N,C,H,W], got \(shape)")
    return reshape([shape[0], shape[1], shape[2] * shape[3]]).mean(axis: 2)
  }

  func poolGeometry(_ op: String, _ k: Int, _ s: Int, _ p: Int) -> (Int, Int, Int, Int, Int, Int) {
    precondition(rank == 4, "\(op): expects [N,C,H,W], got \(shape)")
    precondition(k >= 1 && s >= 1 && p >= 0, "\(op): kernel \(k) and stride \(s) must be >= 1")
    let (h, w) = (shape[2], shape[3])
    let (oh, ow) = ((h + 2 * p - k) / s + 1, (w + 2 * p - k) / s + 1)
    precondition(oh > 0 && ow > 0, "\(op): kernel \(k) does not fit input \(shape)")
    return (shape[0], shape[1], h, w, oh, ow)
  }
}
