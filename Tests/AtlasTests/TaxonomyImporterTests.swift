// The importer: a valid fixture project becomes the expected records, and every kind of mistake
// is reported as `file:line: field: message`, all of them at once, sorted by file and line.
// The last suite loads the repository's real taxonomy/.
import Atlas
import Foundation
import Testing

private let mixupFile = "taxonomy/techniques/mixup.yaml"
private let oneCycleFile = "taxonomy/techniques/one-cycle-lr.yaml"
private let mixup = FixtureProject.mixupYAML
private let oneCycle = FixtureProject.oneCycleYAML

/// `text` with `old` replaced by `new`, which must occur in it.
private func edit(_ text: String, _ old: String, _ new: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
  #expect(text.contains(old), "fixture text has no '\(old)'", sourceLocation: sourceLocation)
  return text.replacingOccurrences(of: old, with: new)
}

@Suite struct TaxonomyImporterTests {
  // MARK: - A valid project

  @Test func validFixtureLoadsEveryRecord() throws {
    let catalog = try FixtureProject().load()
    #expect(catalog.surveys.map(\.id) == ["shen2023", "bartoldson2023"])
    #expect(catalog.techniques.map(\.id) == ["mixup", "one-cycle-lr"])
    #expect(catalog.nodes.count == 15)
    #expect(catalog.classifications.count == 8)
    #expect(catalog.papers.count == 4)
    #expect(catalog.surveyCitations.count == 3)
    #expect(catalog.aliases.count == 2)
    #expect(catalog.techniquePapers.count == 3)
    #expect(catalog.claims.count == 1)
    #expect(catalog.relations.count == 1)
    #expect(catalog.hyperparameters.count == 2)
    #expect(catalog.caveats.count == 2)
    try #require(catalog.examples.count == 1)
    #expect(catalog.examples[0].id == "mixup")
    #expect(catalog.examples[0].techniqueId == "mixup")
    #expect(catalog.examples[0].path == "examples/mixup.swift")
    #expect(catalog.techniques.map(\.exampleId) == ["mixup", nil])
    #expect(catalog.techniques.map(\.sourcePath) == [mixupFile, oneCycleFile])
  }

  @Test func nodesKnowTheirSurveyAxisParentDepthAndLeafness() throws {
    let catalog = try FixtureProject().load()
    let nodes = Dictionary(uniqueKeysWithValues: catalog.nodes.map { ($0.id, $0) })
    let axis = try #require(nodes["perspective"])
    #expect(axis.surveyId == "shen2023" && axis.axisId == "perspective" && axis.parentId == nil && axis.depth == 0 && !axis.isLeaf)
    let leaf = try #require(nodes["data-sampling"])
    #expect(leaf.surveyId == "shen2023" && leaf.axisId == "perspective" && leaf.parentId == "data-centric")
    #expect(leaf.depth == 2 && leaf.position == 1 && leaf.isLeaf)
    let every = try #require(nodes["every-step"])
    #expect(every.surveyId == "bartoldson2023" && every.axisId == "mechanism" && every.parentId == "mechanism")
    #expect(every.provenance == .curated && every.rationale == "Always on." && every.source == nil)
    #expect(nodes["component"]?.provenance == .survey && nodes["component"]?.source == "abstract")
  }

  @Test func papersAreCleanedAndCitationsRead() throws {
    let catalog = try FixtureProject().load()
    let papers = Dictionary(uniqueKeysWithValues: catalog.papers.map { ($0.id, $0) })
    let zhang = try #require(papers["zhang2018mixup"])
    #expect(zhang.entryType == "inproceedings")
    #expect(zhang.venue == "International Conference on Learning Representations")
    #expect(zhang.year == 2018 && zhang.arxiv == "1710.09412" && zhang.verified)
    #expect(zhang.authors == ["Hongyi Zhang", "Moustapha Cisse"])
    #expect(zhang.fields["surveys"] == "shen2023:H, bartoldson2023:M")
    #expect(papers["bartoldson2023compute"]?.authors == ["Brian R. Bartoldson", "Bhavya Kailkhura", "Davis Blalock"])
    #expect(papers["smith2019super"]?.verified == false)
    let citations = catalog.surveyCitations.map { "\($0.surveyId) \($0.paperId) \($0.confidence)" }.sorted()
    #expect(citations == ["bartoldson2023 zhang2018mixup M", "shen2023 smith2019super M", "shen2023 zhang2018mixup H"])
  }

  // MARK: - One problem at a time

  @Test func unknownNodeIsReportedWithASuggestion() throws {
    let text = edit(mixup, "node: dataset-regularization", "node: dataset-regularisation")
    let problems = try FixtureProject.with([mixupFile: text]).problems()
    #expect(
      problems.map(\.description) == [
        "\(mixupFile):\(line(of: "  shen2023:", in: text)): classification.shen2023: no classification under the perspective axis; every technique is classified in both surveys",
        "\(mixupFile):\(line(of: "regularisation", in: text)): classification.shen2023[0].node: unknown node 'dataset-regularisation' in shen2023; did you mean 'dataset-regularization'?",
      ])
    #expect(line(of: "regularisation", in: text) == 11)
  }

  @Test func nodeOfTheOtherSurveyIsReported() throws {
    let text = edit(mixup, "node: dataset-regularization", "node: augment")
    let problems = try FixtureProject.with([mixupFile: text]).problems()
    #expect(
      problems.map(\.description) == [
        "\(mixupFile):\(line(of: "  shen2023:", in: text)): classification.shen2023: no classification under the perspective axis; every technique is classified in both surveys",
        "\(mixupFile):11: classification.shen2023[0].node: node 'augment' belongs to bartoldson2023, not shen2023",
      ])
  }

  @Test func unknownPaperKeyIsReportedWithASuggestion() throws {
    let text = edit(mixup, "key: zhang2018mixup", "key: zhang2018mixpu")
    let problems = try FixtureProject.with([mixupFile: text]).problems()
    #expect(
      problems.map(\.description) == [
        "\(mixupFile):\(line(of: "mixpu", in: text)): papers[0].key: unknown paper key 'zhang2018mixpu'; did you mean 'zhang2018mixup'?"
      ])
  }

  @Test func unknownPaperKeyOfASurveyIsReported() throws {
    let text = edit(FixtureProject.surveysYAML, "paper: shen2023efficient", "paper: shen2023eficient")
    let problems = try FixtureProject.with(["taxonomy/surveys.yaml": text]).problems()
    #expect(
      problems.map(\.description) == [
        "taxonomy/surveys.yaml:\(line(of: "shen2023eficient", in: text)): shen2023.paper: unknown paper key 'shen2023eficient'; did you mean 'shen2023efficient'?"
      ])
  }

  @Test func duplicateSlugIsReportedAtTheSecondFilesSlug() throws {
    // mixup.yaml sorts before mixup2.yaml, so the copy is the duplicate; its slug is on line 2.
    let copy = "# A copy that forgot to change its slug.\n" + mixup
    let problems = try FixtureProject.with(["taxonomy/techniques/mixup2.yaml": copy]).problems()
    #expect(
      problems.map(\.description) == [
        "taxonomy/techniques/mixup2.yaml:2: slug: 'mixup' does not match the file name 'mixup2.yaml'",
        "taxonomy/techniques/mixup2.yaml:2: slug: duplicate slug 'mixup' (also in \(mixupFile))",
        // The copy also claims mixup's example.
        "taxonomy/techniques/mixup2.yaml:\(line(of: "example: mixup", in: copy)): example: example 'mixup' is already the example of 'mixup'; each example belongs to one technique",
      ])
  }

  @Test func slugMustMatchTheFileName() throws {
    let project = try FixtureProject()
    try project.remove(oneCycleFile)
    try project.write("taxonomy/techniques/one-cycle.yaml", oneCycle)
    #expect(
      project.problems().map(\.description) == [
        "taxonomy/techniques/one-cycle.yaml:1: slug: 'one-cycle-lr' does not match the file name 'one-cycle.yaml'"
      ])
  }

  @Test func missingRequiredFieldIsReportedAtItsMapping() throws {
    let text = edit(mixup, "summary: Train on convex combinations of pairs of examples and of their labels.\n", "")
    let problems = try FixtureProject.with([mixupFile: text]).problems()
    #expect(problems.map(\.description) == ["\(mixupFile):1: summary: missing required field"])
  }

  @Test func missingNestedFieldIsReportedAtItsListItem() throws {
    let text = edit(mixup, "    metric: CIFAR-10 test error reduction\n", "")
    let problems = try FixtureProject.with([mixupFile: text]).problems()
    #expect(problems.map(\.description) == ["\(mixupFile):\(line(of: "value: 1.29", in: text)): claims[0].metric: missing required field"])
    #expect(line(of: "value: 1.29", in: text) == 30)
  }

  @Test func badYearInPapersIsReportedAtTheYearField() throws {
    let bib = edit(FixtureProject.papersBib, "year      = {2018}", "year      = {2o18}")
    let problems = try FixtureProject.with(["taxonomy/papers.bib": bib]).problems()
    #expect(problems.map(\.description) == ["taxonomy/papers.bib:\(line(of: "2o18", in: bib)): zhang2018mixup.year: '2o18' is not a year"])
    #expect(line(of: "2o18", in: bib) == 26)
  }

  @Test func implausibleYearInPapersIsReported() throws {
    let bib = edit(FixtureProject.papersBib, "year     = {2019}", "year     = {1850}")
    let problems = try FixtureProject.with(["taxonomy/papers.bib": bib]).problems()
    #expect(problems.map(\.description) == ["taxonomy/papers.bib:\(line(of: "1850", in: bib)): smith2019super.year: '1850' is not a year"])
  }

  @Test func bibTeXSyntaxErrorIsReportedWithItsLine() throws {
    // The last entry's title opens a brace too many: the entry's own '}' closes the title, and
    // the file ends with the entry still open.
    let bib = edit(FixtureProject.papersBib, "title    = {Super-Convergence}", "title    = {{Super-Convergence}")
    let problems = try FixtureProject.with(["taxonomy/papers.bib": bib]).problems()
    // Unknown paper keys are not reported on top: with no readable bibliography they say nothing.
    try #require(problems.count == 1)
    #expect(problems[0].file == "taxonomy/papers.bib")
    #expect(problems[0].line == line(of: "@misc{smith2019super", in: bib))
    #expect(problems[0].message == "BibTeX syntax error: entry 'smith2019super' is not closed (missing '}')")
  }

  @Test func missingMechanismClassificationIsReported() throws {
    let text = edit(
      mixup, "    - node: every-step\n      provenance: survey\n      rationale: The same mixing at every step.\n", "")
    let problems = try FixtureProject.with([mixupFile: text]).problems()
    #expect(
      problems.map(\.description) == [
        "\(mixupFile):\(line(of: "  bartoldson2023:", in: text)): classification.bartoldson2023: no classification under the mechanism axis; every technique is classified in both surveys"
      ])
  }

  @Test func shenClassificationMustBeALeaf() throws {
    let text = edit(mixup, "node: dataset-regularization", "node: data-centric")
    let problems = try FixtureProject.with([mixupFile: text]).problems()
    #expect(
      problems.map(\.description) == [
        "\(mixupFile):11: classification.shen2023[0].node: 'data-centric' is not a leaf of Shen's tree; pick one of its sub-categories"
      ])
  }

  @Test func classificationUnderAnAxisItselfIsRejected() throws {
    let text = edit(mixup, "node: every-step", "node: mechanism")
    let problems = try FixtureProject.with([mixupFile: text]).problems()
    #expect(
      problems.map(\.description) == [
        "\(mixupFile):\(line(of: "node: mechanism", in: text)): classification.bartoldson2023[2].node: 'mechanism' is an axis; classify under one of its values"
      ])
  }

  @Test func exampleNamingAMissingFileIsReported() throws {
    let project = try FixtureProject()
    try project.remove("examples/mixup.swift")
    #expect(
      project.problems().map(\.description) == [
        "\(mixupFile):\(line(of: "example: mixup", in: mixup)): example: no example file examples/mixup.swift"
      ])
  }

  @Test func twoTechniquesClaimingOneExampleIsAnImportProblem() throws {
    let text = oneCycle + "\nexample: mixup\n"
    let problems = try FixtureProject.with([oneCycleFile: text]).problems()
    #expect(
      problems.map(\.description) == [
        "\(oneCycleFile):\(line(of: "example: mixup", in: text)): example: example 'mixup' is already the example of 'mixup'; each example belongs to one technique"
      ])
  }

  @Test func unknownFieldIsReportedWithASuggestion() throws {
    let text = edit(mixup, "summary:", "sumary:")
    let problems = try FixtureProject.with([mixupFile: text]).problems()
    #expect(
      problems.map(\.description) == [
        "\(mixupFile):1: summary: missing required field",
        "\(mixupFile):4: sumary: unknown field; did you mean 'summary'?",
      ])
  }

  @Test func unknownNestedFieldIsReportedWithItsPath() throws {
    let text = edit(mixup, "    reason: No extra loading.", "    reasn: No extra loading.")
    let problems = try FixtureProject.with([mixupFile: text]).problems()
    let at = line(of: "reasn", in: text)
    #expect(
      problems.map(\.description) == [
        "\(mixupFile):\(at - 2): hyperparameters[1].reason: missing required field",
        "\(mixupFile):\(at): hyperparameters[1].reasn: unknown field; did you mean 'reason'?",
      ])
  }

  @Test func yamlSyntaxErrorIsReportedWithItsLine() throws {
    let text = edit(mixup, "name: Mixup\n", "name: Mixup: the original\n")
    let problems = try FixtureProject.with([mixupFile: text]).problems()
    try #require(problems.count == 1)
    #expect(problems[0].file == mixupFile)
    #expect(problems[0].line == 2)
    #expect(problems[0].field == "")
    #expect(problems[0].description.hasPrefix("\(mixupFile):2: YAML syntax error: "))
  }

  @Test func invalidSavesValueIsReported() throws {
    let text = edit(mixup, "saves: [fewer-steps]", "saves: [fewer-steps, fewer-stepz]")
    let problems = try FixtureProject.with([mixupFile: text]).problems()
    #expect(
      problems.map(\.description) == [
        "\(mixupFile):5: saves[1]: 'fewer-stepz' is not one of: fewer-steps, cheaper-steps, less-memory, less-communication, cheaper-data-pipeline"
      ])
  }

  @Test func emptySavesIsReported() throws {
    let text = edit(mixup, "saves: [fewer-steps]", "saves: []")
    let problems = try FixtureProject.with([mixupFile: text]).problems()
    #expect(problems.count == 1)
    #expect(problems.first?.line == 5 && problems.first?.field == "saves")
  }

  @Test func unknownRelatedTechniqueIsReported() throws {
    let text = edit(mixup, "composes-with: [one-cycle-lr]", "composes-with: [one-cycle]")
    let problems = try FixtureProject.with([mixupFile: text]).problems()
    #expect(
      problems.map(\.description) == [
        "\(mixupFile):\(line(of: "[one-cycle]", in: text)): relations.composes-with[0]: unknown technique 'one-cycle'; did you mean 'one-cycle-lr'?"
      ])
  }

  @Test func duplicateNodeIdIsReported() throws {
    let text = edit(FixtureProject.surveysYAML, "- id: reorder", "- id: augment")
    let problems = try FixtureProject.with(["taxonomy/surveys.yaml": text]).problems()
    let at = lines(of: "- id: augment", in: text)
    try #require(at.count == 2)
    // The one-cycle-lr classification under "reorder" now points at nothing.
    #expect(problems.map(\.file) == ["taxonomy/surveys.yaml", oneCycleFile, oneCycleFile])
    #expect(problems.first?.line == at[1])
    #expect(problems.first?.field == "surveys[1].axes[1].children[1].id")
    #expect(problems.first?.message == "duplicate node id 'augment' (first defined on line \(at[0])); node ids are unique across both surveys")
  }

  // MARK: - Everything at once

  @Test func problemsInSeveralFilesAreAllReportedSortedByFileAndLine() throws {
    let bib = edit(FixtureProject.papersBib, "year      = {2018}", "year      = {2o18}")
    var mixupText = edit(mixup, "summary:", "sumary:")
    mixupText = edit(mixupText, "key: zhang2018mixup", "key: zhang2018mixpu")
    var oneCycleText = edit(oneCycle, "saves: [fewer-steps, cheaper-steps]", "saves: [fewer-steps, cheap-steps]")
    oneCycleText = edit(oneCycleText, "    - {node: scheduled, provenance: curated, rationale: Follows progress.}\n", "")
    let project = try FixtureProject.with([
      "taxonomy/papers.bib": bib, mixupFile: mixupText, oneCycleFile: oneCycleText,
    ])

    let problems = project.problems()

    #expect(
      problems.map(\.description) == [
        "taxonomy/papers.bib:26: zhang2018mixup.year: '2o18' is not a year",
        "\(mixupFile):1: summary: missing required field",
        "\(mixupFile):4: sumary: unknown field; did you mean 'summary'?",
        "\(mixupFile):\(line(of: "mixpu", in: mixupText)): papers[0].key: unknown paper key 'zhang2018mixpu'; did you mean 'zhang2018mixup'?",
        "\(oneCycleFile):4: saves[1]: 'cheap-steps' is not one of: fewer-steps, cheaper-steps, less-memory, less-communication, cheaper-data-pipeline",
        "\(oneCycleFile):\(line(of: "  bartoldson2023:", in: oneCycleText)): classification.bartoldson2023: no classification under the mechanism axis; every technique is classified in both surveys",
      ])
    #expect(problems == problems.sorted())
    do {
      _ = try project.load()
    } catch let failure as ImportFailure {
      #expect(failure.description.hasSuffix("\n6 problems in taxonomy/; the database was not changed"))
      #expect(failure.description.hasPrefix("taxonomy/papers.bib:26: "))
    }
  }

  @Test func problemsOrderByFileThenLineThenField() {
    let a = ImportProblem(file: "a.yaml", line: 10, field: "z", "m")
    let b = ImportProblem(file: "a.yaml", line: 9, field: "z", "m")
    let c = ImportProblem(file: "b.yaml", line: 1, field: "a", "m")
    let d = ImportProblem(file: "a.yaml", line: 9, field: "y", "m")
    #expect([c, a, b, d].sorted() == [d, b, a, c])
    #expect(ImportProblem(file: "f", line: 3, field: "", "whole file").description == "f:3: whole file")
    #expect(ImportProblem(file: "f", line: 3, field: "x.y", "msg").description == "f:3: x.y: msg")
  }

  @Test func missingFilesAreReported() throws {
    let project = try FixtureProject()
    try project.remove("taxonomy/papers.bib")
    try project.remove(mixupFile)
    try project.remove(oneCycleFile)
    #expect(
      project.problems().map(\.description) == [
        "taxonomy/papers.bib:1: cannot read the file (missing?)",
        "taxonomy/techniques:1: no technique files (*.yaml)",
      ])
  }
}

@Suite struct RealTaxonomyTests {
  @Test func loadsWithoutProblems() throws {
    do {
      let catalog = try TaxonomyImporter.load(root: repositoryRoot)
      #expect(!catalog.techniques.isEmpty)
      #expect(Set(catalog.surveys.map(\.id)) == ["shen2023", "bartoldson2023"])
    } catch let failure as ImportFailure {
      Issue.record("taxonomy/ has problems:\n\(failure)")
    }
  }

  @Test func everyTechniqueIsClassifiedInBothSurveys() throws {
    let catalog = try TaxonomyImporter.load(root: repositoryRoot)
    let nodes = Dictionary(uniqueKeysWithValues: catalog.nodes.map { ($0.id, $0) })
    for technique in catalog.techniques {
      let placed = catalog.classifications.filter { $0.techniqueId == technique.id }.compactMap { nodes[$0.nodeId] }
      #expect(Set(placed.map(\.surveyId)) == ["shen2023", "bartoldson2023"], "\(technique.id)")
      #expect(Set(placed.map(\.axisId)) == ["perspective", "component", "action", "mechanism"], "\(technique.id)")
      #expect(placed.filter { $0.surveyId == "shen2023" }.allSatisfy { $0.isLeaf }, "\(technique.id)")
      #expect(technique.sourcePath == "taxonomy/techniques/\(technique.id).yaml")
    }
  }

  @Test func everyExampleAndCitedPaperExists() throws {
    let catalog = try TaxonomyImporter.load(root: repositoryRoot)
    for example in catalog.examples {
      #expect(FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(example.path).path))
    }
    let papers = Set(catalog.papers.map(\.id))
    #expect(catalog.techniquePapers.allSatisfy { papers.contains($0.paperId) })
    #expect(catalog.surveys.allSatisfy { papers.contains($0.paperId) })
  }
}
