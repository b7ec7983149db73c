// Our own measurement of a technique, as its page shows it: the summary beside the literature's
// claims (time to target in each currency with 95% intervals, the A/B step timing, the
// wall-clock estimate, the verdict), then the curves, the per-currency chart, quality at each
// budget, every run, and the machine. The numbers are the result set's own; nothing is
// recomputed here except medians for drawing.
import Foundation
import Results

extension Pages {
  static func measurementSummary(_ set: ResultSet) -> [Block] {
    let t = set.target
    var md = "### Measured here\n\n\(codeSpan(set.example)) against its tuned baseline on \(codeSpan(set.workload)), profile *\(escapeMarkdown(set.profile))*: "
    md += "seeds \(set.seeds.map(String.init).joined(separator: ", ")); budgets \(set.budgets.map(formatBudget).joined(separator: ", ")) of the baseline's steps; "
    md += "target \(escapeMarkdown(t.metric)) \(t.higherIsBetter ? "≥" : "≤") \(formatBudget(t.value)).\(set.complete ? "" : " *Incomplete: runs are missing.*")"
    var blocks: [Block] = [.markdown(md), .badges([verdictBadge(set)])]
    guard let s = set.summary else { return blocks + [.markdown("No summary yet (the measurement is incomplete).")] }
    func row(_ name: String, _ x: Speedup, _ format: (Double) -> String) -> [Cell] {
      [Cell(name), Cell(x.baseline.map(format) ?? "never"), Cell(x.technique.map(format) ?? "never"), Cell(speedupText(x))]
    }
    var rows = [
      row("steps", s.steps) { String(Int($0.rounded())) },
      row("FLOPs", s.flops) { String(format: "%.3g", $0) },
      row("seconds (each run's clock)", s.seconds) { String(format: "%.3f s", $0) },
    ]
    if let timing = set.stepTiming {
      rows.append([
        Cell("time per step (A/B)"), Cell(milliseconds(timing.baselineSecondsPerStep)), Cell(milliseconds(timing.techniqueSecondsPerStep)),
        Cell("\(formatRatio(timing.ratio))× [\(formatRatio(timing.low)), \(formatRatio(timing.high))]"),
      ])
    }
    rows.append([Cell("**wall clock** (steps × time per step)"), "", "", Cell("**\(speedupText(s.wallClock))**")])
    blocks.append(.table(header: ["To target", "Baseline", "Technique", "Speedup [95% interval]"], rows: rows, numeric: [1, 2, 3]))
    var notes = "Speedup is baseline / technique: above 1 the technique is faster. "
    if let timing = set.stepTiming {
      notes += "Step times come from \(timing.span) of the two arms; "
      notes += "the baseline's timing noise is ±\(String(format: "%.0f", timing.noise * 50))%. "
    }
    if s.divergedBaseline + s.divergedTechnique > 0 {
      notes += "Diverged runs: baseline \(s.divergedBaseline), technique \(s.divergedTechnique). "
    }
    return blocks + [.markdown(notes)]
  }

  static func measurementDetails(_ set: ResultSet, others: [ResultSet], links l: Links) -> [Block] {
    var blocks: [Block] = [
      .markdown("## Measured curves and runs\n\nQuality against training time of every run of both arms, from the \(escapeMarkdown(set.profile)) measurement.")
    ]
    for (name, chart) in measurementCharts(set) {
      blocks.append(.figure(svg: chart.svg, file: l.file(SitePath.plot(name)), caption: chart.summary))
    }
    if let s = set.summary, !s.qualityAtBudget.isEmpty {
      blocks.append(.markdown("Median final \(escapeMarkdown(set.target.metric)) at each budget:"))
      blocks.append(
        .table(
          header: ["Budget (of the baseline's steps)", "Baseline", "Technique"],
          rows: s.qualityAtBudget.map { q in
            [Cell(formatBudget(q.budget)), Cell(q.baseline.map(formatQuality) ?? "–"), Cell(q.technique.map(formatQuality) ?? "–")]
          }, numeric: [0, 1, 2]))
    }
    blocks.append(.markdown("Every run:"))
    blocks.append(
      .table(
        header: ["Arm", "Budget", "Seed", "Steps", "Final \(escapeMarkdown(set.target.metric))", "Test", "Train s", "Target at step"],
        rows: set.runs.map { r in
          let hit = r.points.first { $0.metric.map(set.target.isMet) ?? false }?.step
          return [
            Cell(escapeMarkdown(r.arm)), Cell(formatBudget(r.budget)), Cell(String(r.seed)), Cell(r.diverged ? "\(r.steps) (diverged)" : String(r.steps)),
            Cell(r.finalMetric.map(formatQuality) ?? "–"), Cell(r.testMetric.map(formatQuality) ?? "–"), Cell(String(format: "%.2f", r.trainSeconds)),
            Cell(hit.map(String.init) ?? "never"),
          ]
        }, numeric: [1, 2, 3, 4, 5, 6, 7]))
    let m = set.machine
    var md = "Measured \(escapeMarkdown(set.date))\(set.commit.map { " at commit \(codeSpan($0))" } ?? "") on \(escapeMarkdown(m.cpu)), "
    md += "\(m.cores) cores, \(m.threads) BLAS threads; \(escapeMarkdown(m.openblas)); Swift \(escapeMarkdown(m.swift)); \(escapeMarkdown(m.os))."
    if !others.isEmpty {
      md += "\n\nOther measurements of this technique:\n\n"
      md += others.map { o in
        "- *\(escapeMarkdown(o.profile))* (\(escapeMarkdown(o.date))): \(o.summary.map { speedupText($0.wallClock) } ?? "incomplete"), \(escapeMarkdown(verdictBadge(o).label))\n"
      }.joined()
    }
    blocks.append(.markdown(md))
    return blocks
  }

  /// The charts of a result set, each with the file name its SVG is written under.
  static func measurementCharts(_ set: ResultSet) -> [(String, PlotChart)] {
    var charts = [("\(set.example)-quality", Charts.quality(set)), ("\(set.example)-loss", Charts.quality(set, loss: true))]
    if let c = Charts.currencies(set) { charts.append(("\(set.example)-speedups", c)) }
    return charts
  }

  static func measurementFiles(_ set: ResultSet) -> [(path: String, contents: String)] {
    measurementCharts(set).map { (SitePath.plot($0.0), $0.1.svg) }
  }

  static func speedupText(_ x: Speedup) -> String {
    guard let r = x.ratio else { return "–" }
    return "\(formatRatio(r))× [\(x.low.map(formatRatio) ?? "0"), \(x.high.map(formatRatio) ?? "∞")]"
  }

  static func milliseconds(_ s: Double) -> String { String(format: "%.3f ms", s * 1000) }

  static func verdictBadge(_ set: ResultSet) -> Badge {
    guard let v = set.summary?.verdict else { return Badge("incomplete", .missing) }
    switch v {
    case .faster: return Badge(v.rawValue, .faster)
    case .slower: return Badge(v.rawValue, .slower)
    case .noSignificantChange: return Badge(v.rawValue, .neutral)
    case .didNotReachTarget, .baselineDidNotReachTarget: return Badge(v.rawValue, .missing)
    }
  }
}
