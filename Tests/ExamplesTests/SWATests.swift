// SWA's mechanism: the learning rate follows the compressed cosine down to swa_lr and stays
// there; the average is the plain mean of the iterates after the start; refreshing the
// average's batch-norm statistics leaves the live model's untouched; evaluation uses the
// average with its own statistics.
import Examples
import Tensor
import Testing
import Training

@Suite struct SWATests {
  @Test func scheduleAndRunningMean() {
    #expect(swaMultiplier(progress: 0, start: 0.8, floor: 0.5) == 1)
    #expect(abs(swaMultiplier(progress: 0.4, start: 0.8, floor: 0.5) - 0.75) < 1e-6)
    #expect(swaMultiplier(progress: 0.8, start: 0.8, floor: 0.5) == 0.5)
    #expect(swaMultiplier(progress: 0.95, start: 0.8, floor: 0.5) == 0.5)
    var average: [Float] = [0, 0]
    for (n, snapshot) in [[1, 2], [3, 4], [5, 12]].enumerated() { swaUpdate(&average, adding: snapshot.map(Float.init), count: n) }
    #expect(average == [3, 6])
  }

  /// Records the live parameters, buffers and learning rate after every optimizer step.
  final class Iterates: Algorithm {
    let name = "iterates"
    var parameters: [[[Float]]] = [], buffers: [[[Float]]] = [], learningRates: [Float] = []
    func match(_ event: Event, _ state: TrainState) -> Bool { event == .afterOptimizerStep }
    func apply(_ event: Event, _ state: TrainState) {
      parameters.append(state.model.parameters.map(\.tensor.data))
      buffers.append(state.model.buffers.map(\.tensor.data))
      learningRates.append(state.learningRate)
    }
  }

  @Test func averagesTheIteratesAfterTheStartWithTheirOwnStatistics() throws {
    var rng = RNG(seed: 1)
    let model = ResidualCNN(inChannels: 1, widths: [4], classes: 10, rng: &rng)
    let recipe = Recipe(learningRate: 0.1, batchSize: 16, steps: 10)
    let state = TrainState(model: model, optimizer: recipe.makeOptimizer(model.parameters.map(\.tensor)), recipe: recipe, rng: RNG(seed: 2))
    let swa = SWA(start: 0.6, swaLearningRate: 0.02), iterates = Iterates()
    // After-events run in reverse order: the recorder sees each step before SWA acts on it.
    let steps = TrainingSteps(state: state, algorithms: [swa, iterates], train: Dataset.syntheticDigits(count: 100, seed: 3), seed: 1)
    steps.start()
    for _ in 0..<10 { try steps.step() }

    // Learning rates: 0.1 · swaMultiplier(t/10, start 0.6, floor 0.2) for steps t = 0..9.
    for (t, lr) in iterates.learningRates.enumerated() {
      #expect(abs(lr - 0.1 * swaMultiplier(progress: Float(t) / 10, start: 0.6, floor: 0.2)) < 1e-7)
    }
    #expect(iterates.learningRates.suffix(4).allSatisfy { abs($0 - 0.02) < 1e-7 })
    // Steps 7 to 10 come after 60% of the run: the average is their mean.
    #expect(swa.snapshots == 4)
    for (tensor, values) in swa.averagedParameters.enumerated() {
      for j in values.indices {
        let mean = iterates.parameters.suffix(4).map { Double($0[tensor][j]) }.reduce(0, +) / 4
        #expect(abs(Double(values[j]) - mean) <= 1e-5 * max(1, abs(mean)))
      }
    }
    // The refresh pass on the average did not touch the live running statistics.
    #expect(model.buffers.map(\.tensor.data) == iterates.buffers.last!)
    // Evaluation swaps in the average with statistics of its own, and swaps back.
    let live = (model.parameters + model.buffers).map(\.tensor.data), average = swa.averagedParameters
    swa.apply(.evalStart, state)
    #expect(model.parameters.map(\.tensor.data) == average)
    let evaluated = (model.parameters + model.buffers).map(\.tensor.data)
    #expect(evaluated != live)
    #expect(model.buffers.map(\.tensor.data) != iterates.buffers.last!)
    #expect(evaluated.allSatisfy { $0.allSatisfy(\.isFinite) })
    swa.apply(.evalEnd, state)
    #expect((model.parameters + model.buffers).map(\.tensor.data) == live)
  }
}
