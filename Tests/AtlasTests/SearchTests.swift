// Full-text search on the fixture: ranking, prefixes and stemming, FTS5 syntax and its errors,
// the any-word fallback, and injection-looking input that must leave the database as it was.
import Atlas
import Foundation
import Testing

@Suite struct SearchTests {
  let atlas: AtlasDatabase
  init() throws { atlas = try AtlasDatabase.inMemory(try FixtureProject().load()) }

  func ids(_ query: String, kinds: Set<SearchKind> = Set(SearchKind.allCases)) throws -> [String] {
    try atlas.search(query, kinds: kinds).hits.map(\.id)
  }

  @Test func aTechniqueOutranksThePaperThatIntroducesIt() throws {
    // Given "mixup" in both the technique's name and its paper's title
    // When searching for it
    let hits = try atlas.search("mixup").hits
    // Then the technique comes first, the paper after it, and the match is highlighted
    #expect(hits.prefix(2).map(\.id) == ["mixup", "zhang2018mixup"])
    #expect(hits[0].kind == .technique && hits[1].kind == .paper)
    #expect(hits[0].score > hits[1].score)
    #expect(hits.contains { $0.snippet.contains("[Mixup]") || $0.snippet.contains("[mixup]") })
  }

  @Test func plainWordsMatchAsPrefixesAndStems() throws {
    #expect(try ids("mix", kinds: [.technique]) == ["mixup"])
    // "convex combinations" is in mixup's summary; "combination" reaches it through stemming.
    #expect(try ids("convex combination", kinds: [.technique]) == ["mixup"])
    // Aliases are indexed: "input mixup" is one of mixup's.
    #expect(try ids("input", kinds: [.technique]) == ["mixup"])
  }

  @Test func kindsFilterTheHits() throws {
    #expect(try ids("mixup", kinds: [.paper]) == ["zhang2018mixup"])
    #expect(try ids("regularization", kinds: [.node]).contains("dataset-regularization"))
  }

  @Test func whenNoHitHasEveryWordAnyWordIsShownAndSaid() throws {
    let result = try atlas.search("mixup zzzunknownword")
    #expect(result.relaxed)
    #expect(result.hits.first?.id == "mixup")
    #expect(try atlas.search("mixup").relaxed == false)
  }

  @Test func ftsSyntaxIsPassedThrough() throws {
    #expect(try ids("\"convex combinations\"", kinds: [.technique]) == ["mixup"])
    #expect(try ids("mixup NOT convex", kinds: [.technique]).isEmpty)
    #expect(try ids("name:cycle*", kinds: [.technique]) == ["one-cycle-lr"])
  }

  @Test(arguments: [
    ("\"unbalanced", "a double quote is not closed"),
    ("AND", "AND, OR and NOT need a term on each side"),
    ("mixup OR", "AND, OR and NOT need a term on each side"),
    ("(mixup", "the parentheses do not balance"),
    ("   ", "the query is empty"),
  ])
  func syntaxErrorsAreExplained(query: String, reason: String) throws {
    #expect {
      _ = try atlas.search(query)
    } throws: { error in
      (error as? SearchQueryError)?.reason.hasPrefix(reason) == true
    }
  }

  @Test func injectionLookingInputIsJustText() throws {
    // Given the fixture
    let before = try atlas.query("SELECT count(*) FROM technique").rows
    // When searching with SQL in the query, plain and as FTS syntax
    _ = try? atlas.search("'; DROP TABLE technique; --")
    _ = try? atlas.search("mixup\"; DROP TABLE technique; --")
    // Then nothing changed
    #expect(try atlas.query("SELECT count(*) FROM technique").rows == before)
    #expect(try atlas.techniques().count == 2)
  }
}
