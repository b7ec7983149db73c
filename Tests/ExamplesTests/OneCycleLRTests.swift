// One-cycle's mechanism: the schedule starts at peak/25, reaches the peak at 30% of the run and
// ends at peak/25/1e4; the algorithm swaps the schedule once, at initialize, and keeps the peak.
import Examples
import Testing
import Training

@Suite struct OneCycleLRTests {
  @Test func scheduleRisesToThePeakAndAnnealsFarBelowTheStart() {
    let s = oneCycleSchedule()
    #expect(abs(s.multiplier(at: 0) - 0.04) < 1e-7)
    #expect(abs(s.multiplier(at: 0.15) - 0.52) < 1e-6)  // halfway up the linear rise
    #expect(abs(s.multiplier(at: 0.3) - 1) < 1e-6)
    #expect(abs(s.multiplier(at: 0.65) - (4e-6 + (1 - 4e-6) * 0.5)) < 1e-5)  // halfway down the cosine
    #expect(abs(s.multiplier(at: 1) - 4e-6) < 1e-9)
  }

  @Test func algorithmReplacesTheScheduleAtInitializeOnly() {
    let state = freshState(.fashionCNN)
    let cycle = OneCycleLR()
    #expect(cycle.match(.initialize, state))
    #expect(!cycle.match(.batchStart, state) && !cycle.match(.afterBackward, state))
    cycle.apply(.initialize, state)
    #expect(state.recipe.schedule == .oneCycle(peakAt: 0.3, start: 0.04, end: 4e-6))
    #expect(state.recipe.learningRate == Workload.fashionCNN.baseline.learningRate)
  }

  @Test func registryRunsOneCycleForAFewSteps() {
    let records = smokeRecords("one-cycle-lr", budget: 0.02)
    #expect(records.map(\.steps) == [8, 8])
    #expect(records[1].trace["one-cycle-lr/initialize"] == 1)
    #expect(records[0].trace.isEmpty)
  }
}
