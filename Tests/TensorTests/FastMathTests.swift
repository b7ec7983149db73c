// The branch-free exp and erf behind softmax, cross-entropy and GELU agree with libm to a few
// ulps everywhere that matters, tails and NaN included; the lane reductions with plain loops.
import Foundation
import Testing

@testable import Tensor

@Suite struct FastMathTests {
  @Test func agreesWithLibmToAFewUlps() {
    var worst: Float = 0
    for i in -6000...6000 {
      let x = Float(i) / 1000
      worst = max(worst, abs(fastErf(x) - erff(x)))
    }
    #expect(worst < 2e-6, "largest difference \(worst)")
    #expect(fastErf(10) == 1 || abs(fastErf(10) - 1) < 1e-6)
    #expect(fastErf(-0.5) == -fastErf(0.5))
  }

  @Test func geluMatchesTheExactFormula() {
    let x = Tensor(shape: [5], data: [-3, -1, 0, 0.5, 2])
    let y = x.gelu()
    for (v, g) in zip(x.data, y.data) {
      let z: Double = Double(v) / 2.0.squareRoot()
      let exact: Double = Double(v) * 0.5 * (1 + erf(z))
      #expect(abs(Double(g) - exact) < 1e-6)
    }
  }

  @Test func expAgreesWithLibmToAFewUlps() {
    var worst: Double = 0
    for i in -87000...88000 {
      let x = Float(i) / 1000
      let exact = Foundation.exp(Double(x))
      worst = max(worst, abs(Double(fastExp(x)) - exact) / exact)
    }
    #expect(worst < 4e-7, "largest relative difference \(worst)")
    #expect(fastExp(0) == 1)
    // Below -87 the input is clamped: e^-87 (1.6e-38), the smallest normal result.
    #expect(fastExp(-1000) == fastExp(-87) && fastExp(-87) < 1.7e-38 && fastExp(-87) > 0)
    #expect(fastExp(-.infinity) == fastExp(-87))
    #expect(fastExp(.nan).isNaN)
  }

  @Test func laneReductionsMatchPlainLoops() {
    for count in 0...37 {
      let values = (0..<count).map { Float(($0 * 7919) % 23) - 11.5 }
      values.withUnsafeBufferPointer { p in
        let base = p.baseAddress ?? UnsafePointer(bitPattern: 16)!
        #expect(laneMax(base, count) == (values.max() ?? -.infinity))
        #expect(abs(laneSum(base, count) - values.reduce(0, +)) < 1e-4)
      }
    }
  }
}
