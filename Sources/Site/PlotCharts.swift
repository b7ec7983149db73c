// The site's charts, built from measurements: quality against training time for baseline and
// technique (every seed, the median over seeds with the seeds' range shaded, each budget), and
// speedups with their 95% intervals on a log scale (per currency on a technique's page, per
// technique on the home page). Plot.swift draws them.
import Foundation
import Results

/// A labelled speedup with its interval, one row of an interval chart.
struct SpeedupRow {
  var label: String
  var ratio: Double?
  var low: Double?
  var high: Double?
}

enum Charts {
  /// Validation accuracy (or loss, on a log scale) against training seconds.
  static func quality(_ set: ResultSet, loss: Bool = false) -> PlotChart {
    let metric = loss ? "validation loss" : set.target.metric
    func value(_ p: Point) -> Double? { loss ? p.validationLoss : p.metric }
    let budgets = set.budgets.sorted()
    let full = budgets.last ?? 1
    var chart = PlotChart(
      title: "\(metric) against training time: baseline and \(set.example)",
      summary: "\(metric.capitalizingFirst) against training seconds for the baseline and \(set.example) on \(set.workload): "
        + "a thick line is the median over \(set.seeds.count) seed\(set.seeds.count == 1 ? "" : "s"), the shaded band the range over seeds, "
        + "thin lines single seeds; dashed lines are runs with a smaller step budget"
        + (budgets.count > 1 ? " (\(budgets.map(formatBudget).joined(separator: ", ")) of the baseline's steps)." : "."),
      x: PlotAxis(scale: .linear(0...1), title: "training seconds (evaluation excluded), log scale"),
      y: PlotAxis(scale: .linear(0...1), title: metric))
    var xs: [Double] = [], ys: [Double] = []
    for arm in ["baseline", "technique"] {
      let color: PlotColor = arm == "baseline" ? .baseline : .technique
      for budget in budgets {
        let runs = set.runs.filter { $0.arm == arm && $0.budget == budget }
        guard !runs.isEmpty else { continue }
        let dashed = budget != full
        for run in runs {
          let points = run.points.map { p in value(p).map { (x: p.seconds, y: $0) } }
          chart.lines.append(PlotLine(points: points, color: color, width: 1, opacity: 0.35, dashed: dashed))
          // The domain covers what the log-scale time axis can show (not the evaluation at 0 s).
          xs += run.points.map(\.seconds).filter { $0 > 0 }
          ys += run.points.filter { $0.seconds > 0 }.compactMap(value)
        }
        // The median curve: the k-th evaluation of every seed (they share an evaluation
        // schedule), at the median of their clocks.
        let count = runs.map(\.points.count).min() ?? 0
        var median: [(x: Double, y: Double)?] = []
        var band: [(x: Double, low: Double, high: Double)] = []
        for k in 0..<count {
          let at = runs.map { $0.points[k] }
          let values = at.compactMap(value)
          let t = medianOf(at.map(\.seconds))
          guard let m = medianOf(values), let t else {
            median.append(nil)
            continue
          }
          median.append((t, m))
          band.append((t, values.min()!, values.max()!))
        }
        if runs.count > 1 { chart.bands.append(PlotBand(points: band, color: color)) }
        chart.lines.append(PlotLine(points: median, color: color, width: 2.5, dashed: dashed))
        if let last = median.last, let end = last {
          chart.markers.append(
            PlotMarker(
              x: end.x, y: end.y, color: color,
              label: "\(arm), budget \(formatBudget(budget)): median \(metric) \(formatQuality(end.y)) after \(String(format: "%.2f", end.x)) s"))
        }
      }
    }
    if !loss {
      chart.rules.append(PlotRule(orientation: .horizontal, value: set.target.value, label: "target \(formatQuality(set.target.value))"))
    }
    // Seconds on a log scale: the early part, where the arms cross the target, is most of the
    // story; evaluations at 0 s (before training) cannot be placed and are left out.
    chart.x = PlotAxis(scale: .nice(xs, log: true), title: chart.x.title)
    chart.y = PlotAxis(
      scale: loss ? .nice(ys, log: true) : .nice(ys, include: [set.target.value]), title: metric, tickCount: loss ? 5 : 6)
    chart.legend = [
      PlotLegendEntry(label: "baseline", color: .baseline), PlotLegendEntry(label: set.example, color: .technique),
      PlotLegendEntry(label: "range over seeds", color: .neutral, band: true),
    ]
    if budgets.count > 1 {
      chart.legend.append(PlotLegendEntry(label: "budget \(budgets.dropLast().map(formatBudget).joined(separator: ", "))", color: .neutral, dashed: true))
    }
    return chart
  }

  /// The speedups of one result set in each currency, with intervals.
  static func currencies(_ set: ResultSet) -> PlotChart? {
    guard let s = set.summary else { return nil }
    var rows = [
      SpeedupRow(label: "steps to target", ratio: s.steps.ratio, low: s.steps.low, high: s.steps.high),
      SpeedupRow(label: "FLOPs to target", ratio: s.flops.ratio, low: s.flops.low, high: s.flops.high),
      SpeedupRow(label: "seconds to target", ratio: s.seconds.ratio, low: s.seconds.low, high: s.seconds.high),
    ]
    if let t = set.stepTiming { rows.append(SpeedupRow(label: "time per step (A/B)", ratio: t.ratio, low: t.low, high: t.high)) }
    rows.append(SpeedupRow(label: "wall clock (estimate)", ratio: s.wallClock.ratio, low: s.wallClock.low, high: s.wallClock.high))
    return intervals(
      rows, title: "Speedups of \(set.example) with 95% intervals",
      summary: "Speedup of \(set.example) over the baseline (baseline / technique; above 1 is faster) in each currency, "
        + "the dot at the median and the bar over the 95% bootstrap interval, on a log scale.")
  }

  /// Speedups with their intervals on a log scale, one row each, 1× marked.
  static func intervals(_ rows: [SpeedupRow], title: String, summary: String) -> PlotChart {
    let n = Double(rows.count)
    let ticks = rows.enumerated().map { Tick(value: n - 1 - Double($0.offset), label: $0.element.label) }
    let values = rows.flatMap { [$0.ratio, $0.low, $0.high].compactMap { $0 } }
    var chart = PlotChart(
      title: title, summary: summary,
      x: PlotAxis(scale: .nice(values, log: true, include: [1]), title: "speedup (baseline / technique), log scale"),
      y: PlotAxis(scale: .linear(-0.6...(n - 0.4)), title: "", ticks: ticks))
    chart.height = 34 * n + 70
    chart.rules = [PlotRule(orientation: .vertical, value: 1, label: "1× (no change)")]
    for (i, row) in rows.enumerated() {
      let y = n - 1 - Double(i)
      let color: PlotColor =
        row.low.map { $0 > 1 } == true ? .faster : row.high.map { $0 < 1 } == true ? .slower : .neutral
      guard let ratio = row.ratio else { continue }
      chart.intervals.append(PlotInterval(y: y, low: row.low, high: row.high, color: color))
      let interval = "[\(row.low.map(formatRatio) ?? "0"), \(row.high.map(formatRatio) ?? "∞")]"
      chart.markers.append(PlotMarker(x: ratio, y: y, color: color, label: "\(row.label): \(formatRatio(ratio))× \(interval)", radius: 5))
    }
    return chart
  }
}

/// The median of `values`, nil when empty.
func medianOf(_ values: [Double]) -> Double? {
  guard !values.isEmpty else { return nil }
  let s = values.sorted()
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func formatRatio(_ x: Double) -> String { x.isFinite ? String(format: "%.2f", x) : "∞" }
func formatQuality(_ x: Double) -> String { String(format: "%.4f", x) }
func formatBudget(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }

extension String {
  var capitalizingFirst: String { prefix(1).uppercased() + dropFirst() }
}
