// Scales for the site's SVG plots: a data interval mapped onto a pixel interval, linearly or
// logarithmically, with "nice" ticks (1, 2 or 5 times a power of ten) and their labels.
// This is only what the site's charts need, not a general plotting library; the tick rule
// follows d3-scale's `ticks` (steps chosen by the error against the wanted count).
import Foundation

/// How values map onto an axis.
public enum PlotScale: Sendable, Equatable {
  /// Linear over `domain`.
  case linear(ClosedRange<Double>)
  /// Base-10 logarithmic over `domain`; both ends must be positive.
  case log(ClosedRange<Double>)

  public var domain: ClosedRange<Double> {
    switch self {
    case .linear(let d), .log(let d): d
    }
  }

  /// Where `x` falls in the domain: 0 at the lower end, 1 at the upper end (outside for
  /// values outside; nil for a value the scale cannot place, such as 0 on a log scale).
  public func fraction(_ x: Double) -> Double? {
    guard x.isFinite else { return nil }
    switch self {
    case .linear(let d):
      return d.upperBound == d.lowerBound ? 0.5 : (x - d.lowerBound) / (d.upperBound - d.lowerBound)
    case .log(let d):
      guard x > 0 else { return nil }
      let lo = log10(d.lowerBound), hi = log10(d.upperBound)
      return hi == lo ? 0.5 : (log10(x) - lo) / (hi - lo)
    }
  }

  /// Maps `x` onto the pixel interval from `start` (domain's lower end) to `end`.
  public func map(_ x: Double, from start: Double, to end: Double) -> Double? {
    fraction(x).map { start + $0 * (end - start) }
  }

  /// About `count` ticks inside the domain, with their labels.
  public func ticks(count: Int = 5) -> [Tick] {
    switch self {
    case .linear(let d):
      let step = niceStep(d.upperBound - d.lowerBound, count: count)
      guard step > 0 else { return [Tick(value: d.lowerBound, label: formatTick(d.lowerBound, step: 1))] }
      // Integer multiples of the step, so 0.1 * 3 prints as 0.3 and not 0.30000000000000004.
      let first = Int((d.lowerBound / step - 1e-9).rounded(.up)), last = Int((d.upperBound / step + 1e-9).rounded(.down))
      guard first <= last else { return [] }
      return (first...last).map { i in
        let v = Double(i) * step
        return Tick(value: v, label: formatTick(v, step: step))
      }
    case .log(let d):
      guard d.lowerBound > 0 else { return [] }
      let lo = Int(log10(d.lowerBound).rounded(.down)), hi = Int(log10(d.upperBound).rounded(.up))
      // Up to about two decades: 1, 2 and 5 of each; more: powers of ten only.
      let mantissas: [Double] = log10(d.upperBound / d.lowerBound) <= 2.5 ? [1, 2, 5] : [1]
      var ticks: [Tick] = []
      for e in lo...hi {
        for m in mantissas {
          let v = m * pow(10, Double(e))
          if v >= d.lowerBound * (1 - 1e-9) && v <= d.upperBound * (1 + 1e-9) {
            ticks.append(Tick(value: v, label: formatTick(v, step: pow(10, Double(min(e, 0))))))
          }
        }
      }
      return ticks
    }
  }

  /// A domain that starts and ends on ticks and contains `values` (with `padding` of the
  /// span around them on a linear scale); a log domain covers whole 1-2-5 steps.
  public static func nice(_ values: [Double], log: Bool = false, count: Int = 5, include: [Double] = []) -> PlotScale {
    let all = (values + include).filter { $0.isFinite && (!log || $0 > 0) }
    guard var lo = all.min(), var hi = all.max() else { return log ? .log(0.1...10) : .linear(0...1) }
    if log {
      let steps: [Double] = [1, 2, 5, 10]
      func down(_ x: Double) -> Double {
        let p = pow(10, log10(x).rounded(.down))
        return (steps.last { $0 * p <= x * (1 + 1e-9) } ?? 1) * p
      }
      func up(_ x: Double) -> Double {
        let p = pow(10, log10(x).rounded(.down))
        return (steps.first { $0 * p >= x * (1 - 1e-9) } ?? 10) * p
      }
      lo = down(lo)
      hi = up(hi)
      if lo == hi { hi = lo * 2 }
      return .log(lo...hi)
    }
    if lo == hi {
      lo -= lo == 0 ? 1 : abs(lo) * 0.1
      hi += hi == 0 ? 1 : abs(hi) * 0.1
    }
    let step = niceStep(hi - lo, count: count)
    return .linear((lo / step + 1e-9).rounded(.down) * step...(hi / step - 1e-9).rounded(.up) * step)
  }
}

/// A tick: where it sits and what it says.
public struct Tick: Sendable, Equatable {
  public var value: Double
  public var label: String
}

/// The step among 1, 2 and 5 times a power of ten that divides `span` into about `count` parts.
func niceStep(_ span: Double, count: Int) -> Double {
  guard span > 0, span.isFinite, count > 0 else { return 0 }
  let raw = span / Double(count)
  let power = pow(10, log10(raw).rounded(.down))
  let error = raw / power
  // The thresholds are the geometric means of neighbouring steps (sqrt(50), sqrt(10), sqrt(2)).
  let factor: Double = error >= 7.07 ? 10 : error >= 3.16 ? 5 : error >= 1.41 ? 2 : 1
  return factor * power
}

/// A tick label with as many decimals as the step needs; thousands and up get k, M, G, T, P.
func formatTick(_ value: Double, step: Double) -> String {
  let magnitude = abs(value)
  if magnitude >= 10_000 {
    let units: [(Double, String)] = [(1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
    for (size, suffix) in units where magnitude >= size {
      return formatTick(value / size, step: max(step / size, 1e-3)) + suffix
    }
  }
  let decimals = step >= 1 ? 0 : min(6, Int((-log10(step) - 1e-9).rounded(.up)))
  let text = String(format: "%.\(decimals)f", value)
  return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
}

/// A pixel coordinate for SVG: one decimal, no trailing ".0", never "-0".
func px(_ x: Double) -> String {
  // In whole tenths, with integer formatting: String(format:) was a third of writing the site.
  let tenths = Int((x * 10).rounded())
  if tenths % 10 == 0 { return String(tenths / 10) }
  return (tenths < 0 ? "-" : "") + String(abs(tenths) / 10) + "." + String(abs(tenths) % 10)
}
