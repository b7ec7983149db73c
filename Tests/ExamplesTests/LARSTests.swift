// LARS's mechanism: the trust ratio matches a hand computation; a weight tensor's step is
// lr x ratio x (g + wd w) (here checked on a single tensor), one-dimensional parameters take
// plain SGD at their own rate; the algorithm quadruples the batch and quarters the steps.
import Examples
import Tensor
import Testing
import Training

@Suite struct LARSTests {
  @Test func trustRatioMatchesAHandComputation() {
    // w = [3, 4] (norm 5), g = [0, 1] (norm 1), wd 0.01, eta 0.001: 0.001 * 5 / (1 + 0.05).
    #expect(abs(larsTrustRatio(weight: [3, 4], gradient: [0, 1], eta: 0.001, weightDecay: 0.01) - 0.0047619) < 1e-6)
    #expect(larsTrustRatio(weight: [0, 0], gradient: [0, 1], eta: 0.001, weightDecay: 0.01) == 1)
  }

  @Test func algorithmStepsMatricesByTheRatioAndTheRestByPlainSGD() {
    let state = freshState(.fashionCNN)
    let algorithm = LARSLargeBatch(learningRate: 5, excludedLearningRate: 0.4, warmup: 0)
    #expect(algorithm.match(.initialize, state) && !algorithm.match(.afterBackward, state))
    algorithm.apply(.initialize, state)
    #expect(state.recipe.batchSize == 256 && state.recipe.steps == 100 && state.recipe.learningRate == 5)

    var rng = RNG(seed: 6)
    let parameters = state.model.parameters.map(\.tensor)
    let before = parameters.map(\.data)
    for p in parameters { p.grad = (0..<p.count).map { _ in rng.normal() } }
    state.optimizer.step(lr: 5)
    for (p, w0) in zip(parameters, before) {
      let g = p.grad!
      if p.rank > 1 {
        let trust = larsTrustRatio(weight: w0, gradient: g, eta: 0.001, weightDecay: 5e-4)
        for i in 0..<p.count { #expect(abs(p.data[i] - (w0[i] - 5 * trust * (g[i] + 5e-4 * w0[i]))) < 1e-5) }
      } else {
        for i in 0..<p.count { #expect(abs(p.data[i] - (w0[i] - 0.4 * g[i])) < 1e-5) }
      }
    }
  }

  @Test func registryTrainsAQuarterOfTheStepsAtFourTimesTheBatch() {
    let records = smokeRecords("lars", budget: 16.0 / 400)
    #expect(records.map(\.steps) == [16, 4])
    #expect(records[1].trace["lars/initialize"] == 1)
  }
}
