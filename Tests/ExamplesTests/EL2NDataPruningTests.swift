// EL2N data pruning's mechanism: the score is the L2 norm of softmax minus target, the hardest
// fraction is kept, and the algorithm scores the whole training set inside one step (its FLOPs
// are counted there) and from the next step on draws batches only from the kept examples.
import Examples
import Tensor
import Testing
import Training

@Suite struct EL2NDataPruningTests {
  @Test func scoreIsTheNormOfTheErrorVector() {
    let logits = Tensor(shape: [3, 2], data: [0, 0, 50, 0, 0, 50])
    let targets = Tensor.oneHot([0, 0, 0], classes: 2)
    let s = el2nScores(logits: logits, targets: targets)
    #expect(abs(s[0] - Float(0.5).squareRoot()) < 1e-6)  // softmax (0.5, 0.5) against (1, 0)
    #expect(s[1] < 1e-6)  // confident and right
    #expect(abs(s[2] - Float(2).squareRoot()) < 1e-6)  // confident and wrong
    // Three rows per example (a language model's positions) are averaged.
    let mean = (s[0] + s[1] + s[2]) / 3
    #expect(abs(el2nScores(logits: logits, targets: targets, rowsPerExample: 3)[0] - mean) < 1e-6)
  }

  @Test func keepsTheHardestFraction() {
    #expect(keepHardest(scores: [0.1, 0.9, 0.5, 0.9], keep: 0.5) == [1, 3])
    #expect(keepHardest(scores: [0.3, 0.2, 0.1], keep: 1) == [0, 1, 2])
  }

  /// Scores the training set at batchStart, before the pruning algorithm does.
  final class Witness: Algorithm {
    let name = "witness"
    var scores: [Float]?
    func match(_ event: Event, _ state: TrainState) -> Bool { event == .batchStart && state.step == 2 }
    func apply(_ event: Event, _ state: TrainState) {
      let data = state.trainingSet!
      let batch = data.batch(Array(0..<data.count)[...])
      scores = Tensor.evaluating { el2nScores(logits: state.model(batch.inputs), targets: batch.targets) }
    }
  }

  @Test func prunesInsideAStepAndTrainsOnTheKeptExamples() throws {
    var rng = RNG(seed: 3)
    let model = MLP(widths: [64, 16, 10], rng: &rng)
    let state = tinyState(model, batch: 10, steps: 10)
    let pruning = EL2NDataPruning(scoreAt: 0.2, keep: 0.3)
    let witness = Witness()
    let steps = TrainingSteps(state: state, algorithms: [witness, pruning], train: Dataset.syntheticDigits(count: 100, seed: 1), seed: 1)
    steps.start()
    var flops: [Double] = []
    for _ in 0..<6 {
      let before = state.flops
      try steps.step()
      flops.append(state.flops - before)
      if state.step <= 2 { #expect(pruning.kept == nil) }
    }
    // Scored at the third step (progress 0.2) against the model of that moment.
    let kept = try #require(pruning.kept)
    #expect(kept.count == 30)
    #expect(kept == keepHardest(scores: witness.scores!, keep: 0.3))
    #expect(state.activeExamples == kept)
    #expect(state.batchIndices.allSatisfy { kept.contains($0) })
    // The scoring step paid a forward pass over all 100 examples (2 x 100 x (64x16 + 16x10)).
    let scoringPass: Double = 2 * 100 * (64 * 16 + 16 * 10)
    #expect(flops[2] - flops[1] >= scoringPass)
  }
}
