// Mixed precision's mechanism: every linear layer multiplies bfloat16-rounded inputs and
// weights and rounds the product, gradients arrive rounded to bfloat16, and the float32
// master weights keep updates too small to change a bfloat16 weight.
import Examples
import Tensor
import Testing
import Training

@Suite struct MixedPrecisionTests {
  @Test func layersComputeInBFloat16WithFloat32MasterWeights() {
    var rng = RNG(seed: 1)
    let model = MLP(widths: [6, 5, 3], rng: &rng)
    let x = Tensor(shape: [4, 6], data: (0..<24).map { _ in rng.normal() })
    let float32 = model(x)
    let recipe = Recipe(learningRate: 0.1, momentum: 0, batchSize: 4, steps: 1)
    let state = TrainState(model: model, optimizer: recipe.makeOptimizer(model.parameters.map(\.tensor)), recipe: recipe, rng: RNG(seed: 2))
    let algorithm = MixedPrecision()
    #expect(algorithm.match(.initialize, state) && !algorithm.match(.batchStart, state))
    algorithm.apply(.initialize, state)
    // The model equals the functional form layer by layer.
    let layers = model.layers.map { $0 as! Linear }
    let h = mixedPrecisionLinear(x, weight: layers[0].weight, bias: layers[0].bias).relu()
    let expected = mixedPrecisionLinear(h, weight: layers[1].weight, bias: layers[1].bias)
    let logits = model(x)
    #expect(logits.data == expected.data)
    #expect(logits.data != float32.data)
    // Weight gradients are bfloat16 values; the weights themselves stay float32.
    logits.softmaxCrossEntropy(targets: Tensor.oneHot([0, 1, 2, 0], classes: 3)).backward()
    for layer in layers { #expect(layer.weight.grad!.allSatisfy { $0.bitPattern & 0xFFFF == 0 }) }
    #expect(layers[0].weight.data.contains { $0.bitPattern & 0xFFFF != 0 })
    // A tiny update survives in the master weights even where it does not move the bfloat16 value.
    let w = layers[0].weight
    let before = w.data
    state.optimizer.step(lr: 1e-4)
    let moved = (0..<w.count).filter { w.data[$0] != before[$0] }
    #expect(!moved.isEmpty)
    #expect(moved.contains { bfloat16Rounded(w.data[$0]) == bfloat16Rounded(before[$0]) })
  }

  @Test func registryTechniqueTrainsASmallMLP() {
    let technique = Examples.all["mixed-precision"]!
    #expect(technique.workload.name == "fashion-mlp")
    let data = Dataset.syntheticDigits(count: 300, seed: 4).split(validation: 50, test: 50, seed: 0)
    var rng = RNG(seed: 1)
    let model = MLP(widths: [64, 32, 10], rng: &rng)
    let recipe = Recipe(learningRate: 0.05, batchSize: 16, steps: 20)
    let state = TrainState(model: model, optimizer: recipe.makeOptimizer(model.parameters.map(\.tensor)), recipe: recipe, rng: RNG(seed: 2))
    let trainer = Trainer(train: data.train, validation: data.validation, test: data.test, evaluations: 2)
    let record = trainer.fit(state, algorithms: technique.algorithms(arm: "technique"), arm: "technique", seed: 1)
    #expect(record.steps == 20 && !record.diverged)
    #expect(record.trace["mixed-precision/initialize"] == 1)
    #expect(model.layers.allSatisfy { ($0 as! Linear).cast != nil })
  }
}
