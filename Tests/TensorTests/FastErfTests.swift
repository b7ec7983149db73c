// The rational erf behind GELU agrees with libm's erff everywhere that matters, tails included.
import Foundation
import Testing

@testable import Tensor

@Suite struct FastErfTests {
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
}
