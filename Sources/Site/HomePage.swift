// The home page (what this is, both taxonomies side by side, the cross-walk matrix, the
// measured speedups) and the list of all techniques.
import Atlas
import Foundation

extension Pages {
  static func home(_ data: SiteData) -> Page {
    let path = SitePath.home
    let l = Links(from: path)
    let titles = data.surveys.map { "*\(escapeMarkdown($0.title))* (\(l.link($0.short, SitePath.survey($0.id))))" }
    var md = "# Hasten\n\n"
    md += "An executable atlas of the techniques that make deep-learning **training** cheaper. It encodes the taxonomies of two surveys, "
    md += titles.joined(separator: " and ") + ", "
    md += "classifies each of its \(data.rows.count) techniques in both, links \(data.papers.count) papers, "
    md += "and measures reference implementations against a tuned baseline as time to a target quality.\n\n"
    md += "Browse \(l.link("all techniques", SitePath.techniques)), the \(l.link("papers", SitePath.papers)) "
    md += "or the \(l.link("cross-walk", SitePath.crosswalk)) of the two taxonomies, or search (press /).\n\n"
    md += "## Two taxonomies\n\nCounts include sub-categories. A node or placement marked *curated* is ours, not the survey's words; each node's page says which.\n"
    var blocks: [Block] = [.markdown(md)]
    blocks.append(
      .columns(
        data.trees.map { tree in
          let heading = "### \(l.link(tree.short, SitePath.survey(tree.survey)))\n\n*\(escapeMarkdown(tree.title))*\n\n"
          return [.markdown(heading + treeMarkdown(tree.axes, links: l))]
        }))
    blocks.append(
      .markdown(
        "## Cross-walk\n\nTechniques counted in both surveys at once: \(data.surveys.first?.short ?? "Shen") (rows) against "
          + "the first axis of \(data.surveys.dropFirst().first?.short ?? "Bartoldson") (columns). A technique can sit in several cells; "
          + "each count links to its list. The \(l.link("cross-walk page", SitePath.crosswalk)) breaks the rows into sub-categories and adds the other axes."))
    blocks.append(crosswalkTable(data.crosswalk, links: l))
    blocks += measuredOverview(data, links: l)
    return Page(path: path, title: "Hasten: an atlas of efficient deep-learning training", blocks: blocks, files: overviewFiles(data))
  }

  /// The nested list of a taxonomy tree, with counts.
  static func treeMarkdown(_ nodes: [TreeNode], links: Links, indent: String = "") -> String {
    nodes.map { n in
      "\(indent)- \(links.link(n.name, SitePath.node(n.id))) (\(n.techniqueCount))\n"
        + treeMarkdown(n.children, links: links, indent: indent + "  ")
    }.joined()
  }

  /// A cross-walk as a table of counts linking to the cell lists.
  static func crosswalkTable(_ c: Crosswalk, links: Links) -> Block {
    let header = [""] + c.columns.map { links.link($0.name, SitePath.node($0.id)) } + ["all"]
    let rows = c.rows.enumerated().map { i, row -> [Cell] in
      let counts = c.columns.enumerated().map { j, column -> Cell in
        let n = c.techniques[i][j].count
        return n == 0 ? "·" : Cell("[\(n)](\(links.url(SitePath.cell(row.id, column.id))))")
      }
      return [Cell(links.link(row.name, SitePath.node(row.id)))] + counts + [Cell(String(row.total))]
    }
    let totals: [Cell] = ["all"] + c.columns.map { Cell(String($0.total)) } + [""]
    return .table(header: header, rows: rows + [totals], numeric: Set(1...(c.columns.count + 1)))
  }

  static let overviewChart = SitePath.plot("speedups")

  /// The speedup chart and table of every measured technique.
  static func measuredOverview(_ data: SiteData, links l: Links) -> [Block] {
    let measured = data.rows.filter { data.measurement($0.id) != nil }
    var md = "## Measured speedups\n\n"
    guard !measured.isEmpty else {
      return [.markdown(md + "Nothing is measured yet. `hasten run <slug>` measures a technique that has an example; `hasten site` then shows it here.")]
    }
    md += "Wall-clock speedup of each measured technique over its tuned baseline, as time to the workload's target quality "
    md += "(baseline / technique: above 1 is faster), with the 95% bootstrap interval over seeds. "
    md += "Each technique's page shows the curves, the other currencies and the runs."
    let chart = overviewChartValue(data)
    var rows: [[Cell]] = []
    for r in measured {
      guard let set = data.measurement(r.id) else { continue }
      let w = set.summary?.wallClock
      rows.append([
        Cell(l.link(r.name, SitePath.technique(r.id), fragment: "claims-and-measurements")), Cell(escapeMarkdown(set.workload)),
        Cell(escapeMarkdown(set.profile)), Cell(w.map(speedupText) ?? "–"), .badge(verdictBadge(set)),
      ])
    }
    return [
      .markdown(md), .figure(svg: chart.svg, file: l.file(overviewChart), caption: chart.summary),
      .table(header: ["Technique", "Workload", "Profile", "Wall-clock speedup [95% interval]", "Verdict"], rows: rows),
    ]
  }

  static func overviewChartValue(_ data: SiteData) -> PlotChart {
    let rows = data.rows.compactMap { r -> SpeedupRow? in
      guard let w = data.measurement(r.id)?.summary?.wallClock else { return nil }
      return SpeedupRow(label: r.name, ratio: w.ratio, low: w.low, high: w.high)
    }
    return Charts.intervals(
      rows, title: "Measured wall-clock speedups",
      summary: "Wall-clock speedup of each measured technique over its baseline (above 1 is faster), dot at the estimate, bar over the 95% interval, log scale.")
  }

  static func overviewFiles(_ data: SiteData) -> [(path: String, contents: String)] {
    data.rows.contains { data.measurement($0.id) != nil } ? [(overviewChart, overviewChartValue(data).svg)] : []
  }

  /// Every technique, with both classifications and the measured verdict.
  static func techniqueIndex(_ data: SiteData) -> Page {
    let path = SitePath.techniques
    let l = Links(from: path)
    return Page(
      path: path, title: "Techniques · Hasten",
      blocks: [
        .markdown(
          "\(l.link("Hasten", SitePath.home)) / techniques\n\n# Techniques\n\n\(data.rows.count) techniques, each classified in both surveys. "
            + "Bartoldson's classification reads component / action / mechanism."),
        techniqueTable(data.rows, data: data, links: l, summaries: false),
      ])
  }

  /// A table of techniques: name, (summary), both classifications, what it saves, the verdict.
  static func techniqueTable(_ rows: [TechniqueRow], data: SiteData, links l: Links, summaries: Bool) -> Block {
    var header = ["Technique"]
    if summaries { header.append("Summary") }
    header += ["Shen et al. 2023", "Bartoldson et al. 2023", "Saves", "Measured"]
    let cells = rows.map { r -> [Cell] in
      var row = [Cell(l.link(r.name, SitePath.technique(r.id)))]
      if summaries { row.append(Cell(escapeMarkdown(r.summary))) }
      let bartoldson = [r.component, r.action, r.mechanism].map { $0.map(escapeMarkdown).joined(separator: ", ") }.joined(separator: " / ")
      row += [Cell(r.shen.map(escapeMarkdown).joined(separator: ", ")), Cell(bartoldson), Cell(r.saves.map(escapeMarkdown).joined(separator: ", "))]
      row.append(data.measurement(r.id).map { .badge(verdictBadge($0)) } ?? (r.example == nil ? "" : "not yet"))
      return row
    }
    return .table(header: header, rows: cells)
  }
}
