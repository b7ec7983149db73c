// The bibliography: a list of every paper, and one page per paper with its metadata, whether
// the metadata was checked against the source, the techniques that cite it, the claims quoted
// from it, the surveys believed to cite it, and its BibTeX.
import Atlas
import Foundation

extension Pages {
  static func paperIndex(_ data: SiteData) -> Page {
    let path = SitePath.papers
    let l = Links(from: path)
    let verified = data.papers.filter(\.verified).count
    let names = Dictionary(uniqueKeysWithValues: data.rows.map { ($0.id, $0.name) })
    return Page(
      path: path, title: "Papers · Hasten",
      blocks: [
        .markdown(
          "\(l.link("Hasten", SitePath.home)) / papers\n\n# Papers\n\n\(data.papers.count) papers, newest first; "
            + "the metadata of \(verified) was checked against the paper itself."),
        .table(
          header: ["Year", "Paper", "Techniques", "Metadata"],
          rows: data.papers.map { p in
            [
              Cell(String(p.year)), Cell("\(l.link(p.title, SitePath.paper(p.id))). \(escapeMarkdown(authorList(p.authors)))"),
              Cell(p.techniques.map { l.link(names[$0] ?? $0, SitePath.technique($0)) }.joined(separator: ", ")),
              .badge(verifiedBadge(p.verified)),
            ]
          }),
      ])
  }

  static func paper(_ card: PaperView, data: SiteData) -> Page {
    let p = card.paper
    let path = SitePath.paper(p.id)
    let l = Links(from: path)
    var md = "\(l.link("Hasten", SitePath.home)) / \(l.link("papers", SitePath.papers))\n\n# \(escapeMarkdown(p.title))\n"
    var blocks: [Block] = [.markdown(md), .badges([verifiedBadge(p.verified)])]
    md = "\(escapeMarkdown(p.authors.joined(separator: ", "))) (\(p.year)). \(escapeMarkdown(p.venue)).\n\n"
    var ids: [String] = []
    if let arxiv = p.arxiv { ids.append("[arXiv:\(escapeMarkdown(arxiv))](https://arxiv.org/abs/\(urlPart(arxiv)))") }
    if let doi = p.doi { ids.append("[doi:\(escapeMarkdown(doi))](https://doi.org/\(urlPart(doi)))") }
    if let url = p.url, url.hasPrefix("https://") || url.hasPrefix("http://"), p.arxiv == nil || !url.contains("arxiv.org") {
      ids.append("<\(url.filter { !"<> ".contains($0) })>")
    }
    if !ids.isEmpty { md += ids.joined(separator: " · ") + "\n\n" }
    md += p.verified ? "The metadata was checked against the paper.\n\n" : "The metadata has not been checked against the paper yet.\n\n"
    if let survey = data.surveys.first(where: { $0.paperId == p.id }) {
      md += "This is a survey the atlas is built on: see \(l.link(survey.short, SitePath.survey(survey.id))).\n\n"
    }
    md += "## Techniques\n\n"
    md += card.techniques.isEmpty ? "No technique cites it.\n" : card.techniques.map { "- \(escapeMarkdown($0.role)): \(l.link($0.name, SitePath.technique($0.techniqueId)))\n" }.joined()
    if !card.citedBy.isEmpty {
      let confidence = ["H": "high", "M": "medium", "L": "low"]
      md += "\n## Cited by the surveys\n\nHow sure we are that each survey cites it:\n\n"
      md += card.citedBy.map { c in
        let name = data.surveys.first { $0.id == c.surveyId }.map { l.link($0.short, SitePath.survey($0.id)) } ?? escapeMarkdown(c.surveyId)
        return "- \(name): \(confidence[c.confidence] ?? escapeMarkdown(c.confidence)) confidence\n"
      }.joined()
    }
    blocks.append(.markdown(md))
    if !card.claims.isEmpty {
      let names = Dictionary(uniqueKeysWithValues: data.rows.map { ($0.id, $0.name) })
      blocks.append(.markdown("## Claims quoted from it\n\nIn our words, as recorded on each technique's card."))
      blocks.append(
        .table(
          header: ["Technique", "Claim", "Setting"],
          rows: card.claims.map { c in
            [
              Cell(l.link(names[c.techniqueId] ?? c.techniqueId, SitePath.technique(c.techniqueId))),
              Cell("**\(escapeMarkdown(c.displayValue)) \(escapeMarkdown(c.unit))** \(escapeMarkdown(c.metric))"), Cell(escapeMarkdown(c.setting)),
            ]
          }))
    }
    let longest = card.bibtex.split(whereSeparator: { $0 != "`" }).map(\.count).max() ?? 0
    let fence = String(repeating: "`", count: max(3, longest + 1))
    blocks.append(.markdown("## BibTeX\n\n\(fence)bibtex\n\(card.bibtex)\n\(fence)"))
    return Page(path: path, title: "\(p.title) · Hasten", blocks: blocks)
  }
}
