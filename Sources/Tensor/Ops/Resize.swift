// Image resizing for progressive resizing: bilinear (PyTorch's interpolate with
// align_corners = false) and area (adaptive average pooling, PyTorch's mode "area"). Both are
// linear maps applied separably: each output row mixes a few input rows with fixed weights,
// each output column a few input columns, so the backward pass applies the same weights
// transposed.
//   x [N,C,H,W] -> y [N,C,OH,OW]
//   y[oy,ox] = sum_a sum_b wy[oy][a] * wx[ox][b] * x[a, b]
//   dx[a,b] += wy[oy][a] * wx[ox][b] * dy[oy,ox]

import Foundation

/// How `resize` interpolates.
public enum ResizeMode: String, Sendable, CaseIterable {
  /// Bilinear interpolation, half-pixel centres (align_corners = false).
  case bilinear
  /// Each output pixel is the mean of the input pixels its area covers.
  case area
}

extension Tensor {
  /// Resizes images x [N,C,H,W] to [N,C,height,width].
  public func resize(height oh: Int, width ow: Int, mode: ResizeMode) -> Tensor {
    let x = self
    precondition(rank == 4 && oh > 0 && ow > 0, "resize: expects [N,C,H,W] and a positive size, got \(shape) -> \(oh)x\(ow)")
    let (planes, h, w) = (shape[0] * shape[1], shape[2], shape[3])
    let wy = resizeWeights(from: h, to: oh, mode: mode)
    let wx = resizeWeights(from: w, to: ow, mode: mode)
    var y = [Float](repeating: 0, count: planes * oh * ow)
    x.data.withUnsafeBufferPointer { xv in
      for p in 0..<planes {
        for oy in 0..<oh {
          for ox in 0..<ow {
            var acc: Float = 0
            for (a, fa) in wy[oy] { for (b, fb) in wx[ox] { acc += fa * fb * xv[(p &* h &+ a) &* w &+ b] } }
            y[(p &* oh &+ oy) &* ow &+ ox] = acc
          }
        }
      }
    }
    return Tensor(shape: [shape[0], shape[1], oh, ow], data: y, op: "resize", inputs: [x]) { out in
      guard let dy = out.grad else { return }
      x.accumulateGrad { dx in
        for p in 0..<planes {
          for oy in 0..<oh {
            for ox in 0..<ow {
              let g = dy[(p &* oh &+ oy) &* ow &+ ox]
              for (a, fa) in wy[oy] { for (b, fb) in wx[ox] { dx[(p &* h &+ a) &* w &+ b] += fa * fb * g } }
            }
          }
        }
      }
    }
  }
}

/// For each output index along one axis, the input indices it reads and their weights.
func resizeWeights(from n: Int, to m: Int, mode: ResizeMode) -> [[(Int, Float)]] {
  let scale = Double(n) / Double(m)
  return (0..<m).map { i -> [(Int, Float)] in
    switch mode {
    case .bilinear:
      let src = Swift.max((Double(i) + 0.5) * scale - 0.5, 0)
      let i0 = Swift.min(Int(src), n - 1)
      let i1 = Swift.min(i0 + 1, n - 1)
      let t = Float(src - Double(i0))
      return i0 == i1 ? [(i0, Float(1))] : [(i0, 1 - t), (i1, t)]
    case .area:
      let start = i * n / m  // floor(i n / m) .. ceil((i + 1) n / m), as adaptive pooling
      let end = ((i + 1) * n + m - 1) / m
      let weight = 1 / Float(end - start)
      return (start..<end).map { ($0, weight) }
    }
  }
}
