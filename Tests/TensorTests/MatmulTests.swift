// Matrix products (Ops/Matmul.swift): batched products against per-batch naive products,
// and gradients of every variant by finite differences (default tolerances: bilinear ops).
import Tensor
import Testing

@Suite struct MatmulTests {
  let check = GradientCheck()

  @Test func bmmMatchesNaivePerBatch() {
    let a = randomTensor([2, 3, 4, 5], seed: 1), b = randomTensor([2, 3, 5, 2], seed: 2)
    let bt = randomTensor([2, 3, 2, 5], seed: 3)
    let y = a.bmm(b), yt = a.bmm(bt, transposeB: true)
    #expect(y.shape == [2, 3, 4, 2] && yt.shape == [2, 3, 4, 2])
    for i in 0..<6 {
      let ai = Array(a.data[(i * 20)..<((i + 1) * 20)])
      let zeros = [Float](repeating: 0, count: 8)
      let ref = gemmNaive(a: ai, b: Array(b.data[(i * 10)..<((i + 1) * 10)]), c: zeros, m: 4, n: 2, k: 5)
      let refT = gemmNaive(a: ai, b: Array(bt.data[(i * 10)..<((i + 1) * 10)]), c: zeros, m: 4, n: 2, k: 5, transB: true)
      expectClose(Array(y.data[(i * 8)..<((i + 1) * 8)]), ref, tol: 1e-5, "bmm batch \(i)")
      expectClose(Array(yt.data[(i * 8)..<((i + 1) * 8)]), refT, tol: 1e-5, "bmm transposed batch \(i)")
    }
  }

  @Test func gradients() {
    check.check("matmul-rank3", inputs: [randomTensor([2, 3, 4], seed: 4), randomTensor([4, 5], seed: 5)]) {
      $0[0].matmul($0[1])
    }
    check.check("bmm", inputs: [randomTensor([2, 3, 4], seed: 6), randomTensor([2, 4, 2], seed: 7)]) {
      $0[0].bmm($0[1])
    }
    check.check("bmm-transposeB", inputs: [randomTensor([2, 3, 4], seed: 8), randomTensor([2, 5, 4], seed: 9)]) {
      $0[0].bmm($0[1], transposeB: true)
    }
    for transposeB in [false, true] {
      check.check("bmm-alpha-\(transposeB)", inputs: [randomTensor([2, 3, 4], seed: 10), randomTensor(transposeB ? [2, 5, 4] : [2, 4, 5], seed: 11)]) {
        $0[0].bmm($0[1], transposeB: transposeB, alpha: -0.37)
      }
    }
  }

  @Test func alphaScalesTheProduct() {
    let a = randomTensor([3, 4, 5], seed: 12), b = randomTensor([3, 5, 2], seed: 13)
    expectClose(a.bmm(b, alpha: 0.25).data, a.bmm(b).data.map { $0 * 0.25 }, tol: 1e-6, "bmm alpha")
  }
}
