// Taxonomy-node and paper cards as terminal text (the technique card is CardText.swift).
import Atlas
import Foundation

struct NodeCardText {
  let card: NodeCard
  init(_ card: NodeCard) { self.card = card }

  func render() -> String {
    let n = card.node
    var out = "\(Style.bold(n.name)) (\(n.id))\n\(card.surveyShort): \(card.path.joined(separator: " > "))\n"
    out += "Provenance: \(n.provenance.rawValue)"
    if let source = n.source { out += " (source: \(source))" }
    out += "\n"
    if let rationale = n.rationale { out += wrap("Why: \(rationale)", indent: 0) }
    out += "\n" + wrap(n.description, indent: 2)
    if !card.children.isEmpty {
      out += "\nSub-categories\n"
      for c in card.children { out += "  \(c.name) (\(c.id)): \(c.techniqueCount) techniques\n" }
    }
    out += "\nTechniques (\(card.techniques.count))\n"
    for t in card.techniques {
      let via = t.viaNode == n.id ? "" : Style.dim("  via \(t.viaNode)")
      out += "  \(t.id)\(via)\n" + wrap(t.summary, indent: 4)
    }
    return out
  }
}

struct PaperCardText {
  let card: PaperCard
  init(_ card: PaperCard) { self.card = card }

  func render() -> String {
    let p = card.paper
    var out = "\(Style.bold(p.title)) {\(p.id)}\n\(p.authors.joined(separator: ", "))\n\(p.venue), \(p.year)\n"
    let ids = [p.arxiv.map { "arXiv:\($0)" }, p.doi.map { "doi:\($0)" }, p.url].compactMap { $0 }
    if !ids.isEmpty { out += ids.joined(separator: "  ") + "\n" }
    out += "Record checked against a public source: \(p.verified ? "yes" : "no")\n"
    if !card.citedBy.isEmpty {
      let names = card.citedBy.map { "\($0.surveyId) (confidence \($0.confidence))" }
      out += "Believed cited by: \(names.joined(separator: ", "))\n"
    }
    if !card.techniques.isEmpty {
      out += "\nTechniques\n"
      for t in card.techniques { out += "  [\(t.role)] \(t.techniqueId): \(t.name)\n" }
    }
    if !card.claims.isEmpty {
      out += "\nLiterature claims from this paper\n"
      for c in card.claims { out += "  \(c.techniqueId): \(c.displayValue) \(c.unit), \(c.metric)\n" }
    }
    out += "\nBibTeX\n\(card.bibtex)\n"
    return out
  }
}
