// `hasten cite SLUG...`: BibTeX (or plain text) for techniques' introducing papers, or for papers
// named by key.
import ArgumentParser
import Atlas
import Foundation

extension Hasten {
  struct Cite: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "cite",
      abstract: "Print citations: a technique's introducing papers, or papers by BibTeX key.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "Technique slugs (or names, aliases) and paper keys.")
    var names: [String]

    @Option(help: "bibtex or text.")
    var format: CitationFormat = .bibtex

    enum CitationFormat: String, ExpressibleByArgument, CaseIterable { case bibtex, text }

    func run() throws {
      let atlas = try options.openAtlas()
      let techniques = try atlas.knownNames()
      let keys = Set(try atlas.paperKeys())
      var papers: [Paper] = []
      for name in names {
        let found: [Paper]
        if let id = techniques[name.lowercased()], let card = try atlas.card(id) {
          // A technique cites the papers that introduce it; if none is marked, all of its papers.
          let introducing = card.papers.filter { $0.role == "introduces" }.map(\.paper)
          found = introducing.isEmpty ? card.papers.map(\.paper) : introducing
        } else if keys.contains(name), let card = try atlas.paperCard(name) {
          found = [card.paper]
        } else {
          // Aliases suggest their technique's slug, once.
          let close = suggestions(for: name, in: Array(techniques.keys) + Array(keys))
            .map { techniques[$0] ?? $0 }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
          let hint = close.isEmpty ? " See `hasten list` and `hasten papers`." : " Did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?"
          throw usageError("No technique or paper '\(name)'.\(hint)")
        }
        for p in found where !papers.contains(where: { $0.id == p.id }) { papers.append(p) }
      }
      if options.json { return try printJSON(papers.map { ["key": $0.id, "bibtex": $0.bibtex, "text": $0.citationText] }) }
      switch format {
      case .bibtex: print(papers.map(\.bibtex).joined(separator: "\n\n"))
      case .text: for p in papers { print(p.citationText) }
      }
    }
  }
}
