// The cross-walk page (Shen's sub-categories against each of Bartoldson's axes) and the
// filtered lists its counts link to: one page per non-empty cell, listing the techniques
// under both nodes at once.
import Atlas
import Foundation

extension Pages {
  static func crosswalk(_ data: SiteData) -> Page {
    let path = SitePath.crosswalk
    let l = Links(from: path)
    let shen = data.surveys.first?.short ?? "Shen et al. 2023"
    let bartoldson = data.surveys.dropFirst().first?.short ?? "Bartoldson et al. 2023"
    var blocks: [Block] = [
      .markdown(
        "\(l.link("Hasten", SitePath.home)) / cross-walk\n\n# Cross-walk\n\nEvery technique is classified in both surveys, so the two taxonomies "
          + "can be read against each other: rows are \(escapeMarkdown(shen))'s sub-categories, columns the values of one of "
          + "\(escapeMarkdown(bartoldson))'s axes. A technique can sit in several cells; each count links to its list.")
    ]
    for (axis, c) in data.leafCrosswalks {
      let name = data.nodes[axis]?.node.name ?? axis
      blocks.append(.markdown("## \(escapeMarkdown(shen)) × \(escapeMarkdown(name))"))
      blocks.append(crosswalkTable(c, links: l))
    }
    return Page(path: path, title: "Cross-walk · Hasten", blocks: blocks)
  }

  /// One page per non-empty cell of every cross-walk, each once, in a stable order.
  static func crosswalkCells(_ data: SiteData) -> [Page] {
    var pages: [String: Page] = [:]
    let rowsById = Dictionary(uniqueKeysWithValues: data.rows.map { ($0.id, $0) })
    for c in [data.crosswalk] + data.leafCrosswalks.map(\.crosswalk) {
      for (i, row) in c.rows.enumerated() {
        for (j, column) in c.columns.enumerated() where !c.techniques[i][j].isEmpty {
          let path = SitePath.cell(row.id, column.id)
          guard pages[path] == nil else { continue }
          let l = Links(from: path)
          let rows = c.techniques[i][j].compactMap { rowsById[$0] }.sorted { $0.name.lowercased() < $1.name.lowercased() }
          let rowSurvey = data.survey(ofNode: row.id)?.short ?? ""
          let columnSurvey = data.survey(ofNode: column.id)?.short ?? ""
          var md = "\(l.link("Hasten", SitePath.home)) / \(l.link("cross-walk", SitePath.crosswalk))\n\n"
          md += "# \(escapeMarkdown(row.name)) × \(escapeMarkdown(column.name))\n\n"
          md += "\(rows.count) technique\(rows.count == 1 ? "" : "s") classified under \(l.link(row.name, SitePath.node(row.id))) in "
          md += "\(escapeMarkdown(rowSurvey)) and under \(l.link(column.name, SitePath.node(column.id))) in \(escapeMarkdown(columnSurvey))."
          pages[path] = Page(
            path: path, title: "\(row.name) × \(column.name) · Hasten",
            blocks: [.markdown(md), techniqueTable(rows, data: data, links: l, summaries: true)])
        }
      }
    }
    return pages.keys.sorted().compactMap { pages[$0] }
  }
}
