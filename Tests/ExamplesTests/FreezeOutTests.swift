// FreezeOut's mechanism: the scheduled freeze points and per-unit learning rates, frozen units
// that are not backpropagated (fewer backward FLOPs, no gradients) and whose weights stay
// bit-identical from their freeze point to the end of training.
import Examples
import Tensor
import Testing
import Training

@Suite struct FreezeOutTests {
  private func synthetic(_ n: Int, seed: UInt64) -> Dataset {
    var rng = RNG(seed: seed)
    return Dataset(
      name: "synthetic", features: (0..<(n * 64)).map { _ in rng.uniform() }, labels: (0..<n).map { $0 % 3 }, featureCount: 64, classes: 3)
  }

  @Test func scheduleAndLearningRates() {
    let t = freezeOutPoints(units: 5, t0: 0.8)
    #expect(zip(t, [0.512, 0.614125, 0.729, 0.857375, 1]).allSatisfy { abs($0 - Float($1)) < 1e-5 })
    #expect(freezeOutPoints(units: 3, t0: 0.5, cubic: false) == [0.5, 0.75, 1])
    // Cosine from lr / t to 0 at t, then 0.
    #expect(abs(freezeOutMultiplier(progress: 0, freezeAt: 0.5) - 2) < 1e-6)
    #expect(abs(freezeOutMultiplier(progress: 0.25, freezeAt: 0.5) - 1) < 1e-6)
    #expect(freezeOutMultiplier(progress: 0.5, freezeAt: 0.5) == 0)
    #expect(abs(freezeOutMultiplier(progress: 0.25, freezeAt: 0.5, scaled: false) - 0.5) < 1e-6)
    // The last unit (t = 1) follows the baseline's cosine schedule exactly.
    for p: Float in [0, 0.3, 0.9] { #expect(freezeOutMultiplier(progress: p, freezeAt: 1) == Schedule.cosine().multiplier(at: p)) }
  }

  @Test func frozenUnitsAreSkippedAndStayBitIdentical() throws {
    var rng = RNG(seed: 1)
    let model = ResidualCNN(inChannels: 1, widths: [4, 8, 8], classes: 3, rng: &rng)
    let recipe = Recipe(learningRate: 0.05, momentum: 0.9, nesterov: true, weightDecay: 5e-4, batchSize: 8, steps: 20)
    let state = TrainState(model: model, optimizer: recipe.makeOptimizer(model.parameters.map(\.tensor)), recipe: recipe, rng: RNG(seed: 2))
    let algorithm = FreezeOut(t0: 0.8)
    let steps = TrainingSteps(state: state, algorithms: [algorithm], train: synthetic(64, seed: 3), seed: 4)
    steps.start()
    #expect(state.recipe.schedule == .constant)
    var frozenAt: [Int: [[Float]]] = [:]  // unit -> its weights when it froze
    var flops: [Double] = []  // per step, as the loop counts them
    for _ in 0..<20 {
      let before = state.flops
      try steps.step()
      flops.append(state.flops - before)
      // Units that are frozen in this step got no gradient; the others did.
      for (u, unit) in model.units.enumerated() {
        #expect(unit.allSatisfy { ($0.tensor.grad == nil) == (u < model.frozenUnits) })
        if u < model.frozenUnits && frozenAt[u] == nil { frozenAt[u] = unit.map(\.tensor.data) }
      }
    }
    steps.finish()
    // Freeze points 0.51, 0.61, 0.73, 0.86 of 20 steps: units 0-3 freeze at steps 11, 13, 15, 18.
    #expect(frozenAt.keys.sorted() == [0, 1, 2, 3])
    #expect(model.frozenUnits == 4)
    for (u, weights) in frozenAt { #expect(model.units[u].map(\.tensor.data) == weights) }
    // Each freeze makes the step cheaper (the forward pass is unchanged, the backward shrinks).
    #expect(flops[19] < flops[15] && flops[15] < flops[12] && flops[12] < flops[5])
  }

  @Test func registryTechniqueTrainsTheFashionCNN() {
    let technique = Examples.all["freezeout"]!
    #expect(technique.workload.name == "fashion-cnn")
    let record = techniqueRunOnSyntheticImages("freezeout", steps: 6)
    #expect(record.steps == 6 && !record.diverged)
    #expect(record.trace["freezeout/batchStart"] == 6)
  }
}
