// The measurement protocol's arithmetic on synthetic curves (time to target, infinity for
// never, best budget per seed, bootstrap intervals, the wall-clock estimate, verdicts), and the
// protocol end to end on the digits MLP, including a diverging technique.
import Foundation
import Results
import Tensor
import Testing
@testable import Training

@Suite struct MeasurementTests {
  let target = Target(metric: "validation accuracy", higherIsBetter: true, value: 0.9)

  /// A run whose metric rises linearly by `slope` per 10 steps; `seconds` per step.
  func run(_ arm: String, seed: UInt64, budget: Double = 1, reachesAt step: Int?, secondsPerStep: Double = 0.01) -> RunResult {
    let points = stride(from: 0, through: 200, by: 10).map { s in
      let metric = step.map { s >= $0 ? 0.95 : 0.5 } ?? 0.5
      return Point(step: s, seconds: Double(s) * secondsPerStep, flops: Double(s) * 1e6, trainLoss: nil, validationLoss: nil, metric: metric)
    }
    return RunResult(
      arm: arm, seed: seed, budget: budget, plannedSteps: 200, steps: 200, diverged: false, trainSeconds: 2,
      finalMetric: points.last?.metric, testMetric: nil, points: points, trace: [:])
  }

  func set(_ runs: [RunResult], timing: [Double]? = nil) -> ResultSet {
    var s = ResultSet(
      example: "x", workload: "w", profile: "quick", date: "", commit: nil,
      machine: Machine(cpu: "", cores: 2, threads: 1, openblas: "", swift: "", os: ""), target: target,
      budgets: Array(Set(runs.map(\.budget))).sorted(), seeds: Array(Set(runs.map(\.seed))).sorted())
    s.runs = runs
    if let timing {
      s.stepTiming = StepTiming(
        repetitions: timing.count, stepsPerRepetition: 10, baselineSecondsPerStep: 1, techniqueSecondsPerStep: 1,
        ratio: median(timing)!, low: timing.min()!, high: timing.max()!, noise: 0, ratios: timing)
    }
    return s
  }

  @Test func mediansAndQuantilesHandleInfinity() {
    #expect(median([3, 1, 2]) == 2)
    #expect(median([4, 1, 2, 3]) == 2.5)
    #expect(median([1, .infinity]) == .infinity)
    #expect(median([]) == nil)
    #expect(quantile([1, 2, 3, 4, 5], 0.25) == 2)
    #expect(quantile([1, 2, .infinity], 1) == .infinity)
  }

  @Test func ratiosOfNeverFollowTheConventions() {
    #expect(speedRatio(baseline: 100, technique: 50) == 2)
    #expect(speedRatio(baseline: 100, technique: .infinity) == 0)
    #expect(speedRatio(baseline: .infinity, technique: 50) == .infinity)
    #expect(speedRatio(baseline: .infinity, technique: .infinity) == nil)
  }

  @Test func timeToTargetIsTheFirstEvaluationThatMeetsIt() {
    let r = run("baseline", seed: 1, reachesAt: 70)
    let cost = timeToTarget(r, target)
    #expect(cost.steps == 70 && cost.flops == 70e6 && abs(cost.seconds - 0.7) < 1e-12)
    #expect(timeToTarget(run("baseline", seed: 1, reachesAt: nil), target) == .never)
    // A lower-is-better target (validation loss) is met from below.
    let loss = Target(metric: "validation loss", higherIsBetter: false, value: 0.6)
    #expect(timeToTarget(r, loss).steps == 0)
  }

  @Test func eachSeedIsCreditedWithItsBestBudget() {
    let runs = [run("baseline", seed: 1, budget: 1, reachesAt: 120), run("baseline", seed: 1, budget: 0.5, reachesAt: 80)]
    #expect(bestTimeToTarget(runs, arm: "baseline", target: target)[1]?.steps == 80)
  }

  @Test func aTechniqueThatHalvesTheStepsIsFasterWithATightInterval() {
    let runs = (1...3).flatMap { seed in [run("baseline", seed: seed, reachesAt: 100), run("technique", seed: seed, reachesAt: 50)] }
    let s = summarize(set(runs, timing: [0.9, 0.9, 0.9]))
    #expect(s.steps.ratio == 2 && s.steps.low == 2 && s.steps.high == 2)
    #expect(s.flops.ratio == 2)
    // Wall clock: twice fewer steps, each 1/0.9 as expensive.
    #expect(abs(s.wallClock.ratio! - 1.8) < 1e-12)
    #expect(s.verdict == .faster)
  }

  @Test func overlappingArmsGiveNoSignificantChange() {
    let runs = [
      run("baseline", seed: 1, reachesAt: 60), run("technique", seed: 1, reachesAt: 80),
      run("baseline", seed: 2, reachesAt: 100), run("technique", seed: 2, reachesAt: 70),
      run("baseline", seed: 3, reachesAt: 80), run("technique", seed: 3, reachesAt: 90),
    ]
    let s = summarize(set(runs, timing: [1.0, 0.95, 1.05]))
    #expect(s.wallClock.low! < 1 && s.wallClock.high! > 1)
    #expect(s.verdict == .noSignificantChange)
  }

  @Test func neverReachingTheTargetIsItsOwnVerdict() {
    let missing = (1...3).flatMap { seed in [run("baseline", seed: seed, reachesAt: 100), run("technique", seed: seed, reachesAt: nil)] }
    let s = summarize(set(missing))
    #expect(s.verdict == .didNotReachTarget)
    #expect(s.steps.technique == nil && s.steps.ratio == 0)
    let baselineMissing = (1...3).flatMap { seed in [run("baseline", seed: seed, reachesAt: nil), run("technique", seed: seed, reachesAt: 50)] }
    #expect(summarize(set(baselineMissing)).verdict == .baselineDidNotReachTarget)
  }

  @Test func verdictThresholdsNeedTheWholeIntervalPastOne() {
    #expect(decide(low: 1.01, high: 1.5) == .faster)
    #expect(decide(low: 1.0, high: 1.5) == .noSignificantChange)
    #expect(decide(low: 0.5, high: 0.99) == .slower)
    #expect(decide(low: 0.5, high: 1.0) == .noSignificantChange)
  }

  @Test func bootstrapIsReproducibleAndCoversTheMedian() throws {
    let a = [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    let first = try #require(bootstrapInterval([a]) { median($0[0]) })
    let second = try #require(bootstrapInterval([a]) { median($0[0]) })
    #expect(first == second)
    #expect(first.low <= 5.5 && 5.5 <= first.high && first.low >= 1 && first.high <= 10)
  }

  @Test func theProtocolRecordsEveryRunAndADivergingTechnique() throws {
    // Given the digits MLP at a short budget and a technique that poisons its batches
    let (data, _) = digitsOrSynthetic()
    let splits = data.split(validation: 150, test: 150, seed: 0)
    let technique = Technique(slug: "poison", workload: .digitsMLP) { [PoisonAfter(step: 20)] }
    var saves: [ResultSet] = []
    let header = ResultSet(
      example: "poison", workload: "digits-mlp", profile: "smoke", date: "", commit: nil,
      machine: .current(), target: Workload.digitsMLP.target, budgets: [], seeds: [])
    // When it is measured at two budgets with one seed
    let result = try measure(technique, data: splits, profile: .smoke, seeds: [1], budgets: [0.25, 0.5], header: header, save: { saves.append($0) })
    // Then every run was saved as it finished, and the final save is complete with a summary
    #expect(saves.map(\.runs.count) == [1, 2, 3, 4, 4])
    #expect(saves.dropLast().allSatisfy { !$0.complete } && saves.last?.complete == true)
    #expect(result.runs.map(\.arm) == ["baseline", "technique", "baseline", "technique"])
    #expect(result.runs.map(\.plannedSteps) == [150, 150, 300, 300])
    // and the poisoned runs are recorded as diverged, not crashed
    #expect(result.runs.filter { $0.arm == "technique" }.allSatisfy { $0.diverged && $0.steps == 20 && $0.finalMetric == nil })
    #expect(result.summary?.divergedTechnique == 2)
    #expect(result.summary?.verdict == .didNotReachTarget)
    // The A/B timing could not time a diverging arm, so there is none.
    #expect(result.stepTiming == nil)
    // Peak memory of a few steps per arm is recorded where the system can measure it.
    #if os(Linux)
      #expect(result.stepMemory.map { $0.steps == 3 && $0.baselineBytes >= 0 && $0.techniqueBytes >= 0 } == true)
    #endif
  }

  @Test func stepTimerRunsBothArmsThroughTheirWholeRunsInBlocks() throws {
    let (data, _) = digitsOrSynthetic()
    let technique = Technique(slug: "none", workload: .digitsMLP) { [] }
    let trainer = Trainer(train: data, validation: data, test: data, evaluations: 3)
    func run(_ steps: Int) -> TrainingRun {
      trainer.start(technique.makeState(seed: 1, recipe: Workload.digitsMLP.baseline.budget(Double(steps) / 600)), algorithms: [], seed: 1)
    }
    let a = run(12), b = run(24)
    let timing = try #require(timeRuns(baseline: a, technique: b, blocks: 4))
    #expect(timing.ratios.count == 4 && timing.baselineBlockSeconds?.count == 4 && timing.techniqueBlockSeconds?.count == 4)
    #expect(timing.baselineSecondsPerStep > 0 && timing.techniqueSecondsPerStep > 0)
    // Each run took exactly its own budget, blocks splitting each by progress.
    #expect(a.state.step == 12 && b.state.step == 24 && timing.baselineSteps == 12 && timing.techniqueSteps == 24)
    // The ratio is one of time per step, consistent with the per-step figures.
    #expect(abs(timing.ratio - timing.baselineSecondsPerStep / timing.techniqueSecondsPerStep) < 1e-9)
    // The runs are measured runs: evaluated along the way and closed with a record.
    let record = a.finish(arm: "baseline")
    #expect(record.steps == 12 && record.points.count == 4 && record.trainSeconds > 0)
  }

  @Test func blockTimeRatioIsARatioOfSumsNotAMedianOfRatios() throws {
    // One expensive block (one-off work such as scoring the training set) must count in full.
    let baseline = [1.0, 1.0, 1.0, 1.0], technique = [0.5, 0.5, 0.5, 6.5]
    #expect(blockTimeRatio(baseline, technique, blocks: nil) == 0.5)
    #expect(blockTimeRatio(baseline, technique, blocks: [0, 0, 1]) == 2)
    let timing = StepTiming(
      repetitions: 4, stepsPerRepetition: 1, baselineSecondsPerStep: 1, techniqueSecondsPerStep: 2, ratio: 0.5, low: 0.2, high: 2,
      noise: 0, ratios: zip(baseline, technique).map { $0 / $1 }, baselineBlockSeconds: baseline, techniqueBlockSeconds: technique)
    let resampled = try #require(timing.resampledRatio)
    #expect(resampled.statistic(resampled.group) == 0.5)
  }
}

/// Poisons every batch from `step` on, as an overflowing op would.
final class PoisonAfter: Algorithm {
  let name = "poison"
  let step: Int
  init(step: Int) { self.step = step }
  func match(_ event: Event, _ state: TrainState) -> Bool { event == .afterDataLoad && state.step >= step }
  func apply(_ event: Event, _ state: TrainState) { state.inputs.data[0] = .nan }
}
