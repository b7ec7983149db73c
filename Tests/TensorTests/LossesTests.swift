// Losses (Ops/Losses.swift): values against hand-computed ones and PyTorch's definitions, and
// gradients by finite differences (default tolerances: the losses are O(1) and smooth).
import Foundation
import Tensor
import Testing

@Suite struct LossesTests {
  let check = GradientCheck()

  @Test func labelsAndOneHotTargetsAgree() {
    let z = randomTensor([4, 5], seed: 1)
    let labels = [3, 0, 4, 1]
    for eps: Float in [0, 0.1] {
      let a = z.crossEntropy(labels: labels, labelSmoothing: eps)
      let b = z.crossEntropy(targets: Tensor.oneHot(labels, classes: 5), labelSmoothing: eps)
      #expect(abs(a.item - b.item) < 1e-5)
    }
  }

  @Test func labelSmoothingMatchesItsDefinition() {
    // Two classes, logits [0, 0]: log p = -ln 2 for both, so any smoothing gives ln 2.
    let z = Tensor(shape: [1, 2], data: [0, 0])
    #expect(abs(z.crossEntropy(labels: [1], labelSmoothing: 0.3).item - logf(2)) < 1e-6)
    // Logits [ln 3, 0]: p = [0.75, 0.25]; eps = 0.2 gives targets [0.9, 0.1] for label 0.
    let w = Tensor(shape: [1, 2], data: [logf(3), 0])
    let expected = -(0.9 * logf(0.75) + 0.1 * logf(0.25))
    #expect(abs(w.crossEntropy(labels: [0], labelSmoothing: 0.2).item - expected) < 1e-5)
  }

  @Test func mseAndKLValues() {
    let x = Tensor(shape: [2], data: [1, 3]), t = Tensor(shape: [2], data: [0, 1])
    #expect(x.mseLoss(t).item == 2.5)  // (1 + 4) / 2
    // KL([0.5, 0.5] || [0.25, 0.75]) = 0.5 ln 2 + 0.5 ln(2/3); one row, so batchmean = sum.
    let logq = Tensor(shape: [1, 2], data: [logf(0.25), logf(0.75)])
    let p = Tensor(shape: [1, 2], data: [0.5, 0.5])
    #expect(abs(logq.klDivergence(target: p).item - (0.5 * logf(2) + 0.5 * logf(2.0 / 3))) < 1e-6)
    #expect(abs(p.log().klDivergence(target: p).item) < 1e-7)
  }

  @Test func gradients() {
    check.check("ce-labels", inputs: [randomTensor([4, 5], seed: 2)]) { $0[0].crossEntropy(labels: [1, 4, 0, 0]) }
    check.check("ce-labels-smoothed", inputs: [randomTensor([4, 5], seed: 3)]) {
      $0[0].crossEntropy(labels: [1, 4, 0, 2], labelSmoothing: 0.1)
    }
    let soft = Tensor(shape: [2, 3], data: [0.7, 0.2, 0.1, 0.05, 0.05, 0.9])
    check.check("ce-soft-smoothed", inputs: [randomTensor([2, 3], seed: 4)]) {
      $0[0].crossEntropy(targets: soft, labelSmoothing: 0.2)
    }
    check.check("mse", inputs: [randomTensor([3, 4], seed: 5), randomTensor([3, 4], seed: 6)]) { $0[0].mseLoss($0[1]) }
    // KL with a learnable student (log-probabilities) and a learnable positive teacher.
    let teacher = Tensor(shape: [2, 3], data: [0.2, 0.3, 0.5, 0.6, 0.3, 0.1], requiresGrad: true)
    check.check("kl", inputs: [randomTensor([2, 3], seed: 7), teacher]) { $0[0].logSoftmax().klDivergence(target: $0[1]) }
  }
}
