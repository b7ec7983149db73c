// Reduced-precision emulation (Ops/Precision.swift): bfloat16 rounding is to nearest, ties to
// even, on the float32 bits, and the op rounds its gradient the same way.
import Tensor
import Testing

@Suite struct PrecisionTests {
  @Test func roundsToNearestEven() {
    // bfloat16 keeps 7 mantissa bits: between 1 and 2 the spacing is 2^-7.
    let ulp = Float(1) / 128
    #expect(bfloat16Rounded(1) == 1)
    #expect(bfloat16Rounded(1 + ulp) == 1 + ulp)
    #expect(bfloat16Rounded(1 + ulp * 0.49) == 1)
    #expect(bfloat16Rounded(1 + ulp * 0.51) == 1 + ulp)
    // Exactly half-way: ties go to the even neighbour.
    #expect(bfloat16Rounded(1 + ulp * 0.5) == 1)  // 1 is even
    #expect(bfloat16Rounded(1 + ulp * 1.5) == 1 + 2 * ulp)  // 1 + ulp is odd
    #expect(bfloat16Rounded(-(1 + ulp * 0.51)) == -(1 + ulp))
    #expect(bfloat16Rounded(Float.greatestFiniteMagnitude) == .infinity)
    #expect(bfloat16Rounded(.nan).isNaN)
    #expect(bfloat16Rounded(3.14159265) == 3.140625)
    // The low 16 bits of every result are zero.
    var rng = RNG(seed: 1)
    for _ in 0..<1000 {
      let v = rng.normal() * 100
      let r = bfloat16Rounded(v)
      #expect(r.bitPattern & 0xFFFF == 0)
      #expect(abs(r - v) <= abs(v) / 256)  // within half a bfloat16 ulp
    }
  }

  @Test func gradientIsRoundedToo() {
    let x = Tensor(shape: [2], data: [1.001, -2.5], requiresGrad: true)
    let y = x.roundedToBFloat16()
    #expect(y.data == [1, -2.5])
    (y * Tensor(shape: [2], data: [1 + Float(1) / 256 * 1.1, 3])).sum().backward()
    #expect(x.grad! == [1 + Float(1) / 128, 3])
  }

  @Test func countsNoFLOPs() {
    let counter = FLOPCounter()
    Tensor.countingFLOPs(counter) { _ = Tensor(shape: [4], data: [1, 2, 3, 4]).roundedToBFloat16() }
    #expect(counter.total == 0)
  }
}
