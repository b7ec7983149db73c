// The results file format: what `hasten run` writes under results/<slug>/<profile>.json and
// what the atlas importer reads. It is plain Codable data with no dependencies, shared by the
// Training library (writer) and the Atlas (reader), so both agree on one definition.
//
// Conventions: times are seconds of training wall clock with evaluation excluded; a quantity
// that was never reached (time to a target the run never hit) is JSON null; ratios are
// baseline / technique, so a value above 1 means the technique is faster or cheaper.

/// One example's measurement: every run of both arms, and the numbers derived from them.
public struct ResultSet: Codable, Sendable, Equatable {
  /// Bumped when a field changes meaning; the importer refuses versions it does not know.
  public static let currentFormat = 1

  public var format: Int
  /// The technique's slug (= the example's name).
  public var example: String
  public var workload: String
  /// smoke, quick or full.
  public var profile: String
  /// ISO 8601, UTC, when the run set started.
  public var date: String
  public var commit: String?
  public var machine: Machine
  public var target: Target
  /// Fractions of the baseline's step budget each arm was run at.
  public var budgets: [Double]
  public var seeds: [UInt64]
  /// False while runs are still being added (or when the measurement was interrupted).
  public var complete: Bool
  public var runs: [RunResult]
  public var stepTiming: StepTiming?
  /// Peak memory of a few steps of each arm (absent in sets measured before it was recorded).
  public var stepMemory: StepMemory?
  public var summary: Summary?

  public init(
    example: String, workload: String, profile: String, date: String, commit: String?, machine: Machine, target: Target,
    budgets: [Double], seeds: [UInt64]
  ) {
    self.format = Self.currentFormat
    self.example = example
    self.workload = workload
    self.profile = profile
    self.date = date
    self.commit = commit
    self.machine = machine
    self.target = target
    self.budgets = budgets
    self.seeds = seeds
    self.complete = false
    self.runs = []
  }
}

/// Where the numbers were measured.
public struct Machine: Codable, Sendable, Equatable {
  public var cpu: String
  public var cores: Int
  /// BLAS threads used by the runs.
  public var threads: Int
  public var openblas: String
  public var swift: String
  public var os: String
  public init(cpu: String, cores: Int, threads: Int, openblas: String, swift: String, os: String) {
    self.cpu = cpu
    self.cores = cores
    self.threads = threads
    self.openblas = openblas
    self.swift = swift
    self.os = os
  }
}

/// The quality that counts as "reached".
public struct Target: Codable, Sendable, Equatable {
  /// "validation accuracy" or "validation loss".
  public var metric: String
  public var higherIsBetter: Bool
  public var value: Double
  public init(metric: String, higherIsBetter: Bool, value: Double) {
    self.metric = metric
    self.higherIsBetter = higherIsBetter
    self.value = value
  }

  /// Whether `x` meets the target.
  public func isMet(by x: Double) -> Bool { x.isFinite && (higherIsBetter ? x >= value : x <= value) }
}

/// One training run of one arm at one seed and budget.
public struct RunResult: Codable, Sendable, Equatable {
  /// "baseline" or "technique".
  public var arm: String
  public var seed: UInt64
  public var budget: Double
  /// Steps planned (the budget) and taken (fewer when the run diverged).
  public var plannedSteps: Int
  public var steps: Int
  public var diverged: Bool
  public var trainSeconds: Double
  /// The target metric on the validation set at the end of the run, and on the test set.
  public var finalMetric: Double?
  public var testMetric: Double?
  public var points: [Point]
  /// "algorithm/event" -> how many times it ran.
  public var trace: [String: Int]

  public init(
    arm: String, seed: UInt64, budget: Double, plannedSteps: Int, steps: Int, diverged: Bool, trainSeconds: Double,
    finalMetric: Double?, testMetric: Double?, points: [Point], trace: [String: Int]
  ) {
    self.arm = arm
    self.seed = seed
    self.budget = budget
    self.plannedSteps = plannedSteps
    self.steps = steps
    self.diverged = diverged
    self.trainSeconds = trainSeconds
    self.finalMetric = finalMetric
    self.testMetric = testMetric
    self.points = points
    self.trace = trace
  }
}

/// One evaluation during a run: the three currencies and the qualities.
public struct Point: Codable, Sendable, Equatable {
  public var step: Int
  public var seconds: Double
  public var flops: Double
  /// Mean training loss since the previous point (null at step 0).
  public var trainLoss: Double?
  public var validationLoss: Double?
  /// The target metric on the validation set.
  public var metric: Double?
  public init(step: Int, seconds: Double, flops: Double, trainLoss: Double?, validationLoss: Double?, metric: Double?) {
    self.step = step
    self.seconds = seconds
    self.flops = flops
    self.trainLoss = trainLoss
    self.validationLoss = validationLoss
    self.metric = metric
  }
}

/// The peak memory of a few training steps of each arm, measured one arm at a time on a fresh
/// state: how far the process's resident memory rose above its level before the steps
/// (activations, gradients, optimizer state and scratch buffers), in bytes.
public struct StepMemory: Codable, Sendable, Equatable {
  public var steps: Int
  public var baselineBytes: Int
  public var techniqueBytes: Int
  public init(steps: Int, baselineBytes: Int, techniqueBytes: Int) {
    self.steps = steps
    self.baselineBytes = baselineBytes
    self.techniqueBytes = techniqueBytes
  }
}
