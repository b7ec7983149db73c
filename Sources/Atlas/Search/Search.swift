// Full-text search over techniques, papers and taxonomy nodes: `hasten search` and the CLI's
// "did you mean". Plain words are matched as prefixes of every word ("seq len warm" finds
// sequence-length warmup); a query that uses FTS5 syntax (quotes, AND/OR/NOT, NEAR, `*`,
// parentheses, `column:`) is passed through after SQLite has validated it. Ranking is bm25 with
// names weighted above aliases, summaries and bodies.
import Foundation
import GRDB

/// One search result.
public struct SearchHit: Codable, Sendable, Equatable {
  public var kind: SearchKind
  public var id: String
  public var name: String
  /// A short extract around the matches, the matched words wrapped in the highlight markers.
  public var snippet: String
  /// bm25 relevance, larger is better (SQLite's bm25 negated).
  public var score: Double
}

/// What a search returned, and how the query was read.
public struct SearchResult: Codable, Sendable {
  public var query: String
  /// The FTS5 pattern actually run.
  public var pattern: String
  /// True when no row matched every word, so rows matching any word are shown instead.
  public var relaxed: Bool
  public var hits: [SearchHit]
}

/// A query SQLite cannot run, with the reason in words.
public struct SearchQueryError: Error, CustomStringConvertible, Equatable {
  public var query: String
  public var reason: String
  public var description: String {
    "cannot search for \(query.debugDescription): \(reason). Plain words always work; FTS5 syntax: "
      + "\"a phrase\", prefix*, AND, OR, NOT, NEAR(a b), name:word"
  }
}

extension AtlasDatabase {
  /// The best `limit` hits for `query`, optionally only of some kinds. Matches are wrapped in
  /// `highlight` (e.g. ANSI bold on a terminal).
  public func search(
    _ query: String, kinds: Set<SearchKind> = Set(SearchKind.allCases), limit: Int = 20,
    highlight: (open: String, close: String) = ("[", "]")
  ) throws -> SearchResult {
    let text = query.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty else { throw SearchQueryError(query: query, reason: "the query is empty") }
    return try reader.read { db in
      func run(_ pattern: FTS5Pattern) throws -> [SearchHit] {
        let placeholders = kinds.map { _ in "?" }.joined(separator: ", ")
        // bm25 weights follow the column order: kind, id (unindexed), name, aliases, summary, body.
        // Techniques are what the atlas is about, so they weigh double: a technique that matches
        // as well as the paper introducing it is listed first.
        let sql = """
          SELECT kind, id, name, snippet(searchIndex, -1, ?, ?, '…', 14) AS snippet,
                 -bm25(searchIndex, 0, 0, 10.0, 6.0, 3.0, 1.0)
                   * CASE kind WHEN 'technique' THEN 2.0 WHEN 'node' THEN 0.8 ELSE 1.0 END AS score
          FROM searchIndex WHERE searchIndex MATCH ? AND kind IN (\(placeholders))
          ORDER BY score DESC, kind, id LIMIT ?
          """
        var arguments: StatementArguments = [highlight.open, highlight.close, pattern]
        arguments += StatementArguments(kinds.map(\.rawValue).sorted())
        arguments += [limit]
        let hits = try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
          SearchHit(
            kind: SearchKind(rawValue: row["kind"]) ?? .technique, id: row["id"], name: row["name"],
            snippet: (row["snippet"] as String).replacingOccurrences(of: "\n", with: " "), score: row["score"])
        }
        // Someone who types a thing's exact name or slug wants that thing first, however many
        // variants mention it more often ("mixup" before "manifold-mixup").
        let wanted = text.lowercased()
        let exact = hits.filter { $0.id == wanted || $0.name.lowercased() == wanted }
        return exact + hits.filter { $0.id != wanted && $0.name.lowercased() != wanted }
      }

      if Self.usesSyntax(text) {
        let pattern: FTS5Pattern
        do {
          pattern = try db.makeFTS5Pattern(rawPattern: text, forTable: "searchIndex")
        } catch let error as DatabaseError {
          throw SearchQueryError(query: query, reason: Self.explain(text, sqlite: error.message ?? "invalid query"))
        }
        return SearchResult(query: query, pattern: pattern.rawPattern, relaxed: false, hits: try run(pattern))
      }
      guard let all = FTS5Pattern(matchingAllPrefixesIn: text) else {
        throw SearchQueryError(query: query, reason: "it has no words to search for")
      }
      let hits = try run(all)
      // Several words and nothing has all of them: show what has any, and say so.
      if hits.isEmpty, let anyWord = Self.anyPrefixPattern(all) {
        return SearchResult(query: query, pattern: anyWord.rawPattern, relaxed: true, hits: try run(anyWord))
      }
      return SearchResult(query: query, pattern: all.rawPattern, relaxed: false, hits: hits)
    }
  }

  /// Whether the query is written in FTS5 syntax rather than plain words.
  static func usesSyntax(_ text: String) -> Bool {
    if text.contains(where: { "\"*()^:".contains($0) }) { return true }
    let operators: Set<Substring> = ["AND", "OR", "NOT", "NEAR"]
    return text.split(whereSeparator: \.isWhitespace).contains { operators.contains($0) || $0.hasPrefix("NEAR(") }
  }

  /// "a* OR b*" from "a* b*": any of the words, each as a prefix; nil for a single word.
  static func anyPrefixPattern(_ all: FTS5Pattern) -> FTS5Pattern? {
    let terms = all.rawPattern.split(separator: " ")
    guard terms.count > 1 else { return nil }
    return try? FTS5Pattern(rawPattern: terms.joined(separator: " OR "))
  }

  /// A reason a person can act on, for the usual mistakes; SQLite's own message otherwise.
  static func explain(_ text: String, sqlite: String) -> String {
    if text.filter({ $0 == "\"" }).count % 2 == 1 { return "a double quote is not closed" }
    let words = text.split(whereSeparator: \.isWhitespace)
    let operators: Set<Substring> = ["AND", "OR", "NOT"]
    if let first = words.first, let last = words.last, operators.contains(first) || operators.contains(last) {
      return "AND, OR and NOT need a term on each side (write them in lower case to search for the words)"
    }
    if text.filter({ $0 == "(" }).count != text.filter({ $0 == ")" }).count { return "the parentheses do not balance" }
    return "SQLite says: \(sqlite)"
  }
}
