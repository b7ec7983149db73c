// The measurement protocol of DESIGN §4 as one function: run baseline and technique over seeds
// and budgets (interleaved, so drift hits both), save after every run, time both arms' steps
// with the A/B timer, and derive the summary. The caller decides where results go (`save`)
// and how progress is shown (`progress`).
import Foundation
import Results
import Tensor

/// What `measure` reports as it goes.
public enum MeasurementProgress {
  /// Run `index` of `total` is starting; `stepsDone`/`stepsTotal` count optimizer steps.
  case runStarted(index: Int, total: Int, arm: String, seed: UInt64, budget: Double, stepsDone: Int, stepsTotal: Int)
  case runFinished(RunResult)
  /// Runs `index` and `index + 1` of `total`, the baseline and technique pair that doubles as
  /// the A/B step timing, are starting; they advance in `blocks` alternating blocks.
  case timedPairStarted(index: Int, total: Int, seed: UInt64, budget: Double, blocks: Int, stepsDone: Int, stepsTotal: Int)
  case finished(Summary)
}

/// Runs the protocol for `technique` on `data` and returns the complete result set. `save` is
/// called with the set after every run (complete == false) and once at the end (true).
public func measure(
  _ technique: Technique, data: (train: Dataset, validation: Dataset, test: Dataset), profile: Profile,
  seeds: [UInt64], budgets: [Double], header: ResultSet,
  save: (ResultSet) throws -> Void, progress: (MeasurementProgress) -> Void = { _ in }
) throws -> ResultSet {
  let workload = technique.workload
  let target = header.target
  var set = header
  set.profile = profile.rawValue
  set.seeds = seeds
  set.budgets = budgets
  // Runs in pairs (baseline, technique) per seed and budget, so drift hits both arms alike.
  // The first seed's full-budget pair is also the A/B step timing: its two runs take turns in
  // alternating blocks (StepTimer.swift), so timing costs no extra steps.
  let pairs = seeds.flatMap { seed in budgets.map { (seed, $0) } }
  let stepsTotal = pairs.reduce(0) { $0 + 2 * workload.baseline.budget($1.1).steps }
  var stepsDone = 0
  let trainer = Trainer(train: data.train, validation: data.validation, test: data.test, evaluations: workload.evaluations)
  for (index, (seed, budget)) in pairs.enumerated() {
    let recipe = workload.baseline.budget(budget)
    func start(_ arm: String) -> TrainingRun {
      trainer.start(technique.makeState(seed: seed, recipe: recipe), algorithms: technique.algorithms(arm: arm), seed: seed)
    }
    func record(_ run: TrainingRun, _ arm: String) throws {
      let result = RunResult(run.finish(arm: arm), budget: budget, plannedSteps: recipe.steps, target: target)
      set.runs.append(result)
      stepsDone += recipe.steps
      try save(set)
      progress(.runFinished(result))
    }
    if seed == seeds.first && budget == budgets.max() {
      progress(.timedPairStarted(index: 2 * index, total: 2 * pairs.count, seed: seed, budget: budget, blocks: profile.timingBlocks, stepsDone: stepsDone, stepsTotal: stepsTotal))
      let (baseline, treated) = (start("baseline"), start("technique"))
      set.stepTiming = timeRuns(baseline: baseline, technique: treated, blocks: profile.timingBlocks)
      try record(baseline, "baseline")
      try record(treated, "technique")
    } else {
      for (offset, arm) in ["baseline", "technique"].enumerated() {
        progress(.runStarted(index: 2 * index + offset, total: 2 * pairs.count, arm: arm, seed: seed, budget: budget, stepsDone: stepsDone, stepsTotal: stepsTotal))
        let run = start(arm)
        run.advance(to: run.state.totalSteps)
        try record(run, arm)
      }
    }
  }

  // Peak memory needs fresh states at full budget.
  func steps(_ arm: String) -> TrainingSteps {
    let s = TrainingSteps(
      state: technique.makeState(seed: seeds.first ?? 1, recipe: workload.baseline), algorithms: technique.algorithms(arm: arm),
      train: data.train, seed: seeds.first ?? 1)
    s.start()
    return s
  }
  // Peak memory, one arm at a time on a fresh state, where the system can measure it.
  let memorySteps = 3
  func peakMemory(_ arm: String) -> Int? {
    let s = steps(arm)
    return PeakMemory.measure { for _ in 0..<memorySteps { _ = try? s.step() } }
  }
  if let b = peakMemory("baseline"), let t = peakMemory("technique") {
    set.stepMemory = StepMemory(steps: memorySteps, baselineBytes: b, techniqueBytes: t)
  }
  let summary = summarize(set)
  set.summary = summary
  set.complete = true
  try save(set)
  progress(.finished(summary))
  return set
}

extension RunResult {
  /// A trainer's record in the results format, with the workload's target metric picked out.
  init(_ r: RunRecord, budget: Double, plannedSteps: Int, target: Target) {
    func metric(_ accuracy: Float, _ loss: Float) -> Double? {
      let v = Double(target.higherIsBetter ? accuracy : loss)
      return v.isFinite ? v : nil
    }
    func finite(_ x: Float) -> Double? { x.isFinite ? Double(x) : nil }
    self.init(
      arm: r.arm, seed: r.seed, budget: budget, plannedSteps: plannedSteps, steps: r.steps, diverged: r.diverged,
      trainSeconds: r.trainSeconds, finalMetric: r.diverged ? nil : r.points.last.flatMap { metric($0.validationAccuracy, $0.validationLoss) },
      testMetric: finite(r.testAccuracy),
      points: r.points.map {
        Point(
          step: $0.step, seconds: $0.seconds, flops: $0.flops, trainLoss: finite($0.trainLoss), validationLoss: finite($0.validationLoss),
          metric: metric($0.validationAccuracy, $0.validationLoss))
      }, trace: r.trace)
  }
}
