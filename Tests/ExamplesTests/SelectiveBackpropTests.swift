// Selective-Backprop's mechanism: keep probabilities are loss percentiles raised to β, the
// draw keeps exactly the examples whose uniform falls below their probability, and a step
// backpropagates only the kept examples: its gradient is the gradient of the loss on them.
import Examples
import Tensor
import Testing
import Training

@Suite struct SelectiveBackpropTests {
  @Test func probabilitiesArePercentilesToTheBeta() {
    let p = selectionProbabilities(losses: [1, 2, 3, 4], history: [4, 1, 3, 2], beta: 2)
    #expect(p == [0.0625, 0.25, 0.5625, 1])
    // β = 1 is the percentile itself; the smallest of R remembered losses gets 1/R.
    #expect(selectionProbabilities(losses: [0.5, 2.5], history: [1, 2, 3, 4, 0.5], beta: 1) == [0.2, 0.6])
  }

  @Test func keepsWhereTheDrawFallsBelowTheProbability() {
    #expect(selectExamples(probabilities: [0.1, 0.9, 0.5, 1], uniforms: [0.2, 0.5, 0.4, 0.99]) == [1, 2, 3])
    // Fewer than the minimum kept: the most probable ones are taken instead.
    #expect(selectExamples(probabilities: [0.1, 0.3, 0.2], uniforms: [0.9, 0.9, 0.9], minimum: 2) == [1, 2])
  }

  @Test func perExampleLossesAverageToTheBatchLoss() {
    var rng = RNG(seed: 5)
    let logits = Tensor(shape: [3, 4], data: (0..<12).map { _ in rng.normal() })
    let targets = Tensor.oneHot([0, 3, 1], classes: 4)
    let each = perExampleCrossEntropy(logits: logits, targets: targets)
    #expect(abs(each.reduce(0, +) / 3 - logits.softmaxCrossEntropy(targets: targets).item) < 1e-5)
  }

  /// Copies every parameter's gradient after the backward pass.
  final class GradientGrabber: Algorithm {
    let name = "grab"
    var grads: [[Float]] = []
    func match(_ event: Event, _ state: TrainState) -> Bool { event == .afterBackward }
    func apply(_ event: Event, _ state: TrainState) { grads = state.model.parameters.map { $0.tensor.grad ?? [] } }
  }

  @Test func backpropagatesOnlyTheKeptExamples() throws {
    let data = Dataset.syntheticDigits(count: 100, seed: 1)
    func model() -> MLP {
      var r = RNG(seed: 7)
      return MLP(widths: [64, 16, 10], rng: &r)
    }
    let state = tinyState(model(), batch: 20)
    let sb = SelectiveBackprop(beta: 1)
    let grabber = GradientGrabber()
    let steps = TrainingSteps(state: state, algorithms: [sb, grabber], train: data, seed: 1)
    steps.start()
    try steps.step()
    let kept = sb.lastKept
    #expect(kept.count >= 2 && kept.count < 20)
    #expect(state.inputs.shape == [kept.count, 64] && state.targets.shape == [kept.count, 10])

    // The same initial weights, trained by hand on the kept rows only, give the same gradient.
    let reference = model()
    let batch = data.batch(kept.map { state.batchIndices[$0] }[...])
    reference.zeroGrad()
    reference(batch.inputs).softmaxCrossEntropy(targets: batch.targets).backward()
    for (grabbed, p) in zip(grabber.grads, reference.parameters) {
      let g = p.tensor.grad!
      #expect(zip(grabbed, g).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) })
    }
  }
}
