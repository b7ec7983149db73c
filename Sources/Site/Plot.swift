// A small SVG chart: two axes with ticks and grid lines, shaded bands, lines, markers,
// horizontal interval bars, reference rules and a legend. It draws what the site's charts need
// (PlotCharts.swift builds them from measurements) and nothing more. The output is plain SVG
// readable without JavaScript, deterministic to the byte; every text is escaped. Colours are
// mid-tones that read on light and dark pages, and text uses currentColor so an inline chart
// follows the page's colour scheme.
import Foundation

/// Colours of plotted things.
public enum PlotColor: String, Sendable {
  case baseline = "#4c78a8"
  case technique = "#e4632b"
  case faster = "#2f9e44"
  case slower = "#d6336c"
  case neutral = "#868e96"
}

/// An axis: its scale, title, and optional fixed ticks (category names, for instance).
public struct PlotAxis: Sendable {
  public var scale: PlotScale
  public var title: String
  public var ticks: [Tick]
  public init(scale: PlotScale, title: String, ticks: [Tick]? = nil, tickCount: Int = 5) {
    self.scale = scale
    self.title = title
    self.ticks = ticks ?? scale.ticks(count: tickCount)
  }
}

/// A polyline; a nil point breaks it.
public struct PlotLine: Sendable {
  public var points: [(x: Double, y: Double)?]
  public var color: PlotColor
  public var width: Double = 2
  public var opacity: Double = 1
  public var dashed = false
}

/// A shaded region between `low` and `high` along x.
public struct PlotBand: Sendable {
  public var points: [(x: Double, low: Double, high: Double)]
  public var color: PlotColor
  public var opacity: Double = 0.18
}

/// A dot with a tooltip.
public struct PlotMarker: Sendable {
  public var x: Double, y: Double
  public var color: PlotColor
  public var label: String
  public var radius: Double = 4
}

/// A horizontal bar from `low` to `high` at height `y` (an interval), open at a nil end.
public struct PlotInterval: Sendable {
  public var y: Double
  public var low: Double?, high: Double?
  public var color: PlotColor
}

/// A rule across the plot at x (vertical) or y (horizontal), with a label.
public struct PlotRule: Sendable {
  public enum Orientation: Sendable { case vertical, horizontal }
  public var orientation: Orientation
  public var value: Double
  public var label: String
}

/// One entry of the legend; `band` draws a shaded swatch instead of a line.
public struct PlotLegendEntry: Sendable {
  public var label: String
  public var color: PlotColor
  public var band = false
  public var dashed = false
}

/// A chart, ready to render.
public struct PlotChart: Sendable {
  /// The accessible name and the longer description (SVG title and desc).
  public var title: String
  public var summary: String
  public var x: PlotAxis
  public var y: PlotAxis
  public var width: Double = 640
  public var height: Double = 340
  public var bands: [PlotBand] = []
  public var lines: [PlotLine] = []
  public var intervals: [PlotInterval] = []
  public var markers: [PlotMarker] = []
  public var rules: [PlotRule] = []
  public var legend: [PlotLegendEntry] = []

  public init(title: String, summary: String, x: PlotAxis, y: PlotAxis) {
    self.title = title
    self.summary = summary
    self.x = x
    self.y = y
  }

  // Room for tick labels: the left margin grows with the longest y label (about 6.6 px per
  // character at 12 px).
  var left: Double { max(48, Double(y.ticks.map(\.label.count).max() ?? 0) * 6.6 + (y.title.isEmpty ? 14 : 30)) }
  var right: Double { 16 }
  var top: Double { legend.isEmpty ? 12 : 34 }
  var bottom: Double { 46 }

  /// The pixel position of data coordinates, or nil outside what the scales can place.
  func point(_ x: Double, _ y: Double) -> (Double, Double)? {
    guard let px = self.x.scale.map(x, from: left, to: width - right),
      let py = self.y.scale.map(y, from: height - bottom, to: top)
    else { return nil }
    return (px, py)
  }

  /// The chart as a standalone SVG element.
  public var svg: String {
    let plotLeft = left, plotRight = width - right, plotTop = top, plotBottom = height - bottom
    var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" viewBox=\"0 0 \(px(width)) \(px(height))\" role=\"img\""
    s += " font-family=\"system-ui, sans-serif\" font-size=\"12\" fill=\"currentColor\">\n"
    s += "<title>\(escapeHTML(title))</title>\n<desc>\(escapeHTML(summary))</desc>\n"
    // Grid and ticks.
    s += "<g stroke=\"currentColor\" stroke-opacity=\"0.15\">\n"
    for t in x.ticks { if let p = x.scale.map(t.value, from: plotLeft, to: plotRight) { s += "<line x1=\"\(px(p))\" y1=\"\(px(plotTop))\" x2=\"\(px(p))\" y2=\"\(px(plotBottom))\"/>\n" } }
    for t in y.ticks { if let p = y.scale.map(t.value, from: plotBottom, to: plotTop) { s += "<line x1=\"\(px(plotLeft))\" y1=\"\(px(p))\" x2=\"\(px(plotRight))\" y2=\"\(px(p))\"/>\n" } }
    s += "</g>\n<g text-anchor=\"middle\">\n"
    for t in x.ticks { if let p = x.scale.map(t.value, from: plotLeft, to: plotRight) { s += "<text x=\"\(px(p))\" y=\"\(px(plotBottom + 16))\">\(escapeHTML(t.label))</text>\n" } }
    s += "</g>\n<g text-anchor=\"end\">\n"
    for t in y.ticks { if let p = y.scale.map(t.value, from: plotBottom, to: plotTop) { s += "<text x=\"\(px(plotLeft - 6))\" y=\"\(px(p + 4))\">\(escapeHTML(t.label))</text>\n" } }
    s += "</g>\n"
    s += "<path d=\"M\(px(plotLeft)) \(px(plotTop))V\(px(plotBottom))H\(px(plotRight))\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.6\"/>\n"
    if !x.title.isEmpty { s += "<text x=\"\(px((plotLeft + plotRight) / 2))\" y=\"\(px(height - 8))\" text-anchor=\"middle\">\(escapeHTML(x.title))</text>\n" }
    if !y.title.isEmpty {
      s += "<text transform=\"translate(14 \(px((plotTop + plotBottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(escapeHTML(y.title))</text>\n"
    }
    // Data, back to front: bands, rules, lines, intervals, markers.
    for band in bands {
      let upper = band.points.compactMap { point($0.x, $0.high) }, lower = band.points.reversed().compactMap { point($0.x, $0.low) }
      guard upper.count > 1 else { continue }
      s += "<path d=\"\(svgPath((upper + lower).map { Optional($0) }))Z\" fill=\"\(band.color.rawValue)\" fill-opacity=\"\(band.opacity)\" stroke=\"none\"/>\n"
    }
    for rule in rules { s += render(rule) }
    for line in lines {
      let d = svgPath(line.points.map { $0.flatMap { point($0.x, $0.y) } })
      guard !d.isEmpty else { continue }
      s += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(line.color.rawValue)\" stroke-width=\"\(px(line.width))\""
      if line.opacity < 1 { s += " stroke-opacity=\"\(line.opacity)\"" }
      if line.dashed { s += " stroke-dasharray=\"5 4\"" }
      s += " stroke-linejoin=\"round\"/>\n"
    }
    for bar in intervals { s += render(bar, plotLeft: plotLeft, plotRight: plotRight) }
    for m in markers {
      guard let (cx, cy) = point(m.x, m.y) else { continue }
      s += "<circle cx=\"\(px(cx))\" cy=\"\(px(cy))\" r=\"\(px(m.radius))\" fill=\"\(m.color.rawValue)\"><title>\(escapeHTML(m.label))</title></circle>\n"
    }
    s += renderLegend(plotLeft: plotLeft)
    return s + "</svg>\n"
  }

  private func render(_ rule: PlotRule) -> String {
    let from: (Double, Double)?, to: (Double, Double)?
    switch rule.orientation {
    case .vertical: (from, to) = (point(rule.value, y.scale.domain.lowerBound), point(rule.value, y.scale.domain.upperBound))
    case .horizontal: (from, to) = (point(x.scale.domain.lowerBound, rule.value), point(x.scale.domain.upperBound, rule.value))
    }
    guard let a = from, let b = to else { return "" }
    var s = "<path d=\"\(svgPath([a, b]))\" stroke=\"currentColor\" stroke-opacity=\"0.7\" stroke-dasharray=\"2 3\"/>\n"
    // A vertical rule is labelled at its top, a horizontal one under its right end (curves
    // that reach a target run above it).
    let (lx, ly, anchor) = rule.orientation == .vertical ? (a.0 + 4, b.1 + 12, "start") : (b.0 - 4, a.1 + 15, "end")
    s += "<text x=\"\(px(lx))\" y=\"\(px(ly))\" text-anchor=\"\(anchor)\" fill-opacity=\"0.8\">\(escapeHTML(rule.label))</text>\n"
    return s
  }

  private func render(_ bar: PlotInterval, plotLeft: Double, plotRight: Double) -> String {
    guard let (_, cy) = point(x.scale.domain.lowerBound, bar.y) else { return "" }
    // An open end runs to the plot's edge and gets an arrow-like cap instead of a tick.
    let lo = bar.low.flatMap { x.scale.map($0, from: plotLeft, to: plotRight) }.map { max($0, plotLeft) } ?? plotLeft
    let hi = bar.high.flatMap { x.scale.map($0, from: plotLeft, to: plotRight) }.map { min($0, plotRight) } ?? plotRight
    var d = "M\(px(lo)) \(px(cy))H\(px(hi))"
    d += bar.low == nil ? "M\(px(lo + 6)) \(px(cy - 5))L\(px(lo)) \(px(cy))L\(px(lo + 6)) \(px(cy + 5))" : "M\(px(lo)) \(px(cy - 6))V\(px(cy + 6))"
    d += bar.high == nil ? "M\(px(hi - 6)) \(px(cy - 5))L\(px(hi)) \(px(cy))L\(px(hi - 6)) \(px(cy + 5))" : "M\(px(hi)) \(px(cy - 6))V\(px(cy + 6))"
    return "<path d=\"\(d)\" fill=\"none\" stroke=\"\(bar.color.rawValue)\" stroke-width=\"2\"/>\n"
  }

  private func renderLegend(plotLeft: Double) -> String {
    guard !legend.isEmpty else { return "" }
    var s = "<g class=\"legend\">\n"
    var x = plotLeft
    for entry in legend {
      if entry.band {
        s += "<rect x=\"\(px(x))\" y=\"10\" width=\"18\" height=\"10\" fill=\"\(entry.color.rawValue)\" fill-opacity=\"0.3\"/>\n"
      } else {
        s += "<path d=\"M\(px(x)) 15H\(px(x + 18))\" stroke=\"\(entry.color.rawValue)\" stroke-width=\"2.5\"\(entry.dashed ? " stroke-dasharray=\"4 3\"" : "")/>\n"
      }
      s += "<text x=\"\(px(x + 23))\" y=\"19\">\(escapeHTML(entry.label))</text>\n"
      x += 23 + Double(entry.label.count) * 6.6 + 16
    }
    return s + "</g>\n"
  }
}

/// SVG path data through `points`: "M x y L x y ...", starting a new subpath after each nil.
func svgPath(_ points: [(Double, Double)?]) -> String {
  var d = ""
  var pen = false
  for p in points {
    guard let (x, y) = p else {
      pen = false
      continue
    }
    d += (pen ? "L" : "M") + px(x) + " " + px(y)
    pen = true
  }
  return d
}
