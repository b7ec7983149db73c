// Dropout (Ops/Dropout.swift): seeded masks repeat, survivors are scaled by 1 / (1 - p), eval
// mode is the identity, and the gradient is the mask (finite differences with a fixed seed).
import Tensor
import Testing

@Suite struct DropoutTests {
  let check = GradientCheck()

  @Test func seededMasksRepeatAndScale() {
    let x = Tensor(shape: [1000], data: [Float](repeating: 1, count: 1000))
    var r1 = RNG(seed: 3), r2 = RNG(seed: 3)
    let a = x.dropout(p: 0.25, rng: &r1), b = x.dropout(p: 0.25, rng: &r2)
    #expect(a.data == b.data)
    #expect(a.data.allSatisfy { $0 == 0 || abs($0 - 1 / 0.75) < 1e-6 })
    let dropped = a.data.filter { $0 == 0 }.count
    #expect(dropped > 200 && dropped < 300)  // 250 expected; the binomial sd is about 14
    var r3 = RNG(seed: 3)
    #expect(x.dropout(p: 0.25, rng: &r3, training: false).data == x.data)
    #expect(Tensor.evaluating { x.dropout(p: 0.5, rng: &r3) }.data == x.data)
  }

  @Test func gradient() {
    check.check("dropout", inputs: [randomTensor([4, 5], seed: 1)]) { p in
      var rng = RNG(seed: 9)  // the same mask on every evaluation
      return p[0].dropout(p: 0.4, rng: &rng)
    }
  }
}
