// Causal self-attention (Ops/Attention.swift): earlier positions ignore later ones, the first
// position copies its value, and gradients match finite differences (default tolerances).
import Tensor
import Testing

@Suite struct AttentionTests {
  let check = GradientCheck()

  @Test func positionsSeeOnlyThePast() {
    let q = randomTensor([1, 2, 4, 3], seed: 1), k = randomTensor([1, 2, 4, 3], seed: 2)
    let v = randomTensor([1, 2, 4, 3], seed: 3)
    let y = Tensor.causalAttention(q: q, k: k, v: v)
    #expect(y.shape == [1, 2, 4, 3])
    // Position 0 attends only to itself, so it returns v at position 0 in each head.
    expectClose(Array(y.data[0..<3]), Array(v.data[0..<3]), tol: 1e-6, "first position")
    // Changing the last position's key and value leaves earlier outputs unchanged.
    let k2 = Tensor(shape: k.shape, data: k.data), v2 = Tensor(shape: v.shape, data: v.data)
    for h in 0..<2 {
      for j in 0..<3 {
        k2.data[(h * 4 + 3) * 3 + j] += 5
        v2.data[(h * 4 + 3) * 3 + j] -= 5
      }
    }
    let y2 = Tensor.causalAttention(q: q, k: k2, v: v2)
    for h in 0..<2 {
      let early = (h * 4 * 3)..<((h * 4 + 3) * 3)
      expectClose(Array(y2.data[early]), Array(y.data[early]), tol: 1e-6, "head \(h) before the change")
    }
  }

  @Test func gradients() {
    let shape = [2, 2, 3, 2]
    check.check("causalAttention", inputs: [randomTensor(shape, seed: 4), randomTensor(shape, seed: 5), randomTensor(shape, seed: 6)]) {
      Tensor.causalAttention(q: $0[0], k: $0[1], v: $0[2])
    }
  }
}
