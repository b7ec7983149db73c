// The read models behind tree, crosswalk, papers, cite, show (nodes and papers) and sql, on the
// fixture: two techniques, four papers.
import Atlas
import Foundation
import Testing

@Suite struct QueriesTests {
  let atlas: AtlasDatabase
  init() throws { atlas = try AtlasDatabase.inMemory(try FixtureProject().load()) }

  @Test func treeCountsTechniquesAtANodeAndBelowIt() throws {
    let shen = try #require(try atlas.trees(survey: "shen2023").first)
    let perspective = try #require(shen.axes.first)
    #expect(perspective.id == "perspective" && perspective.techniqueCount == 2)
    let counts = Dictionary(uniqueKeysWithValues: perspective.children.map { ($0.id, $0.techniqueCount) })
    #expect(counts["data-centric"] == 1 && counts["optimization-centric"] == 1)
    #expect(try atlas.trees().map(\.survey) == ["shen2023", "bartoldson2023"])
    #expect(throws: UnknownName.self) { try atlas.trees(survey: "shen2024") }
  }

  @Test func crosswalkPutsEachTechniqueInItsCells() throws {
    let matrix = try atlas.crosswalk()
    let r = try #require(matrix.rows.firstIndex { $0.id == "data-centric" })
    let o = try #require(matrix.rows.firstIndex { $0.id == "optimization-centric" })
    let data = try #require(matrix.columns.firstIndex { $0.id == "data" })
    let optimization = try #require(matrix.columns.firstIndex { $0.id == "optimization" })
    #expect(matrix.techniques[r][data] == ["mixup"])
    #expect(matrix.techniques[o][optimization] == ["one-cycle-lr"])
    #expect(matrix.techniques[r][optimization].isEmpty)
    let leaves = try atlas.crosswalk(rowLeaves: true, columns: "mechanism")
    #expect(leaves.rows.contains { $0.id == "dataset-regularization" } && !leaves.rows.contains { $0.id == "data-centric" })
  }

  @Test func nodeCardListsTechniquesBelowItWithTheirPlacement() throws {
    let card = try #require(try atlas.nodeCard("data-centric"))
    #expect(card.path == ["Perspective", "Data-centric"])
    #expect(card.techniques.map(\.id) == ["mixup"])
    #expect(card.techniques.first?.viaNode == "dataset-regularization")
    #expect(try atlas.nodeCard("nonexistent") == nil)
  }

  @Test func papersFilterByYearSurveyAndVerification() throws {
    #expect(try atlas.papers(PaperFilter(year: 2018)).map(\.id) == ["zhang2018mixup"])
    #expect(try atlas.papers(PaperFilter(verified: false)).map(\.id) == ["smith2019super"])
    #expect(try atlas.papers(PaperFilter(survey: "bartoldson2023")).map(\.id) == ["zhang2018mixup"])
    let zhang = try #require(try atlas.papers().first { $0.id == "zhang2018mixup" })
    #expect(zhang.surveys == ["bartoldson2023:M", "shen2023:H"] && zhang.techniques == ["mixup"])
    #expect(throws: UnknownName.self) { try atlas.papers(PaperFilter(survey: "shen")) }
  }

  @Test func paperCardCarriesTechniquesClaimsAndBibTeX() throws {
    let card = try #require(try atlas.paperCard("zhang2018mixup"))
    #expect(card.techniques == [TechniqueLink(techniqueId: "mixup", name: "Mixup", role: "introduces")])
    #expect(card.claims.map(\.displayValue) == ["1.29"])
    #expect(card.citedBy.map(\.surveyId) == ["bartoldson2023", "shen2023"])
    // BibTeX keeps the entry's own fields, turns arxiv into eprint, and drops our bookkeeping.
    #expect(card.bibtex.hasPrefix("@inproceedings{zhang2018mixup,\n  title"))
    #expect(card.bibtex.contains("eprint        = {1710.09412}") && card.bibtex.contains("archivePrefix = {arXiv}"))
    #expect(!card.bibtex.contains("verified") && !card.bibtex.contains("surveys"))
    #expect(card.paper.citationText.hasPrefix("Hongyi Zhang and Moustapha Cisse (2018). mixup: Beyond Empirical Risk Minimization."))
  }

  @Test func sqlReadsRows() throws {
    let result = try atlas.query("SELECT id, year FROM paper WHERE year = 2018")
    #expect(result.columns == ["id", "year"])
    #expect(result.rows == [[.text("zhang2018mixup"), .integer(2018)]])
  }

  @Test(arguments: [
    "DROP TABLE technique",
    "DELETE FROM paper",
    "INSERT INTO caveat (techniqueId, position, text) VALUES ('mixup', 9, 'x')",
    "UPDATE technique SET name = 'x'",
    "SELECT 1; DROP TABLE technique",
    "'; DROP TABLE technique; --",
  ])
  func sqlRefusesWritesAndLeavesTheDatabaseAsItWas(statement: String) throws {
    #expect(throws: SQLQueryError.self) { try atlas.query(statement) }
    #expect(try atlas.query("SELECT count(*) FROM technique").rows == [[.integer(2)]])
    #expect(try atlas.query("SELECT count(*) FROM paper").rows == [[.integer(4)]])
    #expect(try atlas.card("mixup")?.caveats.count == 2)
  }
}
