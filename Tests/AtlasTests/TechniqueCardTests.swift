// A technique's card: the YAML -> catalog -> database -> card() round trip keeps every field,
// on the fixture (against the values written in its YAML) and on the real taxonomy (against
// what the importer read).
import Atlas
import Foundation
import Testing

@Suite struct TechniqueCardTests {
  @Test func fixtureCardHoldsEverythingTheYAMLSays() throws {
    // Given the fixture project in an in-memory database
    let db = try AtlasDatabase.inMemory(try FixtureProject().load())

    // When mixup's card is read
    let card = try #require(try db.card("mixup"))

    // Then every field is the one written in mixup.yaml
    #expect(card.technique.id == "mixup")
    #expect(card.technique.name == "Mixup")
    #expect(card.technique.summary == "Train on convex combinations of pairs of examples and of their labels.")
    #expect(card.technique.description == "Blends pairs of examples and their labels.")
    #expect(card.technique.saves == ["fewer-steps"])
    #expect(card.technique.domains == ["vision", "speech"])
    #expect(card.technique.sourcePath == "taxonomy/techniques/mixup.yaml")
    #expect(card.aliases == ["input mixup", "mix-up"])
    #expect(
      card.classifications.map { "\($0.surveyId) \($0.axisId) \($0.nodeId) \($0.provenance)" } == [
        "shen2023 perspective dataset-regularization curated",
        "bartoldson2023 component data curated",
        "bartoldson2023 action augment curated",
        "bartoldson2023 mechanism every-step survey",
      ])
    #expect(
      card.classifications.map(\.path) == [
        ["Perspective", "Data-centric", "Dataset regularization"], ["Component", "Data"], ["Action", "Augment"],
        ["Mechanism", "Every step"],
      ])
    #expect(card.classifications.map(\.nodeName) == ["Dataset regularization", "Data", "Augment", "Every step"])
    #expect(
      card.classifications.map(\.rationale) == [
        "It regularizes the training set.", "It changes the examples.", "It changes the input distribution.",
        "The same mixing at every step.",
      ])
    #expect(card.papers.map(\.paper.id) == ["zhang2018mixup", "smith2019super"])
    #expect(card.papers.map(\.role) == ["introduces", "applies"])
    #expect(card.papers.first?.paper.title == "mixup: Beyond Empirical Risk Minimization")
    try #require(card.claims.count == 1)
    let claim = card.claims[0]
    #expect(claim.value == 1.29 && claim.unit == "percentage points" && claim.metric == "CIFAR-10 test error reduction")
    #expect(claim.setting == "ResNet, 200 epochs" && claim.paperId == "zhang2018mixup" && claim.source == "code README")
    #expect(card.relations.map { "\($0.techniqueId) \($0.kind) \($0.otherId)" } == ["mixup composes-with one-cycle-lr"])
    #expect(card.hyperparameters.map(\.name) == ["alpha", "partner"])
    #expect(card.hyperparameters.map(\.value) == ["0.2", "shuffled batch"])
    #expect(card.hyperparameters.map(\.reason) == ["A small alpha on large data.", "No extra loading."])
    #expect(card.caveats.map(\.text) == ["Not cheaper per step.", "Can lose in short runs."])
    #expect(card.example?.id == "mixup" && card.example?.path == "examples/mixup.swift" && card.example?.techniqueId == "mixup")
  }

  @Test func cardWithoutOptionalSectionsIsEmptyNotMissing() throws {
    // Given the fixture, whose one-cycle-lr has no aliases, claims, relations or example
    let db = try AtlasDatabase.inMemory(try FixtureProject().load())

    // When its card is read
    let card = try #require(try db.card("one-cycle-lr"))

    // Then those sections are empty and the rest is there
    #expect(card.aliases.isEmpty && card.claims.isEmpty && card.relations.isEmpty && card.caveats.isEmpty)
    #expect(card.hyperparameters.isEmpty && card.example == nil)
    #expect(card.technique.saves == ["fewer-steps", "cheaper-steps"])
    #expect(card.classifications.map(\.nodeId) == ["learning-rate", "optimization", "reorder", "scheduled"])
    #expect(card.classifications.first?.path == ["Perspective", "Optimization-centric", "Learning rate"])
  }

  @Test func unknownTechniqueHasNoCard() throws {
    let db = try AtlasDatabase.inMemory(try FixtureProject().load())
    #expect(try db.card("mix-up") == nil)
    #expect(try db.card("") == nil)
  }

  @Test func knownNamesMapIdsNamesAndAliasesToIds() throws {
    let db = try AtlasDatabase.inMemory(try FixtureProject().load())
    #expect(
      try db.knownNames() == [
        "mixup": "mixup", "input mixup": "mixup", "mix-up": "mixup",
        "one-cycle-lr": "one-cycle-lr", "one-cycle learning rate": "one-cycle-lr",
      ])
  }

  @Test func realTaxonomyRoundTripsThroughTheDatabase() throws {
    // Given the real taxonomy, imported and written to an in-memory database
    let catalog = try TaxonomyImporter.load(root: repositoryRoot)
    let db = try AtlasDatabase.inMemory(catalog)

    for technique in catalog.techniques {
      // When each technique's card is read back
      let card = try #require(try db.card(technique.id), "\(technique.id)")
      let id = technique.id
      func mine<T>(_ records: [T], _ owner: (T) -> String) -> [T] { records.filter { owner($0) == id } }

      // Then it holds exactly what the importer read from its YAML file
      #expect(try json(card.technique) == json(technique))
      #expect(card.aliases.sorted() == mine(catalog.aliases, \.techniqueId).map(\.alias).sorted())
      #expect(
        Set(card.classifications.map { "\($0.nodeId)|\($0.provenance)|\($0.rationale)" })
          == Set(mine(catalog.classifications, \.techniqueId).map { "\($0.nodeId)|\($0.provenance)|\($0.rationale)" }))
      #expect(card.classifications.count == mine(catalog.classifications, \.techniqueId).count)
      #expect(card.classifications.allSatisfy { !$0.path.isEmpty && $0.path.last == $0.nodeName }, "\(id)")
      #expect(
        card.papers.map { "\($0.paper.id)|\($0.role)" }
          == mine(catalog.techniquePapers, \.techniqueId).sorted { $0.position < $1.position }.map { "\($0.paperId)|\($0.role)" })
      #expect(try json(card.claims) == json(mine(catalog.claims, \.techniqueId).sorted { $0.position < $1.position }))
      #expect(
        Set(card.relations.map { "\($0.kind)|\($0.otherId)" }) == Set(mine(catalog.relations, \.techniqueId).map { "\($0.kind)|\($0.otherId)" }))
      #expect(try json(card.hyperparameters) == json(mine(catalog.hyperparameters, \.techniqueId).sorted { $0.position < $1.position }))
      #expect(try json(card.caveats) == json(mine(catalog.caveats, \.techniqueId).sorted { $0.position < $1.position }))
      #expect(try json(card.example) == json(catalog.examples.first { $0.techniqueId == id }))
    }
  }

  @Test func realMixupCardHasItsExample() throws {
    // Given the real taxonomy in an in-memory database
    let db = try AtlasDatabase.inMemory(try TaxonomyImporter.load(root: repositoryRoot))

    // When mixup's card is read
    let card = try #require(try db.card("mixup"))

    // Then it names its runnable example and the paper that introduced it
    #expect(card.technique.name == "Mixup")
    #expect(card.example?.path == "examples/mixup.swift")
    #expect(card.papers.contains { $0.paper.id == "zhang2018mixup" && $0.role == "introduces" })
    #expect(Set(card.classifications.map(\.surveyId)) == ["shen2023", "bartoldson2023"])
  }
}
