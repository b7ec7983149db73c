// Measured results as tables: one row per result set (an example measured under a profile),
// per run, and per evaluation point, so SQL and the site can read curves directly. The derived
// numbers are columns where a query filters on them (verdict, wall-clock speedup) and JSON for
// the rest, in the Results module's own format.
import Foundation
import GRDB
import Results

/// One example's measurement under one profile.
public struct ResultSetRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "resultSet"
  /// "<example>/<profile>".
  public var id: String
  public var techniqueId: String
  public var profile: String
  public var workload: String
  public var date: String
  public var commit: String?
  public var complete: Bool
  public var verdict: String?
  public var speedup: Double?
  public var speedupLow: Double?
  public var speedupHigh: Double?
  /// The file it came from, relative to the project root.
  public var sourcePath: String
  /// The rest of the set (machine, target, budgets, seeds, step timing, summary) as JSON.
  public var details: String
}

/// One run of one arm.
public struct RunRecordRow: Codable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "run"
  public var resultSetId: String
  public var position: Int
  public var arm: String
  public var seed: Int64
  public var budget: Double
  public var plannedSteps: Int
  public var steps: Int
  public var diverged: Bool
  public var trainSeconds: Double
  public var finalMetric: Double?
  public var testMetric: Double?
  public var trace: String
}

/// One evaluation of one run.
public struct EvalPointRow: Codable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "evalPoint"
  public var resultSetId: String
  public var runPosition: Int
  public var step: Int
  public var seconds: Double
  public var flops: Double
  public var trainLoss: Double?
  public var validationLoss: Double?
  public var metric: Double?
}

/// The parts of a ResultSet that live in `resultSet.details`.
struct ResultDetails: Codable {
  var example: String
  var machine: Machine
  var target: Target
  var budgets: [Double]
  var seeds: [UInt64]
  var stepTiming: StepTiming?
  var summary: Summary?
}

extension ResultSet {
  /// The set's rows for the three tables.
  func records(sourcePath: String) throws -> (ResultSetRecord, [RunRecordRow], [EvalPointRow]) {
    let id = "\(example)/\(profile)"
    let details = ResultDetails(
      example: example, machine: machine, target: target, budgets: budgets, seeds: seeds, stepTiming: stepTiming, summary: summary)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let set = ResultSetRecord(
      id: id, techniqueId: example, profile: profile, workload: workload, date: date, commit: commit, complete: complete,
      verdict: summary?.verdict.rawValue, speedup: summary?.wallClock.ratio, speedupLow: summary?.wallClock.low,
      speedupHigh: summary?.wallClock.high, sourcePath: sourcePath,
      details: String(decoding: try encoder.encode(details), as: UTF8.self))
    var runRows: [RunRecordRow] = []
    var pointRows: [EvalPointRow] = []
    for (i, r) in runs.enumerated() {
      runRows.append(
        RunRecordRow(
          resultSetId: id, position: i, arm: r.arm, seed: Int64(bitPattern: r.seed), budget: r.budget, plannedSteps: r.plannedSteps,
          steps: r.steps, diverged: r.diverged, trainSeconds: r.trainSeconds, finalMetric: r.finalMetric, testMetric: r.testMetric,
          trace: String(decoding: try encoder.encode(r.trace), as: UTF8.self)))
      for p in r.points {
        pointRows.append(
          EvalPointRow(
            resultSetId: id, runPosition: i, step: p.step, seconds: p.seconds, flops: p.flops, trainLoss: p.trainLoss,
            validationLoss: p.validationLoss, metric: p.metric))
      }
    }
    return (set, runRows, pointRows)
  }
}

// Read by column, not through Codable: a technique card reads every evaluation point of its
// measurements (hundreds), and GRDB's Codable path was a tenth of a `hasten show`.
extension EvalPointRow {
  public init(row: Row) throws {
    (resultSetId, runPosition, step, seconds, flops) = (row["resultSetId"], row["runPosition"], row["step"], row["seconds"], row["flops"])
    (trainLoss, validationLoss, metric) = (row["trainLoss"], row["validationLoss"], row["metric"])
  }
}

extension RunRecordRow {
  public init(row: Row) throws {
    (resultSetId, position, arm, seed, budget) = (row["resultSetId"], row["position"], row["arm"], row["seed"], row["budget"])
    (plannedSteps, steps, diverged, trainSeconds) = (row["plannedSteps"], row["steps"], row["diverged"], row["trainSeconds"])
    (finalMetric, testMetric, trace) = (row["finalMetric"], row["testMetric"], row["trace"])
  }
}
