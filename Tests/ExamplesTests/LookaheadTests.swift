// Lookahead's mechanism: every k steps the slow weights move alpha of the way to the fast
// ones and the fast weights restart from them; in between the fast weights train alone, and
// evaluation sees the slow weights.
import Examples
import Tensor
import Testing
import Training

@Suite struct LookaheadTests {
  @Test func synchronisationInterpolatesAndResets() {
    var slow: [Float] = [0, 2], fast: [Float] = [4, 2]
    lookaheadSync(slow: &slow, fast: &fast, alpha: 0.5)
    #expect(slow == [2, 2] && fast == [2, 2])
  }

  /// Records the fast (live) weights after every optimizer step, before Lookahead acts.
  final class Iterates: Algorithm {
    let name = "iterates"
    var values: [[[Float]]] = []
    func match(_ event: Event, _ state: TrainState) -> Bool { event == .afterOptimizerStep }
    func apply(_ event: Event, _ state: TrainState) { values.append(state.model.parameters.map(\.tensor.data)) }
  }

  @Test func slowWeightsStepTowardTheFastOnesEveryKSteps() throws {
    var rng = RNG(seed: 1)
    let model = MLP(widths: [64, 16, 10], rng: &rng)
    let recipe = Recipe(learningRate: 0.1, batchSize: 16, steps: 8)
    let state = TrainState(model: model, optimizer: recipe.makeOptimizer(model.parameters.map(\.tensor)), recipe: recipe, rng: RNG(seed: 2))
    let lookahead = Lookahead(k: 3, alpha: 0.25), iterates = Iterates()
    let steps = TrainingSteps(state: state, algorithms: [lookahead, iterates], train: Dataset.syntheticDigits(count: 100, seed: 3), seed: 1)
    steps.start()
    let start = model.parameters.map(\.tensor.data)
    for _ in 0..<2 { try steps.step() }
    // Between synchronisations the slow weights stay put and the fast ones move.
    #expect(lookahead.slowWeights == start)
    #expect(model.parameters.map(\.tensor.data) != start)
    try steps.step()
    // Step 3: slow = start + 0.25 (fast_3 − start), and the fast weights are reset to it.
    for (tensor, slow) in lookahead.slowWeights.enumerated() {
      for j in slow.indices {
        let expected = start[tensor][j] + 0.25 * (iterates.values[2][tensor][j] - start[tensor][j])
        #expect(abs(slow[j] - expected) <= 1e-6 * max(1, abs(expected)))
      }
    }
    #expect(model.parameters.map(\.tensor.data) == lookahead.slowWeights)
    // Off a synchronisation, evaluation sees the slow weights and training resumes on the fast.
    try steps.step()
    let fast = model.parameters.map(\.tensor.data), slow = lookahead.slowWeights
    lookahead.apply(.evalStart, state)
    #expect(model.parameters.map(\.tensor.data) == slow)
    lookahead.apply(.evalEnd, state)
    #expect(model.parameters.map(\.tensor.data) == fast)
  }
}
