// `hasten show NAME`: the card of a technique, a taxonomy node or a paper.
import ArgumentParser
import Atlas
import Foundation

extension Hasten {
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show the card of a technique, a taxonomy node or a paper.",
      discussion: "Techniques are found by slug, name or alias; nodes by id (data-sampling); papers by BibTeX key.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "A technique's slug, name or alias, a taxonomy node id, or a paper's BibTeX key.")
    var slug: String

    func run() throws {
      let atlas = try options.openAtlas()
      let names = try atlas.knownNames()
      if let id = names[slug.lowercased()], let card = try atlas.card(id) {
        if options.json { return try printJSON(card) }
        return print(CardText(card).render(), terminator: "")
      }
      if let card = try atlas.nodeCard(slug.lowercased()) {
        if options.json { return try printJSON(card) }
        return print(NodeCardText(card).render(), terminator: "")
      }
      if let card = try atlas.paperCard(slug) {
        if options.json { return try printJSON(card) }
        return print(PaperCardText(card).render(), terminator: "")
      }
      // Techniques first in the suggestions: they are what people usually look for.
      let close = suggestions(for: slug, in: Array(names.keys))
      var ids = close.compactMap { names[$0] }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
      if ids.isEmpty { ids = suggestions(for: slug, in: try atlas.nodeIds() + atlas.paperKeys()) }
      let hint = ids.isEmpty ? " See `hasten list` or `hasten search \(slug)`." : " Did you mean \(ids.map { "'\($0)'" }.joined(separator: " or "))?"
      throw usageError("No technique, node or paper '\(slug)'.\(hint)")
    }
  }
}
