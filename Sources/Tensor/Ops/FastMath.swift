// Branch-free float32 exp and erf, and row reductions in eight lanes, for the engine's own
// loops. libm's expf and erff are exact to an ulp but one call per element, so a loop over
// them never vectorises; these are plain arithmetic and bit operations that the compiler
// turns into AVX2 code. Softmax, log-softmax, cross-entropy and GELU use them.

/// e^x to a few float32 ulps (relative error below 4e-7; Cephes' expf polynomial). x is
/// clamped to [-87, 88], the range of normal float32 results; NaN stays NaN.
@inline(__always)
func fastExp(_ value: Float) -> Float {
  let x = Swift.min(Swift.max(value, -87), 88)
  // n = round(x / ln 2) by the shifter trick: adding 1.5 * 2^23 leaves n in the low mantissa
  // bits, so 2^n is built from bits without a float-to-int conversion (which traps on NaN).
  let shifter: Float = 12_582_912
  let t = x * 1.442_695_04 + shifter
  let n = t - shifter
  // r = x - n ln 2 in two parts, so r keeps its low bits; |r| <= ln 2 / 2.
  let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4
  var p: Float = 1.987_569_15e-4
  p = p * r + 1.398_199_95e-3
  p = p * r + 8.333_451_9e-3
  p = p * r + 4.166_579_59e-2
  p = p * r + 1.666_666_55e-1
  p = p * r + 5.000_000_12e-1
  let e = p * (r * r) + r + 1
  let scale = Float(bitPattern: (t.bitPattern &- 0x4B40_0000 &+ 127) &<< 23)
  return e * scale
}

/// erf(x) to within a few float32 ulps, as a ratio of an odd and an even polynomial in x on
/// [-4, 4] (beyond which erf is ±1 in float32): the rational approximation Eigen and XLA use.
/// Branch-free, so loops over it vectorise.
@inline(__always)
func fastErf(_ value: Float) -> Float {
  let x = Swift.min(Swift.max(value, -4), 4)
  let x2 = x * x
  var p: Float = -2.72614225801306e-10
  p = p * x2 + 2.77068142495902e-08
  p = p * x2 - 2.10102402082508e-06
  p = p * x2 - 5.69250639462346e-05
  p = p * x2 - 7.34990630326855e-04
  p = p * x2 - 2.95459980854025e-03
  p = p * x2 - 1.60960333262415e-02
  var q: Float = -1.45660718464996e-05
  q = q * x2 - 2.13374055278905e-04
  q = q * x2 - 1.68282697438203e-03
  q = q * x2 - 7.37332916720468e-03
  q = q * x2 - 1.42647390514189e-02
  return x * p / q
}

/// The largest of `count` floats from `p`, in eight lanes (a running max over one float has
/// a dependency chain the compiler may not reorder).
@inline(__always)
func laneMax(_ p: UnsafePointer<Float>, _ count: Int) -> Float {
  var lanes = SIMD8<Float>(repeating: -.infinity)
  var i = 0
  while i &+ 8 <= count {
    // replace(with:where:) is one blend; the library's generic pointwiseMax was not inlined.
    let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
    lanes.replace(with: v, where: v .> lanes)
    i &+= 8
  }
  var m = lanes.max()
  while i < count {
    m = Swift.max(m, p[i])
    i &+= 1
  }
  return m
}

/// The sum of `count` floats from `p`, in eight lanes.
@inline(__always)
func laneSum(_ p: UnsafePointer<Float>, _ count: Int) -> Float {
  var lanes = SIMD8<Float>()
  var i = 0
  while i &+ 8 <= count {
    lanes += UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
    i &+= 8
  }
  var total = lanes.sum()
  while i < count {
    total += p[i]
    i &+= 1
  }
  return total
}

/// The dot product of `count` floats from `a` and `b`, in eight lanes.
@inline(__always)
func laneDot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
  var lanes = SIMD8<Float>()
  var i = 0
  while i &+ 8 <= count {
    lanes += UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self) * UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
    i &+= 8
  }
  var total = lanes.sum()
  while i < count {
    total += a[i] * b[i]
    i &+= 1
  }
  return total
}

/// The dot product of `count` floats from `a` with those of `b` less `centre`, in eight lanes
/// (batch norm's sum of dy * (x - mean), without the cancellation of dot(dy, x) - mean sum dy).
@inline(__always)
func laneDot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, centredOn centre: Float, _ count: Int) -> Float {
  var lanes = SIMD8<Float>()
  let c = SIMD8<Float>(repeating: centre)
  var i = 0
  while i &+ 8 <= count {
    lanes += UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self) * (UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self) - c)
    i &+= 8
  }
  var total = lanes.sum()
  while i < count {
    total += a[i] * (b[i] - centre)
    i &+= 1
  }
  return total
}
