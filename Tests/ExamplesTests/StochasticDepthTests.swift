// Stochastic depth's mechanism: the linear survival rule, dropped branches chosen by the
// draws, a dropped branch costing no FLOPs, and evaluation running every branch scaled by
// its survival probability.
import Examples
import Tensor
import Testing
import Training

@Suite struct StochasticDepthTests {
  @Test func linearRuleAndDraws() {
    let p = survivalProbabilities(blocks: 3, last: 0.5)
    #expect(zip(p, [5.0 / 6, 4.0 / 6, 0.5]).allSatisfy { abs($0 - Float($1)) < 1e-6 })
    #expect(survivalProbabilities(blocks: 4, last: 1) == [1, 1, 1, 1])
    #expect(activeBlocks(survival: p, uniforms: [0.9, 0.1, 0.5]) == [false, true, false])
  }

  @Test func droppedBranchesCostNothingAndEvaluationScales() {
    var rng = RNG(seed: 1)
    let model = ResidualCNN(inChannels: 1, widths: [4, 8, 8], classes: 3, rng: &rng)
    let recipe = Recipe(learningRate: 0.1, batchSize: 2, steps: 100)
    let state = TrainState(model: model, optimizer: SGD(model.parameters.map(\.tensor)), recipe: recipe, rng: RNG(seed: 2))
    let x = Tensor(shape: [2, 64], data: (0..<128).map { _ in rng.normal() })
    let algorithm = StochasticDepth(lastSurvival: 0.5)
    algorithm.apply(.initialize, state)
    #expect(model.blocks.map(\.evaluationBranchScale) == algorithm.survival)
    let fullCount = FLOPCounter()
    Tensor.countingFLOPs(fullCount) { model(x).sum().backward() }
    // Over many steps each block runs about p_l of the time; a step with dropped blocks
    // costs fewer FLOPs, and the dropped branches get no gradient.
    var runs = [0, 0, 0]
    for _ in 0..<300 {
      algorithm.apply(.batchStart, state)
      let enabled = model.blocks.map(\.branchEnabled)
      for (i, on) in enabled.enumerated() where on { runs[i] += 1 }
      if enabled.contains(false) {
        model.zeroGrad()
        let counter = FLOPCounter()
        Tensor.countingFLOPs(counter) { model(x).sum().backward() }
        #expect(counter.total < fullCount.total)
        for (block, on) in zip(model.blocks, enabled) where !on {
          #expect(block.parameters.filter { !$0.name.contains("shortcut") }.allSatisfy { $0.tensor.grad == nil })
        }
      }
      algorithm.apply(.batchEnd, state)
      #expect(model.blocks.allSatisfy { $0.branchEnabled })
    }
    for (count, p) in zip(runs, algorithm.survival) { #expect(abs(Float(count) / 300 - p) < 0.1) }
    // Evaluation runs every branch, scaled by p_l: the same as scale 1 only where p_l = 1.
    let scaled = Tensor.evaluating { model(x) }
    for block in model.blocks { block.evaluationBranchScale = 1 }
    #expect(Tensor.evaluating { model(x) }.data != scaled.data)
  }

  @Test func registryTechniqueTrainsTheFashionCNN() {
    let technique = Examples.all["stochastic-depth"]!
    #expect(technique.workload.name == "fashion-cnn")
    let record = techniqueRunOnSyntheticImages("stochastic-depth", steps: 6)
    #expect(record.steps == 6 && !record.diverged)
    #expect(record.trace["stochastic-depth/batchStart"] == 6 && record.trace["stochastic-depth/batchEnd"] == 6)
  }
}
