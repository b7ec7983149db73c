// Reduced-precision emulation: round float32 values to bfloat16 and keep them in float32
// storage, as a cast to bfloat16 and back would. bfloat16 is float32 with the low 16 mantissa
// bits dropped (8 exponent bits, 7 mantissa bits), so it has float32's range and about 3
// significant decimal digits. Rounding is to nearest, ties to even, on the float32 bits.
//
//   x [...] -> y [...]     y = bf16(x)     dx = bf16(dy)
//
// The pullback rounds the gradient too: a tensor cast to bfloat16 receives a bfloat16
// gradient, which the cast's backward hands back in float32. A cast moves data and does no
// arithmetic, so it counts no FLOPs (PyTorch's FlopCounterMode does the same). The engine has
// no 16-bit arithmetic: products of rounded values still run in float32 BLAS.

/// `x` rounded to the nearest bfloat16 (ties to even), returned as a float32. NaN stays NaN;
/// values beyond bfloat16's largest finite value round to infinity.
@inline(__always)
public func bfloat16Rounded(_ x: Float) -> Float {
  guard !x.isNaN else { return x }
  let bits = x.bitPattern
  let lsb = (bits >> 16) & 1
  return Float(bitPattern: (bits &+ 0x7FFF &+ lsb) & 0xFFFF_0000)
}

extension Tensor {
  /// Every element rounded to bfloat16 (see `bfloat16Rounded`); the gradient is rounded the
  /// same way on its way back.
  public func roundedToBFloat16() -> Tensor {
    let x = self
    let y = x.data.map(bfloat16Rounded)
    return Tensor(shape: shape, data: y, op: "bf16", inputs: [x]) { out in
      guard let dy = out.grad else { return }
      x.accumulateGrad { dx in for i in 0..<dx.count { dx[i] += bfloat16Rounded(dy[i]) } }
    }
  }
}
