// Gradient accumulation's mechanism: micro-batches partition the batch, and k micro-batches
// with their losses scaled by 1/k give the full-batch gradient to float32 rounding, both as a
// function and inside a training step (same reported loss, same update, one optimizer step).
import Examples
import Tensor
import Testing
import Training

@Suite struct GradientAccumulationTests {
  @Test func microBatchesPartitionTheRows() {
    let x = Tensor(shape: [4, 1, 1, 2], data: [0, 1, 2, 3, 4, 5, 6, 7])
    let parts = microBatches(x, 2)
    #expect(parts.map(\.shape) == [[2, 1, 1, 2], [2, 1, 1, 2]])
    #expect(parts[0].data + parts[1].data == x.data)
  }

  func model() -> MLP {
    var rng = RNG(seed: 1)
    return MLP(widths: [64, 32, 10], rng: &rng)
  }

  func close(_ a: [Float], _ b: [Float]) -> Bool {
    let scale = b.map(abs).max() ?? 1
    return a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-5 * max(scale, 1e-3) }
  }

  @Test func accumulatedGradientEqualsTheFullBatchGradient() {
    let data = Dataset.syntheticDigits(count: 64, seed: 3)
    let batch = data.batch(Array(0..<64)[...])
    let full = model(), accumulated = model()
    let fullLoss = full(batch.inputs).softmaxCrossEntropy(targets: batch.targets)
    fullLoss.backward()
    for k in [2, 4, 8] {
      accumulated.zeroGrad()
      let loss = accumulateGradients(accumulated, inputs: microBatches(batch.inputs, k), targets: microBatches(batch.targets, k))
      #expect(abs(loss - fullLoss.item) < 1e-5)
      for (a, f) in zip(accumulated.parameters, full.parameters) { #expect(close(a.tensor.grad!, f.tensor.grad!), "k = \(k), \(a.name)") }
    }
  }

  @Test func aTrainingStepWithMicroBatchesMatchesTheFullBatchStep() throws {
    func step(_ algorithms: [any Algorithm]) throws -> (loss: Float, model: MLP) {
      let m = model()
      let recipe = Recipe(learningRate: 0.1, batchSize: 32, steps: 5)
      let state = TrainState(model: m, optimizer: recipe.makeOptimizer(m.parameters.map(\.tensor)), recipe: recipe, rng: RNG(seed: 2))
      let steps = TrainingSteps(state: state, algorithms: algorithms, train: Dataset.syntheticDigits(count: 100, seed: 3), seed: 1)
      steps.start()
      let loss = try steps.step()
      #expect(state.step == 1)
      return (loss, m)
    }
    let full = try step([]), accumulated = try step([GradientAccumulation(k: 4)])
    #expect(abs(full.loss - accumulated.loss) < 1e-5)
    for (a, f) in zip(accumulated.model.parameters, full.model.parameters) {
      #expect(close(a.tensor.grad!, f.tensor.grad!), "gradient of \(a.name)")
      #expect(close(a.tensor.data, f.tensor.data), "weights of \(a.name)")
    }
  }
}
