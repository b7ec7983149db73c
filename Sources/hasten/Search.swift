// `hasten search QUERY`: ranked full-text hits across techniques, papers and taxonomy nodes.
import ArgumentParser
import Atlas
import Foundation

extension Hasten {
  struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "search",
      abstract: "Search techniques, papers and taxonomy nodes.",
      discussion: """
        Plain words match as prefixes, all of them (falling back to any of them when nothing \
        has all). FTS5 syntax also works: "a phrase", prefix*, AND, OR, NOT, NEAR(a b), name:word.
        """)

    @OptionGroup var options: GlobalOptions

    @Argument(help: "What to look for, e.g. sequence length warmup.")
    var words: [String]

    @Option(help: "Only hits of this kind: \(SearchKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: SearchKind?

    @Option(help: "At most this many hits.")
    var limit = 20

    func validate() throws {
      guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
      let atlas = try options.openAtlas()
      let result: SearchResult
      do {
        result = try atlas.search(
          words.joined(separator: " "), kinds: kind.map { [$0] } ?? Set(SearchKind.allCases), limit: limit,
          highlight: options.json ? ("[", "]") : Style.highlight)
      } catch let error as SearchQueryError {
        throw usageError(error.description.prefix(1).uppercased() + error.description.dropFirst())
      }
      if options.json { return try printJSON(result) }
      if result.hits.isEmpty {
        print("no hits for \(result.query.debugDescription)")
        return
      }
      if result.relaxed { print(Style.dim("(nothing has every word; showing hits for any of them)")) }
      let width = result.hits.map { $0.kind.rawValue.count }.max() ?? 0
      for hit in result.hits {
        let label = hit.kind.rawValue.padded(to: width)
        print("\(Style.dim(label))  \(Style.bold(hit.id))  \(hit.name)")
        print(String(repeating: " ", count: width + 2) + hit.snippet)
      }
    }
  }
}

extension SearchKind: ExpressibleByArgument {}
