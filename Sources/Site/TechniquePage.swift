// A technique's page, in the card's section order: summary, both classifications with their
// provenance, what it does, papers, literature claims beside our measurements (never mixed),
// relations, suggested hyperparameters, caveats, and the reference implementation's real source
// with line numbers and the command that runs it.
import Atlas
import Foundation

/// The site's page builders (one extension per kind of page).
enum Pages {}

extension Pages {
  static func technique(_ card: TechniqueView, data: SiteData) -> Page {
    let t = card.technique
    let path = SitePath.technique(t.id)
    let l = Links(from: path)
    var blocks: [Block] = []
    var md = "\(l.link("Hasten", SitePath.home)) / \(l.link("techniques", SitePath.techniques))\n\n# \(escapeMarkdown(t.name))\n\n"
    md += "*\(escapeMarkdown(t.summary))*\n\n"
    if !card.aliases.isEmpty { md += "Also known as: \(card.aliases.map(escapeMarkdown).joined(separator: ", ")).\n\n" }
    md += "**Saves:** \(t.saves.map(escapeMarkdown).joined(separator: ", ")) · **Domains:** \(t.domains.map(escapeMarkdown).joined(separator: ", "))"
    if let set = card.results.first, let s = set.summary {
      md += " · **Measured:** \(l.link("\(speedupText(s.wallClock)) wall clock", path, fragment: "claims-and-measurements"))"
    }
    md += "\n\n## Classification\n\nWhere each survey's taxonomy places it. *survey*: the survey places it there; *curated*: our placement, with the reason."
    blocks.append(.markdown(md))
    blocks.append(
      .table(
        header: ["Survey", "Where", "Provenance", "Why"],
        rows: card.classifications.map { c in
          let survey = data.surveys.first { $0.id == c.surveyId }
          let place = c.path.dropFirst().map(escapeMarkdown).joined(separator: " › ")
          return [
            Cell(l.link(survey?.short ?? c.surveyId, SitePath.survey(c.surveyId))),
            Cell("\(escapeMarkdown(c.path.first ?? c.axisId)): [\(place)](\(l.url(SitePath.node(c.nodeId))))"),
            .badge(provenanceBadge(c.provenance)), Cell(escapeMarkdown(c.rationale)),
          ]
        }))

    // The description is Markdown written in taxonomy/; cmark's safe mode strips raw HTML.
    blocks.append(.markdown("## What it does\n\n\(t.description)"))
    blocks.append(.markdown("## Papers"))
    blocks.append(
      .table(
        header: ["Role", "Paper", "Year", "Metadata"],
        rows: card.papers.map { p in
          [
            Cell(escapeMarkdown(p.role)), Cell("\(l.link(p.paper.title, SitePath.paper(p.paper.id))). \(escapeMarkdown(authorList(p.paper.authors)))"),
            Cell(String(p.paper.year)), .badge(verifiedBadge(p.paper.verified)),
          ]
        }))
    blocks += claimsAndMeasurements(card, data: data, links: l)
    if !card.relations.isEmpty {
      let names = Dictionary(uniqueKeysWithValues: data.rows.map { ($0.id, $0.name) })
      blocks.append(
        .markdown(
          "## Relations\n\n"
            + card.relations.map { r in
              let other = names[r.otherId].map { l.link($0, SitePath.technique(r.otherId)) } ?? escapeMarkdown(r.otherId)
              return "- \(escapeMarkdown(r.kind)): \(other)\n"
            }.joined()))
    }
    if !card.hyperparameters.isEmpty {
      blocks.append(.markdown("## Suggested hyperparameters"))
      blocks.append(
        .table(
          header: ["Name", "Value", "Why"],
          rows: card.hyperparameters.map { [Cell(escapeMarkdown($0.name)), Cell(codeSpan($0.value)), Cell(escapeMarkdown($0.reason))] }))
    }
    if !card.caveats.isEmpty {
      blocks.append(.markdown("## Caveats\n\n" + card.caveats.map { "- \(escapeMarkdown($0.text))\n" }.joined()))
    }
    if let e = card.example, let source = data.sources[e.path] {
      blocks.append(
        .markdown(
          "## Reference implementation\n\nThe example's source, as it is in the repository. Run it against its baseline "
            + "(three seeds, two budgets, about a minute; `--smoke` takes seconds, `--full` measures five seeds and four budgets):\n\n"
            + "```sh\nhasten run \(e.id) --quick\n```"))
      blocks.append(.code(source: source, caption: e.path))
    } else {
      blocks.append(
        .markdown(
          "## Reference implementation\n\nNone yet. An example is one readable file, `examples/\(t.id).swift`; "
            + "`hasten run \(t.id)` would then measure it against its baseline."))
    }
    let files = card.results.first.map { measurementFiles($0) } ?? []
    return Page(path: path, title: "\(t.name) · Hasten", blocks: blocks, files: files)
  }

  /// The literature's numbers beside our own, in two columns.
  static func claimsAndMeasurements(_ card: TechniqueView, data: SiteData, links l: Links) -> [Block] {
    var claims: [Block] = [.markdown("### In the literature\n\nNumbers reported by the papers, in our words; not our measurements.")]
    if card.claims.isEmpty {
      claims = [.markdown("### In the literature\n\nNo numbers recorded yet.")]
    } else {
      claims.append(
        .table(
          header: ["Claim", "Setting", "Paper"],
          rows: card.claims.map { c in
            [
              Cell("**\(escapeMarkdown(c.displayValue)) \(escapeMarkdown(c.unit))** \(escapeMarkdown(c.metric))"),
              Cell(escapeMarkdown(c.setting) + (c.source.map { " (\(escapeMarkdown($0)))" } ?? "")),
              Cell(l.link(c.paperId, SitePath.paper(c.paperId))),
            ]
          }))
    }
    var ours: [Block]
    if let set = card.results.first {
      ours = measurementSummary(set)
    } else if card.example != nil {
      ours = [.markdown("### Measured here\n\nNot measured yet: `hasten run \(card.technique.id) --quick` measures it.")]
    } else {
      ours = [.markdown("### Measured here\n\nNo reference implementation yet, so nothing is measured.")]
    }
    var blocks: [Block] = [.markdown("## Claims and measurements"), .columns([claims, ours])]
    if let set = card.results.first { blocks += measurementDetails(set, others: Array(card.results.dropFirst()), links: l) }
    return blocks
  }

  static func authorList(_ authors: [String]) -> String {
    switch authors.count {
    case 0: "Anonymous"
    case 1, 2: authors.joined(separator: " and ")
    case 3: "\(authors[0]), \(authors[1]) and \(authors[2])"
    default: "\(authors[0]) et al."
    }
  }

  static func provenanceBadge(_ p: Provenance) -> Badge { p == .survey ? Badge("survey", .survey) : Badge("curated", .curated) }
  static func verifiedBadge(_ verified: Bool) -> Badge { verified ? Badge("verified", .verified) : Badge("not verified", .unverified) }
}
