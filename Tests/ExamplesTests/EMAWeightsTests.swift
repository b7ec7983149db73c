// EMA's mechanism: after k steps the shadow weights (and batch-norm buffers) equal the closed
// form of the warmed-up exponential average of the iterates, evaluation swaps them in and
// restores the live weights bit-identical, and the run ends on the average.
import Examples
import Tensor
import Testing
import Training

@Suite struct EMAWeightsTests {
  @Test func updateAndWarmedUpDecay() {
    var average: [Float] = [1, 2]
    emaUpdate(&average, toward: [3, 6], decay: 0.75)
    #expect(average == [1.5, 3])
    #expect(emaDecay(0.999, update: 0, warmup: true) == 0.1)
    #expect(abs(emaDecay(0.999, update: 8, warmup: true) - 0.5) < 1e-7)
    #expect(emaDecay(0.999, update: 20_000, warmup: true) == 0.999)
    #expect(emaDecay(0.999, update: 0, warmup: false) == 0.999)
  }

  /// Records the live parameters and buffers after every optimizer step.
  final class Iterates: Algorithm {
    let name = "iterates"
    var values: [[[Float]]] = []
    func match(_ event: Event, _ state: TrainState) -> Bool { event == .afterOptimizerStep }
    func apply(_ event: Event, _ state: TrainState) { values.append((state.model.parameters + state.model.buffers).map(\.tensor.data)) }
  }

  @Test func shadowEqualsTheClosedFormAfterKSteps() throws {
    var rng = RNG(seed: 1)
    let model = ResidualCNN(inChannels: 1, widths: [4], classes: 10, rng: &rng)
    let recipe = Recipe(learningRate: 0.1, batchSize: 16, steps: 6)
    let state = TrainState(model: model, optimizer: recipe.makeOptimizer(model.parameters.map(\.tensor)), recipe: recipe, rng: RNG(seed: 2))
    let ema = EMAWeights(decay: 0.9, warmup: true), iterates = Iterates()
    let steps = TrainingSteps(state: state, algorithms: [ema, iterates], train: Dataset.syntheticDigits(count: 100, seed: 3), seed: 1)
    steps.start()
    let initial = (model.parameters + model.buffers).map(\.tensor.data)
    let k = 6
    for _ in 0..<k { try steps.step() }

    // w̄_k = (Π d_t) w̄_0 + Σ_i (1 − d_i) (Π_{t>i} d_t) w_i+1, with d_t = min(0.9, (1+t)/(10+t)).
    let d = (0..<k).map { Double(min(0.9, Float(1 + $0) / Float(10 + $0))) }
    let weightOfStart = d.reduce(1, *)
    let weights = (0..<k).map { i in (1 - d[i]) * d[(i + 1)...].reduce(1, *) }
    #expect(abs(weightOfStart + weights.reduce(0, +) - 1) < 1e-12)
    #expect(model.buffers.count > 0)
    for tensor in 0..<initial.count {
      for j in initial[tensor].indices {
        var expected = weightOfStart * Double(initial[tensor][j])
        for i in 0..<k { expected += weights[i] * Double(iterates.values[i][tensor][j]) }
        #expect(abs(Double(ema.average[tensor][j]) - expected) <= 1e-5 * max(1, abs(expected)))
      }
    }

    // Evaluation swaps the average in and the live weights back, bit-identical.
    let live = (model.parameters + model.buffers).map(\.tensor.data), average = ema.average
    ema.apply(.evalStart, state)
    #expect((model.parameters + model.buffers).map(\.tensor.data) == average)
    ema.apply(.evalEnd, state)
    #expect((model.parameters + model.buffers).map(\.tensor.data) == live)
    // The run ends on the average.
    steps.finish()
    #expect((model.parameters + model.buffers).map(\.tensor.data) == average)
  }
}
