// Warmup's mechanism: the multiplier rises linearly from 0 to 1 over the warmup fraction, then
// follows the wrapped (baseline) schedule over the rest of the run; the peak is unchanged.
import Examples
import Testing
import Training

@Suite struct LRWarmupTests {
  @Test func rampsLinearlyThenFollowsTheWrappedSchedule() {
    let s = warmedUp(.cosine(), fraction: 0.1)
    #expect(s.multiplier(at: 0) == 0)
    #expect(abs(s.multiplier(at: 0.05) - 0.5) < 1e-6)
    #expect(abs(s.multiplier(at: 0.1) - 1) < 1e-6)
    #expect(abs(s.multiplier(at: 0.55) - 0.5) < 1e-6)  // halfway through the cosine
    #expect(abs(s.multiplier(at: 1)) < 1e-6)
  }

  @Test func algorithmWrapsTheBaselineScheduleAtInitialize() {
    let state = freshState(.fashionCNN)
    let warmup = LRWarmup(fraction: 0.05)
    #expect(warmup.match(.initialize, state) && !warmup.match(.batchStart, state))
    warmup.apply(.initialize, state)
    #expect(state.recipe.schedule == .warmup(fraction: 0.05, then: .cosine()))
    #expect(state.recipe.learningRate == Workload.fashionCNN.baseline.learningRate)
  }

  @Test func runsWarmupForAFewSteps() {
    let records = smokeRecords(Technique(slug: "lr-warmup", workload: .fashionCNN) { [LRWarmup(fraction: 0.05)] }, budget: 0.02)
    #expect(records.map(\.steps) == [8, 8])
    #expect(records[1].trace["lr-warmup/initialize"] == 1)
  }
}
