// The SVG plot code: scales map data onto pixels, ticks land on 1-2-5 steps with clean labels,
// paths break at missing points, and a chart's text is escaped.
import Foundation
import Testing

@testable import Site

@Suite struct PlotScaleTests {
  @Test func linearScaleMapsEndsAndMiddle() {
    let s = PlotScale.linear(0...10)
    #expect(s.map(0, from: 100, to: 300) == 100)
    #expect(s.map(10, from: 100, to: 300) == 300)
    #expect(s.map(2.5, from: 100, to: 300) == 150)
    // y axes run upwards: the lower end maps to the larger pixel value.
    #expect(s.map(10, from: 300, to: 100) == 100)
    #expect(s.map(.nan, from: 0, to: 1) == nil)
  }

  @Test func logScaleMapsDecadesEvenly() {
    let s = PlotScale.log(0.1...10)
    #expect(s.map(1, from: 0, to: 200) == 100)
    #expect(abs(s.map(10, from: 0, to: 200)! - 200) < 1e-9)
    #expect(s.map(0, from: 0, to: 200) == nil)
    #expect(s.map(-1, from: 0, to: 200) == nil)
  }

  @Test func linearTicksAreNiceSteps() {
    #expect(PlotScale.linear(0...1).ticks(count: 5).map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    #expect(PlotScale.linear(0...97).ticks(count: 5).map(\.value) == [0, 20, 40, 60, 80])
    #expect(PlotScale.linear(0.1...0.7).ticks(count: 6).map(\.label) == ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
    #expect(PlotScale.linear(-1...1).ticks(count: 4).map(\.label) == ["-1.0", "-0.5", "0.0", "0.5", "1.0"])
    #expect(PlotScale.linear(0...4e8).ticks(count: 4).map(\.label) == ["0", "100M", "200M", "300M", "400M"])
  }

  @Test func logTicksUseOneTwoFiveOrPowersOfTen() {
    #expect(PlotScale.log(0.5...2).ticks().map(\.label) == ["0.5", "1", "2"])
    #expect(PlotScale.log(0.2...5).ticks().map(\.value) == [0.2, 0.5, 1, 2, 5])
    #expect(PlotScale.log(1e-3...1e3).ticks().map(\.label) == ["0.001", "0.01", "0.1", "1", "10", "100", "1000"])
  }

  @Test func niceDomainsCoverTheData() {
    #expect(PlotScale.nice([0.13, 0.98]) == .linear(0...1))
    let flat = PlotScale.nice([3, 3]).domain
    #expect(flat.lowerBound < 3 && flat.upperBound > 3)
    #expect(PlotScale.nice([0.71, 1.17], log: true, include: [1]) == .log(0.5...2))
    #expect(PlotScale.nice([0.11, 2.3], log: true) == .log(0.1...5))
    // Values a log scale cannot show are ignored rather than breaking the domain.
    #expect(PlotScale.nice([0, 0.3, 4], log: true) == .log(0.2...5))
  }

  @Test func niceStepChoosesOneTwoOrFive() {
    #expect(niceStep(1, count: 5) == 0.2)
    #expect(niceStep(100, count: 10) == 10)
    #expect(niceStep(30, count: 10) == 2)
    #expect(niceStep(40, count: 10) == 5)
    #expect(niceStep(0, count: 5) == 0)
  }

  @Test func pixelNumbersAreShortAndStable() {
    #expect(px(12) == "12")
    #expect(px(12.04) == "12")
    #expect(px(12.25) == "12.3")
    #expect(px(-0.01) == "0")
    #expect(px(-0.35) == "-0.4" && px(-12.3) == "-12.3" && px(0.3) == "0.3" && px(1234.56) == "1234.6")
    #expect(formatTick(-0.0, step: 0.1) == "0.0")
  }
}

@Suite struct PlotChartTests {
  @Test func pathsBreakAtMissingPoints() {
    #expect(svgPath([(0, 100), (50, 50.25), nil, (60, 40), (70, 30)]) == "M0 100L50 50.3M60 40L70 30")
    #expect(svgPath([nil, nil]) == "")
  }

  @Test func chartPlacesDataInsideThePlotArea() throws {
    var chart = PlotChart(
      title: "t", summary: "s", x: PlotAxis(scale: .linear(0...10), title: "x"), y: PlotAxis(scale: .linear(0...1), title: "y"))
    chart.lines = [PlotLine(points: [(0, 0), (10, 1)], color: .baseline)]
    let svg = chart.svg
    let (x0, y0) = try #require(chart.point(0, 0))
    let (x1, y1) = try #require(chart.point(10, 1))
    #expect(x0 == chart.left && x1 == chart.width - chart.right)
    #expect(y0 == chart.height - chart.bottom && y1 == chart.top)
    #expect(svg.contains("d=\"M\(px(x0)) \(px(y0))L\(px(x1)) \(px(y1))\""))
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.hasSuffix("</svg>\n"))
  }

  @Test func chartTextIsEscaped() {
    var chart = PlotChart(
      title: "<script>alert(1)</script>", summary: "a & b",
      x: PlotAxis(scale: .log(0.5...2), title: "speedup <x>"), y: PlotAxis(scale: .linear(0...1), title: "q"))
    chart.legend = [PlotLegendEntry(label: "</svg><b>", color: .technique)]
    chart.markers = [PlotMarker(x: 1, y: 0.5, color: .faster, label: "\"quoted\"")]
    chart.rules = [PlotRule(orientation: .vertical, value: 1, label: "1× <same>")]
    let svg = chart.svg
    #expect(!svg.contains("<script"))
    #expect(!svg.contains("<b>"))
    #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(svg.contains("speedup &lt;x&gt;"))
    #expect(svg.contains("&quot;quoted&quot;"))
    #expect(svg.components(separatedBy: "</svg>").count == 2)
  }

  @Test func openIntervalsRunToTheEdge() throws {
    var chart = PlotChart(
      title: "t", summary: "s", x: PlotAxis(scale: .log(0.5...2), title: ""),
      y: PlotAxis(scale: .linear(-0.5...0.5), title: "", ticks: [Tick(value: 0, label: "a")]))
    chart.intervals = [PlotInterval(y: 0, low: 0.8, high: nil, color: .neutral)]
    let svg = chart.svg
    let right = px(chart.width - chart.right)
    #expect(svg.contains("H\(right)"))
  }
}
