// From runs to conclusions: time-to-target speedups in three currencies with bootstrap
// intervals over seeds, the wall-clock estimate (step ratio x time-per-step ratio), quality at
// each budget, and the verdict. Pure arithmetic on a ResultSet, tested on synthetic curves.
import Results

/// Everything the protocol derives from `set`'s runs and step timing.
public func summarize(_ set: ResultSet) -> Summary {
  let target = set.target
  let baseline = bestTimeToTarget(set.runs, arm: "baseline", target: target)
  let technique = bestTimeToTarget(set.runs, arm: "technique", target: target)
  let seeds = set.seeds.filter { baseline[$0] != nil && technique[$0] != nil }
  func values(_ costs: [UInt64: Cost], _ currency: KeyPath<Cost, Double>) -> [Double] { seeds.map { costs[$0]![keyPath: currency] } }

  func speedup(_ currency: KeyPath<Cost, Double>) -> Speedup {
    let b = values(baseline, currency), t = values(technique, currency)
    return makeSpeedup(b, t, extra: nil)
  }

  // The wall-clock estimate: fewer steps (from the runs) times cheaper steps (from the A/B
  // timing); its interval resamples seeds and timing repetitions together.
  let wallClock: Speedup
  if let perStep = set.stepTiming?.resampledRatio {
    wallClock = makeSpeedup(values(baseline, \.steps), values(technique, \.steps), extra: perStep)
  } else {
    wallClock = speedup(\.seconds)
  }

  let quality = set.budgets.sorted().map { budget in
    func finals(_ arm: String) -> Double? {
      median(set.runs.filter { $0.arm == arm && $0.budget == budget }.map { $0.finalMetric ?? .nan }.filter(\.isFinite))
    }
    return BudgetQuality(budget: budget, baseline: finals("baseline"), technique: finals("technique"))
  }

  let steps = speedup(\.steps)
  let verdict: Verdict
  if steps.baseline == nil {
    verdict = .baselineDidNotReachTarget
  } else if steps.technique == nil {
    verdict = .didNotReachTarget
  } else {
    verdict = decide(low: wallClock.low ?? .infinity, high: wallClock.high ?? .infinity)
  }
  return Summary(
    steps: steps, flops: speedup(\.flops), seconds: speedup(\.seconds), wallClock: wallClock, qualityAtBudget: quality,
    divergedBaseline: set.runs.filter { $0.arm == "baseline" && $0.diverged }.count,
    divergedTechnique: set.runs.filter { $0.arm == "technique" && $0.diverged }.count, verdict: verdict)
}

/// faster only when the whole interval is above 1, slower only when it is below.
public func decide(low: Double, high: Double) -> Verdict {
  if low > 1 { return .faster }
  if high < 1 { return .slower }
  return .noSignificantChange
}

/// Ratio of medians with its bootstrap interval; `extra` multiplies in a statistic of a third
/// resampled group (the time-per-step ratio).
func makeSpeedup(_ b: [Double], _ t: [Double], extra: (group: [Double], statistic: ([Double]) -> Double?)?) -> Speedup {
  func finite(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }
  func statistic(_ groups: [[Double]]) -> Double? {
    guard let mb = median(groups[0]), let mt = median(groups[1]), let r = speedRatio(baseline: mb, technique: mt) else { return nil }
    guard groups.count > 2 else { return r }
    return extra?.statistic(groups[2]).map { r * $0 }
  }
  let groups = [b, t] + (extra.map { [$0.group] } ?? [])
  guard !b.isEmpty, !t.isEmpty else { return Speedup(baseline: nil, technique: nil, ratio: nil, low: nil, high: nil) }
  let interval = bootstrapInterval(groups, statistic: statistic)
  return Speedup(
    baseline: finite(median(b)), technique: finite(median(t)), ratio: finite(statistic(groups)),
    low: finite(interval?.low), high: finite(interval?.high))
}
