// LAMB's mechanism: the trust ratio matches a hand computation; every weight matrix moves by
// exactly lr x its norm in one step (the point of the ratio), while biases take Adam's step; the
// algorithm quadruples the batch and quarters the steps at initialize.
import Examples
import Tensor
import Testing
import Training

@Suite struct LAMBTests {
  @Test func trustRatioMatchesAHandComputation() {
    // w = [3, 4] (norm 5); first Adam step on grad [0, 1]: r = [0, 1/(1 + 1e-6)] + 0.01 [3, 4]
    // = [0.03, 1.04], norm 1.040432, so the ratio is 5 / 1.040432 = 4.805698.
    #expect(abs(lambTrustRatio(weight: [3, 4], update: [0.03, 1.04 - 1e-6]) - 4.805698) < 1e-5)
    #expect(lambTrustRatio(weight: [0, 0], update: [1, 2]) == 1)  // zero-initialised layer
    #expect(lambTrustRatio(weight: [1, 2], update: [0, 0]) == 1)
  }

  @Test func everyMatrixMovesByTheLearningRateTimesItsNorm() {
    let state = freshState(.fashionMLP)
    let algorithm = LAMBLargeBatch(learningRate: 0.01, warmup: 0)
    #expect(algorithm.match(.initialize, state) && !algorithm.match(.batchStart, state))
    algorithm.apply(.initialize, state)
    #expect(state.recipe.batchSize == 256 && state.recipe.steps == 150)
    #expect(state.recipe.learningRate == 0.01 && state.recipe.schedule == .linear())
    #expect(state.optimizer is ParameterGroups)

    var rng = RNG(seed: 5)
    let parameters = state.model.parameters.map(\.tensor)
    let before = parameters.map(\.data)
    for p in parameters { p.grad = (0..<p.count).map { _ in rng.normal() } }
    state.optimizer.step(lr: 0.01)
    for (p, w0) in zip(parameters, before) {
      let dw = zip(p.data, w0).map { Double($0 - $1) }
      let moved = dw.reduce(0) { $0 + $1 * $1 }.squareRoot()
      if p.rank > 1 {
        let norm = w0.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        #expect(abs(moved / norm - 0.01) < 1e-4)  // ||dw|| = lr ||w||, whatever the gradient's size
      } else {
        // Excluded from adaptation and decay: Adam's first step, lr * g / (|g| + eps) ~ lr * sign(g).
        #expect(dw.allSatisfy { abs(abs($0) - 0.01) < 1e-4 })
      }
    }
  }

  @Test func splitKeepsOneDimensionalParametersOut() {
    let state = freshState(.fashionMLP)
    let (adapted, excluded) = layerwiseAdaptedSplit(state.model.parameters.map(\.tensor))
    #expect(adapted.count == 3 && excluded.count == 3)  // three weight matrices, three biases
    #expect(adapted.allSatisfy { $0.rank == 2 } && excluded.allSatisfy { $0.rank == 1 })
  }

  @Test func registryTrainsAQuarterOfTheStepsAtFourTimesTheBatch() {
    let records = smokeRecords("lamb", budget: 16.0 / 600)
    #expect(records.map(\.steps) == [16, 4])
    #expect(records[1].trace["lamb/initialize"] == 1)
    // Same examples seen: a step at batch 256 costs about four steps at 64.
    let ratio = Double(records[1].flopsPerStep!) / Double(records[0].flopsPerStep!)
    #expect(ratio > 3.9 && ratio < 4.1)
  }
}
