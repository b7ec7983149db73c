// `hasten show SLUG`: a technique's full card.
import ArgumentParser
import Atlas
import Foundation

extension Hasten {
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a technique's card: both classifications, papers, claims.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "A technique's slug, name or alias.")
    var slug: String

    func run() throws {
      let atlas = try options.openAtlas()
      let names = try atlas.knownNames()
      guard let id = names[slug.lowercased()], let card = try atlas.card(id) else {
        let close = suggestions(for: slug, in: Array(names.keys))
        let ids = close.compactMap { names[$0] }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let hint = ids.isEmpty ? " See `hasten list`." : " Did you mean \(ids.map { "'\($0)'" }.joined(separator: " or "))?"
        throw usageError("No technique '\(slug)'.\(hint)")
      }
      if options.json { return try printJSON(card) }
      print(CardText(card).render(), terminator: "")
    }
  }
}
