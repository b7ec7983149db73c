// The derived numbers of a result set: speedups with their intervals, the split into fewer
// steps and cheaper steps, quality at each budget, the timing noise, and the verdict.

/// A ratio of medians (baseline / technique) with a bootstrap interval over seeds.
public struct Speedup: Codable, Sendable, Equatable {
  /// Medians per arm; null when the median run never reached the target.
  public var baseline: Double?
  public var technique: Double?
  /// baseline / technique; null when either median is missing.
  public var ratio: Double?
  /// The 95% bootstrap interval of the ratio; null ends mean unbounded.
  public var low: Double?
  public var high: Double?
  public init(baseline: Double?, technique: Double?, ratio: Double?, low: Double?, high: Double?) {
    self.baseline = baseline
    self.technique = technique
    self.ratio = ratio
    self.low = low
    self.high = high
  }
}

/// Time per training step of both arms, measured by alternating them (ABBA) so that drift
/// of the shared machine hits both alike.
public struct StepTiming: Codable, Sendable, Equatable {
  /// Blocks of alternating steps per arm, and the baseline's steps in each (rounded when
  /// blocks differ).
  public var repetitions: Int
  public var stepsPerRepetition: Int
  /// Seconds per step of each arm over all timed steps.
  public var baselineSecondsPerStep: Double
  public var techniqueSecondsPerStep: Double
  /// baseline / technique time per step, and its 95% bootstrap interval over blocks.
  public var ratio: Double
  public var low: Double
  public var high: Double
  /// Block-to-block spread of the baseline's time per step: interquartile range / median.
  public var noise: Double
  /// Each block's ratio baseline / technique.
  public var ratios: [Double]
  /// Each block's seconds per arm, in schedule order. Present when the timing covered a whole
  /// run (the ratio is then one of total times, so a technique whose steps get cheaper or
  /// dearer as training progresses, or that does one-off work, is timed as it runs); absent in
  /// sets measured before, whose `ratio` is the median of `ratios` over early steps.
  public var baselineBlockSeconds: [Double]?
  public var techniqueBlockSeconds: [Double]?
  /// Steps each arm took over the blocks; they differ when a technique changes the step budget
  /// (a larger batch takes fewer steps), and the blocks then split each run by progress.
  public var baselineSteps: Int?
  public var techniqueSteps: Int?
  public init(
    repetitions: Int, stepsPerRepetition: Int, baselineSecondsPerStep: Double, techniqueSecondsPerStep: Double,
    ratio: Double, low: Double, high: Double, noise: Double, ratios: [Double],
    baselineBlockSeconds: [Double]? = nil, techniqueBlockSeconds: [Double]? = nil, baselineSteps: Int? = nil, techniqueSteps: Int? = nil
  ) {
    self.baselineSteps = baselineSteps
    self.techniqueSteps = techniqueSteps
    self.ratios = ratios
    self.repetitions = repetitions
    self.stepsPerRepetition = stepsPerRepetition
    self.baselineSecondsPerStep = baselineSecondsPerStep
    self.techniqueSecondsPerStep = techniqueSecondsPerStep
    self.ratio = ratio
    self.low = low
    self.high = high
    self.noise = noise
    self.baselineBlockSeconds = baselineBlockSeconds
    self.techniqueBlockSeconds = techniqueBlockSeconds
  }

  /// What was timed, in words: "whole runs (400 steps each) in 20 alternating blocks".
  public var span: String {
    guard hasBlocks else { return "\(repetitions) repetitions of \(stepsPerRepetition) early steps per arm" }
    let b = baselineSteps ?? repetitions * stepsPerRepetition, t = techniqueSteps ?? b
    return "whole runs (\(b == t ? "\(b) steps each" : "\(b) and \(t) steps")) in \(repetitions) alternating blocks"
  }

  /// True when both arms' block times are recorded and pair up.
  public var hasBlocks: Bool {
    guard let a = baselineBlockSeconds, let b = techniqueBlockSeconds else { return false }
    return !a.isEmpty && a.count == b.count
  }
}

/// Median final quality of both arms at one budget.
public struct BudgetQuality: Codable, Sendable, Equatable {
  public var budget: Double
  public var baseline: Double?
  public var technique: Double?
  public init(budget: Double, baseline: Double?, technique: Double?) {
    self.budget = budget
    self.baseline = baseline
    self.technique = technique
  }
}

/// The verdict on a technique, from the wall-clock estimate's interval.
public enum Verdict: String, Codable, Sendable, CaseIterable {
  /// The interval lies above 1.
  case faster
  /// The interval contains 1.
  case noSignificantChange = "no significant change"
  /// The interval lies below 1.
  case slower
  /// The technique's median run never reached the target.
  case didNotReachTarget = "did not reach target"
  /// The baseline's median run never reached the target: nothing to compare against.
  case baselineDidNotReachTarget = "baseline did not reach target"
}

/// Everything derived from the runs.
public struct Summary: Codable, Sendable, Equatable {
  /// Time to target in each currency; per seed and arm the best over budgets.
  public var steps: Speedup
  public var flops: Speedup
  /// From each run's own clock: shown, but noisy on a shared machine.
  public var seconds: Speedup
  /// The wall-clock estimate: step ratio x time-per-step ratio (DESIGN §4), with its interval.
  public var wallClock: Speedup
  public var qualityAtBudget: [BudgetQuality]
  /// Runs that diverged, per arm.
  public var divergedBaseline: Int
  public var divergedTechnique: Int
  public var verdict: Verdict
  public init(
    steps: Speedup, flops: Speedup, seconds: Speedup, wallClock: Speedup, qualityAtBudget: [BudgetQuality],
    divergedBaseline: Int, divergedTechnique: Int, verdict: Verdict
  ) {
    self.steps = steps
    self.flops = flops
    self.seconds = seconds
    self.wallClock = wallClock
    self.qualityAtBudget = qualityAtBudget
    self.divergedBaseline = divergedBaseline
    self.divergedTechnique = divergedTechnique
    self.verdict = verdict
  }
}
