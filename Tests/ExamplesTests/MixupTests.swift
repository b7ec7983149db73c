// Mixup's mechanism: mixed inputs and targets are the stated convex combinations, target rows
// still sum to 1, and the algorithm acts right after the batch is loaded.
import Examples
import Tensor
import Testing
import Training

@Suite struct MixupTests {
  @Test func mixesInputsAndTargetsConvexly() {
    let x = Tensor(shape: [3, 2], data: [1, 2, 3, 4, 5, 6])
    let y = Tensor.oneHot([0, 1, 2], classes: 3)
    let (mx, my) = mixupBatch(inputs: x, targets: y, lambda: 0.75, permutation: [2, 0, 1])
    // Row 0 mixes example 0 with example 2: 0.75 * [1,2] + 0.25 * [5,6].
    #expect(mx.data[0] == 2 && mx.data[1] == 3)
    #expect(my.data[0..<3] == [0.75, 0, 0.25])
    for row in 0..<3 {
      let sum = my.data[(row * 3)..<(row * 3 + 3)].reduce(0, +)
      #expect(abs(sum - 1) < 1e-6)
    }
    // lambda = 1 leaves the batch unchanged.
    #expect(mixupBatch(inputs: x, targets: y, lambda: 1, permutation: [2, 0, 1]).inputs.data == x.data)
  }

  @Test func algorithmReplacesTheBatchAfterLoading() {
    var rng = RNG(seed: 1)
    let model = MLP(widths: [2, 3], rng: &rng)
    let state = TrainState(
      model: model, optimizer: SGD(model.parameters.map(\.tensor)),
      recipe: Recipe(learningRate: 0.1, batchSize: 4, steps: 1), rng: RNG(seed: 2))
    state.inputs = Tensor(shape: [4, 2], data: [0, 0, 1, 1, 2, 2, 3, 3])
    state.targets = Tensor.oneHot([0, 1, 2, 0], classes: 3)
    let mixup = Mixup(alpha: 0.4)
    #expect(mixup.match(.afterDataLoad, state))
    #expect(!mixup.match(.beforeLoss, state))
    mixup.apply(.afterDataLoad, state)
    #expect(state.targets.shape == [4, 3])
    // Every mixed input lies between the smallest and largest original (a convex combination).
    #expect(state.inputs.data.allSatisfy { $0 >= 0 && $0 <= 3 })
    for row in 0..<4 {
      #expect(abs(state.targets.data[(row * 3)..<(row * 3 + 3)].reduce(0, +) - 1) < 1e-5)
    }
  }

  @Test func registryRunsMixupForAFewSteps() {
    // The registry's experiment trains end to end on a small synthetic set.
    let technique = Examples.all["mixup"]!
    let data = Dataset.syntheticDigits(count: 300, seed: 4).split(validation: 50, test: 50, seed: 0)
    let recipe = technique.workload.baseline.budget(20.0 / 600)
    let trainer = Trainer(train: data.train, validation: data.validation, test: data.test, evaluations: 2)
    let records = ["baseline", "technique"].map { arm in
      trainer.fit(technique.makeState(seed: 1, recipe: recipe), algorithms: technique.algorithms(arm: arm), arm: arm, seed: 1)
    }
    #expect(records.map(\.steps) == [20, 20])
    #expect(records[1].trace["mixup/afterDataLoad"] == records[1].steps)
    #expect(records[0].trace.isEmpty)
  }
}
