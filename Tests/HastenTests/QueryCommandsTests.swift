// search, tree, crosswalk, papers, cite, show (nodes, papers) and sql, run as the binary: their
// text and JSON, their errors and exit codes. They read the real taxonomy, so they assert on
// records that stay (mixup, its paper, Shen's leaves), never on counts that grow.
import Foundation
import Testing

@Suite(.serialized) struct QueryCommandsTests {
  let db: String
  init() throws { db = try sharedDatabase.get() }

  func json(_ r: CommandResult) throws -> Any { try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) }

  @Test func searchRanksTheTechniqueFirstAndMarksMatches() throws {
    let r = try hasten(["search", "mixup", "--db", db])
    #expect(r.status == 0)
    #expect(r.stdout.hasPrefix("technique  mixup  Mixup\n"))
    #expect(r.stdout.contains("[mixup]") || r.stdout.contains("[Mixup]"))
    // Output to a pipe carries no colour codes.
    #expect(!r.stdout.contains("\u{1B}["))
  }

  @Test func searchJSONHasTheDocumentedShape() throws {
    let r = try hasten(["search", "label", "smoothing", "--kind", "technique", "--json", "--db", db])
    let result = try #require(try json(r) as? [String: Any])
    #expect(Set(result.keys) == ["query", "pattern", "relaxed", "hits"])
    let hits = try #require(result["hits"] as? [[String: Any]])
    #expect(hits.first?["id"] as? String == "label-smoothing")
    #expect(hits.allSatisfy { Set($0.keys) == ["kind", "id", "name", "snippet", "score"] && $0["kind"] as? String == "technique" })
  }

  @Test func searchSyntaxErrorsExit64WithAReason() throws {
    let quote = try hasten(["search", "\"mixup", "--db", db])
    #expect(quote.status == 64)
    #expect(quote.stderr.contains("a double quote is not closed"))
    let bare = try hasten(["search", "AND", "--db", db])
    #expect(bare.status == 64)
    #expect(bare.stderr.contains("AND, OR and NOT need a term on each side"))
  }

  @Test func sqlRefusesWritesAndTheDatabaseStays() throws {
    let drop = try hasten(["sql", "DROP TABLE technique", "--db", db])
    #expect(drop.status == 64)
    #expect(drop.stderr.contains("read-only"))
    let injected = try hasten(["search", "'; DROP TABLE technique; --", "--db", db])
    #expect(injected.status == 0 || injected.status == 64)
    let count = try hasten(["sql", "SELECT count(*) AS n FROM technique WHERE id = 'mixup'", "--json", "--db", db])
    #expect(count.status == 0)
    #expect((try json(count) as? [[String: Any]])?.first?["n"] as? Int == 1)
  }

  @Test func citePrintsBibTeXOrText() throws {
    let bib = try hasten(["cite", "mixup", "--db", db])
    #expect(bib.status == 0)
    #expect(bib.stdout.hasPrefix("@inproceedings{zhang2018mixup,\n"))
    #expect(!bib.stdout.contains("verified"))
    let text = try hasten(["cite", "zhang2018mixup", "--format", "text", "--db", db])
    #expect(text.stdout.hasPrefix("Hongyi Zhang, Moustapha Cisse, Yann N. Dauphin and David Lopez-Paz (2018). mixup"))
    let unknown = try hasten(["cite", "mixpu", "--db", db])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("Did you mean 'mixup'"))
  }

  @Test func showFindsNodesAndPapers() throws {
    let node = try hasten(["show", "data-sampling", "--db", db])
    #expect(node.status == 0)
    #expect(node.stdout.hasPrefix("Data sampling (data-sampling)\nShen et al. 2023: Perspective > Data-centric > Data sampling\n"))
    let paper = try hasten(["show", "zhang2018mixup", "--db", db])
    #expect(paper.status == 0)
    #expect(paper.stdout.contains("[introduces] mixup: Mixup"))
    #expect(paper.stdout.contains("BibTeX\n@inproceedings{zhang2018mixup,"))
  }

  @Test func treeAndCrosswalkShowBothSurveys() throws {
    let tree = try hasten(["tree", "--db", db])
    #expect(tree.status == 0)
    #expect(tree.stdout.contains("  Dataset regularization (dataset-regularization)"))
    #expect(tree.stdout.contains("Bartoldson et al. 2023 (bartoldson2023)"))
    let shenOnly = try #require(try json(try hasten(["tree", "--survey", "shen2023", "--json", "--db", db])) as? [[String: Any]])
    #expect(shenOnly.map { $0["survey"] as? String } == ["shen2023"])
    let unknown = try hasten(["tree", "--survey", "shen2024", "--db", db])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("did you mean 'shen2023'"))
    let cross = try hasten(["crosswalk", "--db", db])
    #expect(cross.status == 0)
    for name in ["Data-centric", "System-centric", "Data", "Optimization"] { #expect(cross.stdout.contains(name)) }
  }

  @Test func papersFilterByVerification() throws {
    let r = try hasten(["papers", "--verified", "yes", "--json", "--db", db])
    let rows = try #require(try json(r) as? [[String: Any]])
    #expect(!rows.isEmpty && rows.allSatisfy { $0["verified"] as? Bool == true })
    let text = try hasten(["papers", "--year", "2018", "--db", db])
    #expect(text.stdout.contains("zhang2018mixup"))
    #expect(text.stdout.contains(" verified ("))
  }

  @Test func listFiltersByAnyCategoryAndSurvey() throws {
    let r = try hasten(["list", "--category", "reorder", "--json", "--db", db])
    let ids = (try json(r) as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
    #expect(ids.contains("one-cycle-lr") && !ids.contains("mixup"))
    let shen = try hasten(["list", "--survey", "shen2023", "--db", db])
    #expect(shen.stdout.hasPrefix("slug ") && !shen.stdout.contains("component / action / mechanism"))
  }

  @Test func completionScriptsAreGenerated() throws {
    let r = try hasten(["--generate-completion-script", "bash"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("hasten"))
  }
}
