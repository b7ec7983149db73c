// Batch and layer normalisation (Ops/Norm.swift): normalised statistics, running-statistic
// updates, eval mode, and finite-difference gradients. Default tolerances hold because the
// inputs have unit scale, so 1/sqrt(var + eps) is O(1) and the curvature stays small.
import Tensor
import Testing

@Suite struct NormTests {
  let check = GradientCheck()

  func batchNormState(_ c: Int) -> (Tensor, Tensor, Tensor, Tensor) {
    (randomTensor([c], seed: 11), randomTensor([c], seed: 12),
     Tensor(zeros: [c]), Tensor(shape: [c], data: [Float](repeating: 1, count: c)))
  }

  @Test func trainingNormalisesAndUpdatesRunningStatistics() {
    // One channel, values 1..4: mean 2.5, biased variance 1.25, unbiased 5/3.
    let x = Tensor(shape: [4, 1], data: [1, 2, 3, 4])
    let (w, b) = (Tensor(shape: [1], data: [1]), Tensor(shape: [1], data: [0]))
    let (rm, rv) = (Tensor(zeros: [1]), Tensor(shape: [1], data: [1]))
    let y = x.batchNorm(weight: w, bias: b, runningMean: rm, runningVar: rv, training: true, eps: 0)
    #expect(abs(y.data.reduce(0, +)) < 1e-5)
    #expect(abs(y.data.map { $0 * $0 }.reduce(0, +) / 4 - 1) < 1e-5)
    #expect(abs(rm.data[0] - 0.25) < 1e-6)  // 0.9 * 0 + 0.1 * 2.5
    #expect(abs(rv.data[0] - (0.9 + 0.1 * 5.0 / 3)) < 1e-6)
    // Eval mode uses the running statistics and leaves them alone.
    let e = x.batchNorm(weight: w, bias: b, runningMean: rm, runningVar: rv, training: false, eps: 0)
    #expect(abs(e.data[0] - (1 - 0.25) / rv.data[0].squareRoot()) < 1e-6)
    #expect(abs(rm.data[0] - 0.25) < 1e-6)
  }

  @Test func batchNormGradients() {
    let (w, b, rm, rv) = batchNormState(3)
    check.check("batchNorm-train-4d", inputs: [randomTensor([2, 3, 2, 2], seed: 1), w, b]) {
      $0[0].batchNorm(weight: $0[1], bias: $0[2], runningMean: rm, runningVar: rv, training: true)
    }
    check.check("batchNorm-train-2d", inputs: [randomTensor([5, 3], seed: 2), w, b]) {
      $0[0].batchNorm(weight: $0[1], bias: $0[2], runningMean: rm, runningVar: rv, training: true)
    }
    check.check("batchNorm-eval", inputs: [randomTensor([2, 3, 2, 2], seed: 3), w, b]) {
      $0[0].batchNorm(weight: $0[1], bias: $0[2], runningMean: rm, runningVar: rv, training: false)
    }
    // Channels far from zero mean: the backward pass rebuilds xhat from x and the mean, and
    // its sums are centred on the mean so that they do not cancel.
    let offset = Tensor(shape: [2, 3, 2, 2], data: randomTensor([2, 3, 2, 2], seed: 4).data.map { $0 + 8 })
    check.check("batchNorm-train-offset", inputs: [offset, w, b]) {
      $0[0].batchNorm(weight: $0[1], bias: $0[2], runningMean: rm, runningVar: rv, training: true)
    }
  }

  @Test func layerNormNormalisesRowsAndHasRightGradients() {
    let x = randomTensor([2, 3, 4], seed: 4, scale: 3)
    let (one, zero) = (Tensor(shape: [4], data: [1, 1, 1, 1]), Tensor(zeros: [4]))
    let y = x.layerNorm(weight: one, bias: zero)
    for r in 0..<6 {
      let row = y.data[(r * 4)..<((r + 1) * 4)]
      #expect(abs(row.reduce(0, +)) < 1e-5)
    }
    check.check("layerNorm", inputs: [randomTensor([2, 3, 4], seed: 5), randomTensor([4], seed: 6), randomTensor([4], seed: 7)]) {
      $0[0].layerNorm(weight: $0[1], bias: $0[2])
    }
  }
}
