// The survey pages (metadata, what the survey states and what is ours, the whole tree) and one
// page per taxonomy node (its place, provenance, description, sub-categories and the
// techniques classified there or below).
import Atlas
import Foundation

extension Pages {
  static func survey(_ s: Survey, tree: SurveyTree?, data: SiteData) -> Page {
    let path = SitePath.survey(s.id)
    let l = Links(from: path)
    var md = "\(l.link("Hasten", SitePath.home)) / surveys\n\n# \(escapeMarkdown(s.short))\n\n**\(escapeMarkdown(s.title))**\n\n"
    md += "\(escapeMarkdown(s.authors.joined(separator: ", "))) (\(s.year)). \(escapeMarkdown(s.venue)).\n\n"
    var ids: [String] = []
    if let arxiv = s.arxiv { ids.append("[arXiv:\(escapeMarkdown(arxiv))](https://arxiv.org/abs/\(urlPart(arxiv)))") }
    if let doi = s.doi { ids.append("[doi:\(escapeMarkdown(doi))](https://doi.org/\(urlPart(doi)))") }
    if data.paperCards[s.paperId] != nil { ids.append(l.link("BibTeX", SitePath.paper(s.paperId))) }
    if !ids.isEmpty { md += ids.joined(separator: " · ") + "\n\n" }
    let cited = data.papers.filter { $0.surveys.contains { $0.hasPrefix(s.id + ":") } }.count
    md += "## About\n\n\(s.description)\n\n## Taxonomy\n\n"
    md += "Counts are techniques classified at the node or below (\(data.rows.count) in all; each is classified in both surveys). "
    md += "\(cited) of the atlas's papers are believed to be cited by this survey.\n\n"
    md += treeMarkdown(tree?.axes ?? [], links: l)
    return Page(path: path, title: "\(s.short) · Hasten", blocks: [.markdown(md)])
  }

  static func node(_ card: NodeView, data: SiteData) -> Page {
    let n = card.node
    let path = SitePath.node(n.id)
    let l = Links(from: path)
    let survey = data.survey(ofNode: n.id)
    // The breadcrumb walks up the parents; path names come from the card.
    var ancestors: [TaxonomyNode] = []
    var cursor = n.parentId
    while let id = cursor, let parent = data.nodes[id]?.node {
      ancestors.insert(parent, at: 0)
      cursor = parent.parentId
    }
    var crumbs = [l.link("Hasten", SitePath.home), l.link(survey?.short ?? n.surveyId, SitePath.survey(n.surveyId))]
    crumbs += ancestors.map { l.link($0.name, SitePath.node($0.id)) }
    var md = crumbs.joined(separator: " / ") + "\n\n# \(escapeMarkdown(n.name))\n"
    var blocks: [Block] = [.markdown(md)]
    blocks.append(.badges([provenanceBadge(n.provenance)] + (n.parentId == nil ? [Badge("axis", .neutral)] : [])))
    md = ""
    if n.provenance == .survey, let source = n.source {
      md += "Stated by \(escapeMarkdown(survey?.short ?? n.surveyId)) (\(escapeMarkdown(source))).\n\n"
    } else if let rationale = n.rationale {
      md += "Our curation: \(escapeMarkdown(rationale))\n\n"
    }
    // The description is Markdown from taxonomy/surveys.yaml, rendered in cmark's safe mode.
    md += n.description
    blocks.append(.markdown(md))
    if !card.children.isEmpty {
      blocks.append(.markdown("## Sub-categories\n\n" + treeMarkdown(card.children, links: l)))
    }
    blocks.append(.markdown("## Techniques\n\n\(card.techniques.count) technique\(card.techniques.count == 1 ? "" : "s") classified here or below."))
    if !card.techniques.isEmpty {
      blocks.append(
        .table(
          header: ["Technique", "Summary", "Classified at", "Provenance", "Why"],
          rows: card.techniques.map { t in
            let at = t.viaNode == n.id ? "here" : l.link(data.nodes[t.viaNode]?.node.name ?? t.viaNode, SitePath.node(t.viaNode))
            return [
              Cell(l.link(t.name, SitePath.technique(t.id))), Cell(escapeMarkdown(t.summary)), Cell(at), .badge(provenanceBadge(t.provenance)),
              Cell(escapeMarkdown(t.rationale)),
            ]
          }))
    }
    return Page(path: path, title: "\(n.name) (\(survey?.short ?? n.surveyId)) · Hasten", blocks: blocks)
  }
}

/// Percent-encodes an identifier (arXiv id, DOI) for use inside an external URL.
func urlPart(_ text: String) -> String {
  text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "()"))) ?? text
}
