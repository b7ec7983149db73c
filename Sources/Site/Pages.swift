// The pages of the site, written first as Markdown (readable on a code host as they are) and
// then rendered to HTML inside the layout. Every value from the database is escaped.
import Atlas
import Foundation

/// One generated page: its path under the output folder (without extension) and its Markdown.
public struct Page: Sendable {
  public var path: String
  public var title: String
  public var blocks: [Block]

  /// The page as one Markdown document.
  public var markdown: String { blocks.map(\.markdown).joined() }
  /// The page body as HTML.
  public var html: String { blocks.map(\.html).joined() }
}

enum Pages {
  /// The home page: what this is and every technique, grouped by Shen's perspective.
  static func home(_ rows: [TechniqueRow], surveys: [Survey]) -> Page {
    var md = "# Hasten\n\n"
    md += "An executable atlas of the techniques that make deep-learning training cheaper, organised by two surveys: "
    md += surveys.map { "*\(escapeMarkdown($0.title))* (\(escapeMarkdown($0.short)))" }.joined(separator: " and ") + ".\n\n"
    md += "Every technique is classified in both surveys. Placements marked *curated* are ours, not the surveys' words.\n\n"
    md += "## Techniques\n"
    let table = rows.map { r -> [String] in
      let bartoldson = [r.component, r.action, r.mechanism].map { $0.map(escapeMarkdown).joined(separator: ", ") }.joined(separator: " / ")
      return [
        "[\(escapeMarkdown(r.name))](techniques/\(r.id).html)", r.shen.map(escapeMarkdown).joined(separator: ", "), bartoldson,
        r.saves.joined(separator: ", "), r.example == nil ? "" : "yes",
      ]
    }
    return Page(
      path: "index", title: "Hasten",
      blocks: [
        .markdown(md),
        .table(header: ["Technique", "Shen et al. 2023", "Bartoldson et al. 2023 (component / action / mechanism)", "Saves", "Example"], rows: table),
        .markdown("\(rows.count) techniques."),
      ])
  }

  /// A technique's card.
  static func technique(_ card: TechniqueCard) -> Page {
    let t = card.technique
    var blocks: [Block] = []
    var md = "[Hasten](../index.html) / techniques\n\n# \(escapeMarkdown(t.name))\n\n*\(escapeMarkdown(t.summary))*\n\n"
    if !card.aliases.isEmpty { md += "Also known as: \(card.aliases.map(escapeMarkdown).joined(separator: ", ")).\n\n" }
    md += "**Saves:** \(t.saves.joined(separator: ", ")) · **Domains:** \(t.domains.joined(separator: ", "))\n\n## Classification"
    blocks.append(.markdown(md))
    blocks.append(
      .table(
        header: ["Survey", "Where", "Provenance", "Why"],
        rows: card.classifications.map { c in
          let survey = c.surveyId == "shen2023" ? "Shen et al. 2023" : "Bartoldson et al. 2023"
          let place = c.surveyId == "shen2023"
            ? c.path.dropFirst().map(escapeMarkdown).joined(separator: " › ") : "\(escapeMarkdown(c.axisId)): \(escapeMarkdown(c.nodeName))"
          return [survey, place, c.provenance.rawValue, escapeMarkdown(c.rationale)]
        }))

    // The description is Markdown written in taxonomy/; cmark's safe mode strips raw HTML.
    md = "## What it does\n\n\(t.description)\n\n## Papers\n\n"
    for p in card.papers {
      let ids = [p.paper.arxiv.map { "[arXiv:\($0)](https://arxiv.org/abs/\($0))" }, p.paper.doi.map { "[doi:\(escapeMarkdown($0))](https://doi.org/\($0))" }]
        .compactMap { $0 }.joined(separator: ", ")
      md += "- *\(p.role)*: \(escapeMarkdown(p.paper.authors.joined(separator: ", "))) (\(p.paper.year)). **\(escapeMarkdown(p.paper.title))**. "
      md += "\(escapeMarkdown(p.paper.venue)).\(ids.isEmpty ? "" : " \(ids).") \(p.paper.verified ? "Metadata verified." : "Metadata not yet verified.")\n"
    }
    blocks.append(.markdown(md))
    if !card.claims.isEmpty {
      blocks.append(.markdown("## Literature claims\n\nNumbers reported in the literature, in our words; not our measurements."))
      blocks.append(
        .table(
          header: ["Value", "Metric", "Setting", "Paper"],
          rows: card.claims.map { c in
            ["\(escapeMarkdown(c.displayValue)) \(escapeMarkdown(c.unit))", escapeMarkdown(c.metric), escapeMarkdown(c.setting), escapeMarkdown(c.paperId)]
          }))
    }
    if !card.relations.isEmpty {
      blocks.append(.markdown("## Relations\n\n" + card.relations.map { "- \($0.kind): [\(escapeMarkdown($0.otherId))](\($0.otherId).html)\n" }.joined()))
    }
    if !card.hyperparameters.isEmpty {
      blocks.append(.markdown("## Suggested hyperparameters"))
      blocks.append(
        .table(header: ["Name", "Value", "Why"], rows: card.hyperparameters.map { [escapeMarkdown($0.name), escapeMarkdown($0.value), escapeMarkdown($0.reason)] }))
    }
    if !card.caveats.isEmpty {
      blocks.append(.markdown("## Caveats\n\n" + card.caveats.map { "- \(escapeMarkdown($0.text))\n" }.joined()))
    }
    if let e = card.example {
      blocks.append(.markdown("## Reference implementation\n\n`\(e.path)`. Run it with `hasten run \(e.id) --quick`."))
    } else {
      blocks.append(.markdown("## Reference implementation\n\nNone yet."))
    }
    return Page(path: "techniques/\(t.id)", title: "\(t.name) · Hasten", blocks: blocks)
  }
}
