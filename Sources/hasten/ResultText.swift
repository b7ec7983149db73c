// A result set as terminal text: the runs (for `hasten run`) and the summary (for `run` and
// `show`): time to target in three currencies, the A/B step timing with its noise, the
// wall-clock estimate and the verdict. Every speedup is printed with its interval.
import Foundation
import Results

enum ResultText {
  static func header(_ set: ResultSet) -> String {
    let t = set.target
    let budgets = set.budgets.map { formatNumber($0) }.joined(separator: ", ")
    return "\(set.example) on \(set.workload): \(set.profile), seeds \(set.seeds.map(String.init).joined(separator: ",")), "
      + "budgets \(budgets); target \(t.metric) \(t.higherIsBetter ? ">=" : "<=") \(formatNumber(t.value))\n"
  }

  static func runs(_ set: ResultSet) -> String {
    let table = TextTable(header: ["arm", "budget", "seed", "steps", "final \(set.target.metric)", "test", "train s", "to target (step)"])
    for r in set.runs {
      let hit = timeToTargetStep(r, set.target)
      table.add([
        r.arm, formatNumber(r.budget), String(r.seed), r.diverged ? "\(r.steps) DIVERGED" : String(r.steps),
        r.finalMetric.map { String(format: "%.4f", $0) } ?? "-", r.testMetric.map { String(format: "%.4f", $0) } ?? "-",
        String(format: "%.2f", r.trainSeconds), hit.map(String.init) ?? "never",
      ])
    }
    return table.render()
  }

  static func summary(_ set: ResultSet) -> String {
    guard let s = set.summary else { return "  (incomplete: \(set.runs.count) runs so far, no summary)\n" }
    let table = TextTable(header: ["time to target", "baseline", "technique", "speedup [95% interval]"])
    func row(_ name: String, _ x: Speedup, _ format: (Double) -> String) {
      table.add([name, x.baseline.map(format) ?? "never", x.technique.map(format) ?? "never", speedupText(x)])
    }
    row("steps", s.steps) { String(Int($0.rounded())) }
    row("FLOPs", s.flops) { String(format: "%.3g", $0) }
    row("seconds (each run's clock)", s.seconds) { String(format: "%.3f", $0) }
    var out = table.render()
    if let timing = set.stepTiming {
      out += String(
        format: "time per step (A/B, %@): baseline %@, technique %@, ratio %@ [%@, %@], timing noise ±%.0f%%\n",
        timing.span, milliseconds(timing.baselineSecondsPerStep),
        milliseconds(timing.techniqueSecondsPerStep), formatRatio(timing.ratio), formatRatio(timing.low), formatRatio(timing.high),
        timing.noise * 50)
    }
    if let memory = set.stepMemory {
      out += String(
        format: "peak memory of %d steps (rise in resident memory): baseline %.1f MB, technique %.1f MB\n", memory.steps,
        Double(memory.baselineBytes) / 1e6, Double(memory.techniqueBytes) / 1e6)
    }
    out += "wall-clock speedup (step ratio x time-per-step ratio): \(speedupText(s.wallClock))\n"
    let quality = s.qualityAtBudget.map { q in
      "\(formatNumber(q.budget)): \(q.baseline.map { String(format: "%.4f", $0) } ?? "-") vs \(q.technique.map { String(format: "%.4f", $0) } ?? "-")"
    }
    out += "final \(set.target.metric) at each budget (baseline vs technique): \(quality.joined(separator: "; "))\n"
    if s.divergedBaseline + s.divergedTechnique > 0 {
      out += "diverged runs: baseline \(s.divergedBaseline), technique \(s.divergedTechnique)\n"
    }
    out += "verdict: \(Style.bold(s.verdict.rawValue))\n"
    return out
  }

  static func speedupText(_ x: Speedup) -> String {
    guard let r = x.ratio else { return "-" }
    // A ratio of 0 is a technique whose median run never reached the target.
    if r == 0 { return "never reached" + (x.high.map { $0 > 0 ? " [0, \(formatRatio($0))]" : "" } ?? "") }
    return "\(formatRatio(r))x [\(x.low.map(formatRatio) ?? "0"), \(x.high.map(formatRatio) ?? "inf")]"
  }

  static func formatRatio(_ x: Double) -> String { x.isFinite ? String(format: "%.2f", x) : "inf" }
  static func milliseconds(_ s: Double) -> String { String(format: "%.3f ms", s * 1000) }
  static func formatNumber(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }

  static func timeToTargetStep(_ r: RunResult, _ t: Target) -> Int? {
    r.points.first { $0.metric.map(t.isMet) ?? false }?.step
  }
}
