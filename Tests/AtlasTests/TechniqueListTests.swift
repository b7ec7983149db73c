// Listing techniques: rows and their placements, and each filter (taxonomy nodes with their
// descendants, saves, domain, example), alone and combined; unknown nodes get suggestions.
import Atlas
import Testing

@Suite struct TechniqueListTests {
  let db: AtlasDatabase

  init() throws {
    // Given the fixture: mixup (data-centric leaf; data, augment, every-step; fewer-steps;
    // vision and speech; an example) and one-cycle-lr (optimization-centric leaf; optimization,
    // reorder, scheduled; fewer-steps and cheaper-steps; any domain; no example).
    db = try AtlasDatabase.inMemory(try FixtureProject().load())
  }

  func ids(_ configure: (inout TechniqueFilter) -> Void) throws -> [String] {
    var filter = TechniqueFilter()
    configure(&filter)
    return try db.techniques(filter).map(\.id)
  }

  @Test func unfilteredListHasEveryTechniqueByNameWithItsPlacements() throws {
    // When the list is read without a filter
    let rows = try db.techniques()

    // Then both techniques come back, by name, with their nodes' names per axis
    #expect(rows.map(\.id) == ["mixup", "one-cycle-lr"])
    let mixup = try #require(rows.first)
    #expect(mixup.name == "Mixup")
    #expect(mixup.summary == "Train on convex combinations of pairs of examples and of their labels.")
    #expect(mixup.saves == ["fewer-steps"] && mixup.domains == ["vision", "speech"])
    #expect(mixup.shen == ["Dataset regularization"] && mixup.component == ["Data"])
    #expect(mixup.action == ["Augment"] && mixup.mechanism == ["Every step"])
    #expect(mixup.example == "mixup")
    #expect(rows.last?.shen == ["Learning rate"])
    #expect(rows.last?.mechanism == ["Scheduled"])
    #expect(rows.last?.example == nil)
  }

  @Test func perspectiveFilterIncludesTechniquesInItsLeaves() throws {
    // When filtering by a perspective, which no technique is placed on directly
    // Then the techniques in its leaves are found
    #expect(try ids { $0.nodes = ["data-centric"] } == ["mixup"])
    #expect(try ids { $0.nodes = ["optimization-centric"] } == ["one-cycle-lr"])
    #expect(try ids { $0.nodes = ["perspective"] } == ["mixup", "one-cycle-lr"])
    #expect(try ids { $0.nodes = ["data-sampling"] } == [])
  }

  @Test func nodesMatchByIdOrByNameIgnoringCase() throws {
    #expect(try ids { $0.nodes = ["Data-centric"] } == ["mixup"])
    #expect(try ids { $0.nodes = ["LEARNING RATE"] } == ["one-cycle-lr"])
    #expect(try ids { $0.nodes = ["Dataset-Regularization"] } == ["mixup"])
  }

  @Test func bartoldsonFiltersByComponentActionAndMechanism() throws {
    #expect(try ids { $0.nodes = ["data"] } == ["mixup"])
    #expect(try ids { $0.nodes = ["optimization"] } == ["one-cycle-lr"])
    #expect(try ids { $0.nodes = ["augment"] } == ["mixup"])
    #expect(try ids { $0.nodes = ["reorder"] } == ["one-cycle-lr"])
    #expect(try ids { $0.nodes = ["every-step"] } == ["mixup"])
    #expect(try ids { $0.nodes = ["scheduled"] } == ["one-cycle-lr"])
    #expect(try ids { $0.nodes = ["mechanism"] } == ["mixup", "one-cycle-lr"])
  }

  @Test func severalNodesMustAllMatch() throws {
    #expect(try ids { $0.nodes = ["data-centric", "augment", "every-step"] } == ["mixup"])
    #expect(try ids { $0.nodes = ["data", "scheduled"] } == [])
  }

  @Test func savesFilter() throws {
    #expect(try ids { $0.saves = "fewer-steps" } == ["mixup", "one-cycle-lr"])
    #expect(try ids { $0.saves = "cheaper-steps" } == ["one-cycle-lr"])
    #expect(try ids { $0.saves = "less-memory" } == [])
  }

  @Test func domainFilterCountsAnyAsEveryDomain() throws {
    #expect(try ids { $0.domain = "vision" } == ["mixup", "one-cycle-lr"])
    #expect(try ids { $0.domain = "language" } == ["one-cycle-lr"])
  }

  @Test func hasExampleFilter() throws {
    #expect(try ids { $0.hasExample = true } == ["mixup"])
    #expect(try ids { $0.hasExample = false } == ["one-cycle-lr"])
  }

  @Test func filtersCombine() throws {
    #expect(try ids { $0.saves = "fewer-steps"; $0.hasExample = false } == ["one-cycle-lr"])
    #expect(try ids { $0.nodes = ["data-centric"]; $0.saves = "cheaper-steps" } == [])
  }

  @Test func unknownNodeThrowsWithSuggestions() throws {
    // When filtering by a node that does not exist
    let error = #expect(throws: UnknownName.self) { try ids { $0.nodes = ["data-centrik"] } }

    // Then the error names it and suggests the closest node ids
    #expect(error?.kind == "taxonomy node")
    #expect(error?.name == "data-centrik")
    #expect(error?.suggestions.first == "data-centric")
    #expect(error?.description.hasPrefix("unknown taxonomy node 'data-centrik'; did you mean 'data-centric'") == true)
  }

  @Test func unknownNodeFarFromEverythingHasNoSuggestions() throws {
    let error = #expect(throws: UnknownName.self) { try ids { $0.nodes = ["quantum-annealing"] } }
    #expect(error?.suggestions == [])
    #expect(error?.description == "unknown taxonomy node 'quantum-annealing'")
  }
}
