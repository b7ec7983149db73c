// results/**/*.json through the importer: a result set round-trips into the tables and back,
// the representative result is chosen by completeness, profile and date, verdicts filter the
// list, and bad files are reported as file: field: message.
import Atlas
import Foundation
import Results
import Testing

@Suite struct ResultsImportTests {
  /// A small but complete result set for the fixture's mixup technique.
  static func resultSet(profile: String = "quick", date: String = "2026-01-02T03:04:05Z", verdict: Verdict = .faster) -> ResultSet {
    var set = ResultSet(
      example: "mixup", workload: "digits-mlp", profile: profile, date: date, commit: "abc123",
      machine: Machine(cpu: "Test CPU", cores: 2, threads: 1, openblas: "OpenBLAS 0.3", swift: "6.3", os: "Linux"),
      target: Target(metric: "validation accuracy", higherIsBetter: true, value: 0.95), budgets: [0.5, 1], seeds: [1, 2])
    for seed: UInt64 in [1, 2] {
      for arm in ["baseline", "technique"] {
        let points = [0, 50, 100].map { s in
          Point(step: s, seconds: Double(s) / 100, flops: Double(s) * 1e6, trainLoss: s == 0 ? nil : 0.5, validationLoss: 1.0 / Double(s + 1), metric: Double(s) / 100)
        }
        set.runs.append(
          RunResult(
            arm: arm, seed: seed, budget: 1, plannedSteps: 100, steps: 100, diverged: false, trainSeconds: 1, finalMetric: 1,
            testMetric: 0.97, points: points, trace: arm == "baseline" ? [:] : ["mixup/afterDataLoad": 100]))
      }
    }
    set.stepTiming = StepTiming(
      repetitions: 2, stepsPerRepetition: 10, baselineSecondsPerStep: 0.01, techniqueSecondsPerStep: 0.011, ratio: 0.91, low: 0.9,
      high: 0.92, noise: 0.03, ratios: [0.9, 0.92])
    let speedup = Speedup(baseline: 100, technique: 50, ratio: 2, low: 1.5, high: 2.5)
    set.summary = Summary(
      steps: speedup, flops: speedup, seconds: speedup, wallClock: speedup,
      qualityAtBudget: [BudgetQuality(budget: 1, baseline: 1, technique: 1)], divergedBaseline: 0, divergedTechnique: 0, verdict: verdict)
    set.complete = true
    return set
  }

  static func json(_ set: ResultSet) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(set), as: UTF8.self)
  }

  @Test func aResultSetRoundTripsThroughTheDatabase() throws {
    // Given a project with one measured result
    let original = Self.resultSet()
    let project = try FixtureProject.with(["results/mixup/quick.json": try Self.json(original)])
    // When it is imported and read back
    let atlas = try AtlasDatabase.inMemory(try project.load())
    let back = try #require(try atlas.results(for: "mixup").first)
    // Then every run, point and derived number is as written
    #expect(back == original)
    #expect(try atlas.card("mixup")?.results.count == 1)
    let row = try #require(try atlas.techniques().first { $0.id == "mixup" })
    #expect(row.verdict == "faster" && row.speedup == 2 && row.speedupLow == 1.5 && row.speedupHigh == 2.5)
    #expect(try atlas.query("SELECT count(*) FROM evalPoint").rows == [[.integer(12)]])
  }

  @Test func theRepresentativeResultIsTheMostThoroughCompleteOne() throws {
    var incompleteFull = Self.resultSet(profile: "full", verdict: .slower)
    incompleteFull.complete = false
    let project = try FixtureProject.with([
      "results/mixup/smoke.json": try Self.json(Self.resultSet(profile: "smoke", date: "2026-05-01T00:00:00Z", verdict: .slower)),
      "results/mixup/quick.json": try Self.json(Self.resultSet(profile: "quick")),
      "results/mixup/full.json": try Self.json(incompleteFull),
    ])
    let atlas = try AtlasDatabase.inMemory(try project.load())
    #expect(try atlas.results(for: "mixup").map(\.profile) == ["quick", "smoke", "full"])
    var filter = TechniqueFilter()
    filter.verdict = "faster"
    #expect(try atlas.techniques(filter).map(\.id) == ["mixup"])
    filter.verdict = "slower"
    #expect(try atlas.techniques(filter).isEmpty)
  }

  @Test func sweepsAreNotResultSets() throws {
    let project = try FixtureProject.with(["results/sweeps/digits-mlp.json": "{\"workload\": \"digits-mlp\", \"points\": []}"])
    #expect(try project.load().results.isEmpty)
  }

  @Test func badResultFilesAreReportedWithTheirField() throws {
    var unknown = Self.resultSet()
    unknown.example = "mixupp"
    var future = Self.resultSet()
    future.format = 99
    let project = try FixtureProject.with([
      "results/a/quick.json": try Self.json(unknown),
      "results/b/quick.json": try Self.json(future),
      "results/c/quick.json": try Self.json(Self.resultSet()).replacingOccurrences(of: "\"seed\":1,", with: "\"seed\":\"one\","),
      "results/d/quick.json": "{ not json",
      "results/e/quick.json": try Self.json(Self.resultSet()).replacingOccurrences(of: ",\"workload\":\"digits-mlp\"", with: ""),
    ])
    let problems = project.problems().map(\.description)
    #expect(problems.count == 5)
    #expect(problems[0] == "results/a/quick.json:1: example: unknown technique 'mixupp'; did you mean 'mixup'?")
    #expect(problems[1].hasPrefix("results/b/quick.json:1: format: format 99 is not known"))
    #expect(problems[2].hasPrefix("results/c/quick.json:1: runs[0].seed: "))
    #expect(problems[3].hasPrefix("results/d/quick.json:1: not valid JSON"))
    #expect(problems[4] == "results/e/quick.json:1: workload: missing required field")
  }
}
