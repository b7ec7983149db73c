// Label smoothing's mechanism: smoothed targets keep their row sums, the labelled class keeps
// 1 − ε + ε/K and every other class gets ε/K, and the loop's cross-entropy against them equals
// the engine's label-smoothed loss (PyTorch's label_smoothing).
import Examples
import Tensor
import Testing
import Training

@Suite struct LabelSmoothingTests {
  @Test func smoothedTargetsHaveTheRightMass() {
    let y = Tensor.oneHot([0, 3, 9], classes: 10)
    let s = smoothLabels(y, epsilon: 0.1)
    for (row, label) in [0, 3, 9].enumerated() {
      let r = Array(s.data[(row * 10)..<(row * 10 + 10)])
      #expect(abs(r.reduce(0, +) - 1) < 1e-6)
      #expect(abs(r[label] - (0.9 + 0.01)) < 1e-7)
      #expect(r.enumerated().filter { $0.offset != label }.allSatisfy { abs($0.element - 0.01) < 1e-7 })
    }
    #expect(smoothLabels(y, epsilon: 0).data == y.data)
  }

  @Test func lossEqualsTheEnginesLabelSmoothedCrossEntropy() {
    var rng = RNG(seed: 3)
    let logits = Tensor(shape: [4, 5], data: (0..<20).map { _ in rng.normal() })
    let y = Tensor.oneHot([1, 0, 4, 2], classes: 5)
    let ours = logits.softmaxCrossEntropy(targets: smoothLabels(y, epsilon: 0.2)).item
    let engine = logits.crossEntropy(labels: [1, 0, 4, 2], labelSmoothing: 0.2).item
    #expect(abs(ours - engine) < 1e-5)
  }

  @Test func algorithmSmoothsTheBatchAfterLoading() {
    var rng = RNG(seed: 1)
    let state = tinyState(MLP(widths: [2, 3], rng: &rng))
    state.targets = Tensor.oneHot([0, 1, 2, 0], classes: 3)
    let ls = LabelSmoothing(epsilon: 0.3)
    #expect(ls.match(.afterDataLoad, state) && !ls.match(.beforeLoss, state))
    ls.apply(.afterDataLoad, state)
    #expect(abs(state.targets.data[0] - 0.8) < 1e-6 && abs(state.targets.data[1] - 0.1) < 1e-6)
  }

  @Test func registryRunsLabelSmoothing() {
    let records = smokeRun("label-smoothing")
    #expect(records.map(\.steps) == [12, 12])
    #expect(records[1].trace["label-smoothing/afterDataLoad"] == 12)
    #expect(records[0].trace.isEmpty)
  }
}
