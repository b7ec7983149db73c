// A technique card as terminal text. Sections follow the card's order on the site.
import Atlas
import Foundation

struct CardText {
  let card: TechniqueCard
  init(_ card: TechniqueCard) { self.card = card }

  func render() -> String {
    let t = card.technique
    var out = "\(t.name) (\(t.id))\n\(t.summary)\n\n"
    if !card.aliases.isEmpty { out += "Also known as: \(card.aliases.joined(separator: ", "))\n" }
    out += "Saves: \(t.saves.joined(separator: ", "))    Domains: \(t.domains.joined(separator: ", "))\n"

    out += section("Classification")
    for survey in ["shen2023", "bartoldson2023"] {
      let placed = card.classifications.filter { $0.surveyId == survey }
      guard !placed.isEmpty else { continue }
      out += survey == "shen2023" ? "  Shen et al. 2023\n" : "  Bartoldson et al. 2023\n"
      for c in placed {
        let where_ = survey == "shen2023" ? c.path.dropFirst().joined(separator: " > ") : "\(c.axisId): \(c.nodeName)"
        out += "    \(where_)  [\(c.provenance.rawValue)]\n"
        out += wrap(c.rationale, indent: 6)
      }
    }

    out += section("Description")
    out += wrap(t.description, indent: 2)

    out += section("Papers")
    for p in card.papers {
      let ids = [p.paper.arxiv.map { "arXiv:\($0)" }, p.paper.doi.map { "doi:\($0)" }].compactMap { $0 }.joined(separator: ", ")
      out += "  [\(p.role)] \(authorsShort(p.paper.authors)) (\(p.paper.year)). \(p.paper.title). \(p.paper.venue)."
      out += (ids.isEmpty ? "" : " \(ids).") + (p.paper.verified ? " (verified)" : " (unverified)") + "  {\(p.paper.id)}\n"
    }

    if !card.claims.isEmpty {
      out += section("Literature claims")
      for c in card.claims {
        out += "  \(c.displayValue) \(c.unit): \(c.metric)  {\(c.paperId)}\n"
        out += wrap("Setting: \(c.setting)" + (c.source.map { " Source: \($0)." } ?? ""), indent: 4)
      }
    }
    if !card.relations.isEmpty {
      out += section("Relations")
      for kind in ["composes-with", "conflicts-with", "variant-of"] {
        let others = card.relations.filter { $0.kind == kind }.map(\.otherId)
        if !others.isEmpty { out += "  \(kind): \(others.joined(separator: ", "))\n" }
      }
    }
    if !card.hyperparameters.isEmpty {
      out += section("Suggested hyperparameters")
      for h in card.hyperparameters {
        out += "  \(h.name) = \(h.value)\n" + wrap(h.reason, indent: 4)
      }
    }
    if !card.caveats.isEmpty {
      out += section("Caveats")
      for c in card.caveats { out += wrap("- \(c.text)", indent: 2, hanging: 4) }
    }
    out += section("Example")
    if let e = card.example {
      out += "  \(e.path)\n  run it: hasten run \(e.id) --quick\n"
    } else {
      out += "  none yet\n"
    }
    if let result = card.results.first {
      out += section("Measured by Hasten (\(result.profile), \(result.date.prefix(10)), commit \(result.commit ?? "unknown"))")
      out += "  " + ResultText.header(result)
      out += ResultText.summary(result).split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  \($0)" }
        .joined(separator: "\n")
      out += "  machine: \(result.machine.cpu), \(result.machine.threads) BLAS thread(s)\n"
    }
    return out
  }

  private func section(_ title: String) -> String { "\n\(title)\n" }
}

/// "A, B and C" for up to three authors, "A et al." beyond.
func authorsShort(_ authors: [String]) -> String {
  switch authors.count {
  case 0: return "Anonymous"
  case 1: return authors[0]
  case 2, 3: return authors.dropLast().joined(separator: ", ") + " and " + authors.last!
  default: return "\(authors[0]) et al."
  }
}

/// Word-wraps text (paragraphs kept) to 96 columns with an indent.
func wrap(_ text: String, indent: Int, hanging: Int? = nil, width: Int = 96) -> String {
  let pad = String(repeating: " ", count: indent)
  let next = String(repeating: " ", count: hanging ?? indent)
  var out = ""
  for paragraph in text.components(separatedBy: "\n\n") {
    var line = pad
    var fresh = true
    for word in paragraph.split(whereSeparator: \.isWhitespace) {
      if !fresh && line.count + 1 + word.count > width {
        out += line + "\n"
        line = next
        fresh = true
      }
      line += (fresh ? "" : " ") + word
      fresh = false
    }
    out += line + "\n"
    if paragraph != text.components(separatedBy: "\n\n").last { out += "\n" }
  }
  return out
}
