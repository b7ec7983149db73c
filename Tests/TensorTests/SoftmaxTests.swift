// Softmax and log-softmax (Ops/Softmax.swift): rows are distributions, the causal mask zeroes
// the future, and gradients match finite differences (default tolerances; inputs of scale 1
// keep the curvature, and so the O(h^2) truncation error, small).
import Foundation
import Tensor
import Testing

@Suite struct SoftmaxTests {
  let check = GradientCheck()

  @Test func rowsAreDistributionsAndLogSoftmaxAgrees() {
    let x = randomTensor([3, 5], seed: 1, scale: 3)
    let p = x.softmax(), lp = x.logSoftmax()
    for r in 0..<3 {
      let row = p.data[(r * 5)..<((r + 1) * 5)]
      #expect(abs(row.reduce(0, +) - 1) < 1e-5)
    }
    expectClose(lp.data, p.data.map { logf($0) }, tol: 1e-5, "log-softmax")
    // Large logits do not overflow: the max is subtracted first.
    #expect(Tensor(shape: [1, 2], data: [1000, 1000]).softmax().data == [0.5, 0.5])
  }

  @Test func causalMaskZeroesTheFuture() {
    let x = randomTensor([2, 4, 4], seed: 2)
    let p = x.softmax(causal: true)
    for b in 0..<2 {
      for i in 0..<4 {
        let row = Array(p.data[((b * 4 + i) * 4)..<((b * 4 + i + 1) * 4)])
        #expect(row[(i + 1)...].allSatisfy { $0 == 0 })
        #expect(abs(row.reduce(0, +) - 1) < 1e-5)
      }
    }
  }

  @Test func gradients() {
    check.check("softmax", inputs: [randomTensor([3, 4], seed: 3)]) { $0[0].softmax() }
    check.check("softmax-causal", inputs: [randomTensor([2, 3, 3], seed: 4)]) { $0[0].softmax(causal: true) }
    check.check("logSoftmax", inputs: [randomTensor([3, 4], seed: 5)]) { $0[0].logSoftmax() }
  }
}
