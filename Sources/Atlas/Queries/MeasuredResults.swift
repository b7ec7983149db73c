// Measured results as the CLI and the site read them: whole result sets (runs and curves
// included) rebuilt from the tables, and the one that represents a technique: a complete
// measurement first, then the most thorough profile (full, quick, smoke), then the newest.
import Foundation
import GRDB
import Results

extension AtlasDatabase {
  /// Every result set of technique `id`, the representative one first.
  public func results(for id: String) throws -> [ResultSet] {
    try reader.read { db in
      try ResultSetRecord.filter(Column("techniqueId") == id).fetchAll(db)
        .sorted(by: isPreferred)
        .map { try $0.resultSet(db) }
    }
  }

  /// The verdict and wall-clock speedup of each technique's representative result.
  public func measuredSummaries() throws -> [String: ResultSetRecord] {
    try reader.read { db in
      let all = try ResultSetRecord.fetchAll(db).sorted(by: isPreferred)
      var best: [String: ResultSetRecord] = [:]
      for r in all where best[r.techniqueId] == nil { best[r.techniqueId] = r }
      return best
    }
  }
}

/// Complete before incomplete, full before quick before smoke, newer before older.
func isPreferred(_ a: ResultSetRecord, _ b: ResultSetRecord) -> Bool {
  func rank(_ p: String) -> Int { ["full": 0, "quick": 1, "smoke": 2][p] ?? 3 }
  return (a.complete ? 0 : 1, rank(a.profile), b.date) < (b.complete ? 0 : 1, rank(b.profile), a.date)
}

extension ResultSetRecord {
  /// The full result set, runs and evaluation points included.
  func resultSet(_ db: Database) throws -> ResultSet {
    let details = try JSONDecoder().decode(ResultDetails.self, from: Data(self.details.utf8))
    var set = ResultSet(
      example: details.example, workload: workload, profile: profile, date: date, commit: commit, machine: details.machine,
      target: details.target, budgets: details.budgets, seeds: details.seeds)
    set.complete = complete
    set.stepTiming = details.stepTiming
    set.summary = details.summary
    let points = Dictionary(grouping: try EvalPointRow.filter(Column("resultSetId") == id).order(Column("step")).fetchAll(db), by: \.runPosition)
    set.runs = try RunRecordRow.filter(Column("resultSetId") == id).order(Column("position")).fetchAll(db).map { r in
      RunResult(
        arm: r.arm, seed: UInt64(bitPattern: r.seed), budget: r.budget, plannedSteps: r.plannedSteps, steps: r.steps, diverged: r.diverged,
        trainSeconds: r.trainSeconds, finalMetric: r.finalMetric, testMetric: r.testMetric,
        points: (points[r.position] ?? []).map {
          Point(step: $0.step, seconds: $0.seconds, flops: $0.flops, trainLoss: $0.trainLoss, validationLoss: $0.validationLoss, metric: $0.metric)
        },
        trace: try JSONDecoder().decode([String: Int].self, from: Data(r.trace.utf8)))
    }
    return set
  }
}
