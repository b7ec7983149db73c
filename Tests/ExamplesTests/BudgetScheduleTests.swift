// The budgeted schedules' mechanism: linear decay and REX have the stated profiles, reach zero
// at the end of the run's own budget, keep a warm-up the recipe had, and are the rates the
// optimizer actually steps with.
import Examples
import Tensor
import Testing
import Training

@Suite struct BudgetScheduleTests {
  @Test func profiles() {
    #expect(linearDecayMultiplier(progress: 0) == 1)
    #expect(linearDecayMultiplier(progress: 0.25) == 0.75)
    #expect(linearDecayMultiplier(progress: 1) == 0)
    #expect(rexMultiplier(progress: 0) == 1)
    #expect(abs(rexMultiplier(progress: 0.5) - 2.0 / 3) < 1e-6)
    #expect(rexMultiplier(progress: 1) == 0)
    // REX stays above linear decay everywhere in between.
    for z in stride(from: Float(0.05), to: 1, by: 0.05) { #expect(rexMultiplier(progress: z) > linearDecayMultiplier(progress: z)) }
    #expect(budgetAwareLinear(.cosine()) == .linear(floor: 0))
    #expect(budgetAwareLinear(.warmup(fraction: 0.05, then: .cosine())) == .warmup(fraction: 0.05, then: .linear(floor: 0)))
  }

  /// Records the learning rate each optimizer step used.
  final class Rates: Algorithm {
    let name = "rates"
    var values: [Float] = []
    func match(_ event: Event, _ state: TrainState) -> Bool { event == .afterOptimizerStep }
    func apply(_ event: Event, _ state: TrainState) { values.append(state.learningRate) }
  }

  func rates(_ algorithm: any Algorithm, steps n: Int, schedule: Schedule = .cosine()) throws -> [Float] {
    var rng = RNG(seed: 1)
    let model = MLP(widths: [64, 8, 10], rng: &rng)
    let recipe = Recipe(learningRate: 0.2, batchSize: 10, steps: n, schedule: schedule)
    let state = TrainState(model: model, optimizer: recipe.makeOptimizer(model.parameters.map(\.tensor)), recipe: recipe, rng: RNG(seed: 2))
    let rates = Rates()
    let steps = TrainingSteps(state: state, algorithms: [algorithm, rates], train: Dataset.syntheticDigits(count: 100, seed: 3), seed: 1)
    steps.start()
    for _ in 0..<n { try steps.step() }
    return rates.values
  }

  @Test func linearDecaySpansEachRunsOwnBudget() throws {
    for n in [10, 20] {
      let lr = try rates(BudgetAwareLinearDecay(), steps: n)
      for (t, rate) in lr.enumerated() { #expect(abs(rate - 0.2 * (1 - Float(t) / Float(n))) < 1e-6) }
    }
    // A warm-up stays in front: 10% of 20 steps, then linear over the rest.
    let warm = try rates(BudgetAwareLinearDecay(), steps: 20, schedule: .warmup(fraction: 0.1, then: .cosine()))
    #expect(warm[0] == 0 && abs(warm[1] - 0.1) < 1e-6 && abs(warm[2] - 0.2) < 1e-6)
    #expect(abs(warm[11] - 0.2 * 0.5) < 1e-6)
  }

  @Test func rexSetsEveryStepsRate() throws {
    let lr = try rates(REXSchedule(), steps: 10)
    for (t, rate) in lr.enumerated() { #expect(abs(rate - 0.2 * rexMultiplier(progress: Float(t) / 10)) < 1e-6) }
    let warm = try rates(REXSchedule(), steps: 20, schedule: .warmup(fraction: 0.1, then: .cosine()))
    #expect(warm[0] == 0 && abs(warm[1] - 0.1) < 1e-6)
    #expect(abs(warm[2] - 0.2) < 1e-6 && abs(warm[11] - 0.2 * rexMultiplier(progress: 0.5)) < 1e-6)
  }
}
