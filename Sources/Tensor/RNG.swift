// A deterministic, splittable random number generator. Every random draw in Hasten comes from
// an RNG passed in and seeded, never from a global, so a run with the same seed repeats
// exactly. The generator is SplitMix64 (Steele, Lea & Flood 2014): tiny, fast, and its
// `split()` derives independent streams for data order, initialisation and techniques.

import Foundation

/// A seeded SplitMix64 generator.
public struct RNG: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A new generator whose stream is independent of this one's continuation.
  public mutating func split() -> RNG { RNG(seed: next() ^ 0x5851_F42D_4C95_7F2D) }

  /// Uniform in [0, 1) with 24 random bits.
  public mutating func uniform() -> Float { Float(next() >> 40) * 0x1p-24 }

  /// Standard normal (Box-Muller).
  public mutating func normal() -> Float {
    let u1 = max(Double(next() >> 11) * 0x1p-53, Double.leastNonzeroMagnitude)
    let u2 = Double(next() >> 11) * 0x1p-53
    return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
  }

  /// Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 uses the boost x * U^(1/shape).
  public mutating func gamma(shape: Double) -> Double {
    precondition(shape > 0, "gamma: shape must be > 0, got \(shape)")
    if shape < 1 {
      let u = max(Double(next() >> 11) * 0x1p-53, Double.leastNonzeroMagnitude)
      return gamma(shape: shape + 1) * pow(u, 1 / shape)
    }
    let d = shape - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x: Double, v: Double
      repeat {
        x = Double(normal())
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = Double(next() >> 11) * 0x1p-53
      if u < 1 - 0.0331 * x * x * x * x { return d * v }
      if log(max(u, Double.leastNonzeroMagnitude)) < 0.5 * x * x + d * (1 - v + log(v)) {
        return d * v
      }
    }
  }

  /// Beta(alpha, beta) from two gamma draws.
  public mutating func beta(_ alpha: Double, _ beta: Double) -> Double {
    let x = gamma(shape: alpha)
    let y = gamma(shape: beta)
    return x / (x + y)
  }

  /// A uniformly random permutation of 0..<n (Fisher-Yates).
  public mutating func permutation(_ n: Int) -> [Int] {
    var p = Array(0..<n)
    if n > 1 {
      for i in stride(from: n - 1, to: 0, by: -1) {
        let j = Int(next() % UInt64(i + 1))
        p.swapAt(i, j)
      }
    }
    return p
  }
}
