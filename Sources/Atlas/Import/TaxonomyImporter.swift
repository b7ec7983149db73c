// Reads taxonomy/ (and checks examples/) into a Catalog, collecting every problem in every file
// before deciding. Either the whole catalog is valid, or nothing is returned.
import Foundation

/// Loads and validates the project's text sources.
public enum TaxonomyImporter {
  /// Reads `root`/taxonomy into a validated catalog, or throws ImportFailure with all problems.
  public static func load(root: URL) throws -> Catalog {
    var problems: [ImportProblem] = []
    var catalog = Catalog()
    let fm = FileManager.default
    func read(_ relative: String) -> String? {
      let url = root.appendingPathComponent(relative)
      guard let data = fm.contents(atPath: url.path) else {
        problems.append(ImportProblem(file: relative, line: 1, field: "", "cannot read the file (missing?)"))
        return nil
      }
      guard let text = String(data: data, encoding: .utf8) else {
        problems.append(ImportProblem(file: relative, line: 1, field: "", "not valid UTF-8"))
        return nil
      }
      return text
    }

    // Surveys and their trees.
    var surveyReader: SurveyImporter?
    if let text = read("taxonomy/surveys.yaml") {
      var reader = SurveyImporter(source: YAMLSource(file: "taxonomy/surveys.yaml", text: text))
      reader.read()
      problems += reader.source.problems
      catalog.surveys = reader.surveys
      catalog.nodes = reader.nodes
      surveyReader = reader
    }
    let surveyIds = Set(catalog.surveys.map(\.id))

    // Papers.
    var paperLines: [String: Int] = [:]
    if let text = read("taxonomy/papers.bib") {
      var reader = PaperImporter(file: "taxonomy/papers.bib")
      let result = reader.read(text, knownSurveys: surveyIds)
      problems += reader.problems
      catalog.papers = result.papers
      catalog.surveyCitations = result.citations
      paperLines = result.lines
    }
    let paperIds = Set(catalog.papers.map(\.id))
    for survey in catalog.surveys where !paperIds.contains(survey.paperId) && !paperLines.isEmpty {
      problems.append(
        ImportProblem(
          file: "taxonomy/surveys.yaml", line: surveyReader?.paperLines[survey.id] ?? 1, field: "\(survey.id).paper",
          "unknown paper key '\(survey.paperId)'\(didYouMean(survey.paperId, in: paperIds))"))
    }

    // Techniques.
    let dir = root.appendingPathComponent("taxonomy/techniques")
    let files = ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    if files.isEmpty {
      problems.append(ImportProblem(file: "taxonomy/techniques", line: 1, field: "", "no technique files (*.yaml)"))
    }
    var references: [Reference] = []
    var techniqueFiles: [String: String] = [:]
    var classificationLines: [String: [String: Int]] = [:]
    // Parsing YAML is most of an import's time, and the files are independent: parse them on
    // every core, then read them in order so problems and records keep a stable order.
    let texts = files.map { read("taxonomy/techniques/\($0)") }
    // Parsed on every core; nil where the text is missing.
    let sources = files.indices.map { ("taxonomy/techniques/\(files[$0])", texts[$0]) }.concurrentMap { file, text in
      text.map { YAMLSource(file: file, text: $0) }
    }
    for (index, name) in files.enumerated() {
      let relative = "taxonomy/techniques/\(name)"
      guard let source = sources[index] else { continue }
      var reader = TechniqueImporter(source: source, slugFromFileName: String(name.dropLast(5)))
      let before = catalog.techniques.count
      let slugLine = reader.read(into: &catalog)
      problems += reader.source.problems
      references += reader.references
      classificationLines[relative] = reader.classificationLines
      if catalog.techniques.count > before, let id = catalog.techniques.last?.id {
        if let other = techniqueFiles[id] {
          problems.append(ImportProblem(file: relative, line: slugLine ?? 1, field: "slug", "duplicate slug '\(id)' (also in \(other))"))
        }
        techniqueFiles[id] = relative
      }
    }

    // Cross-references, now that everything is read.
    let nodes = Dictionary(catalog.nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let techniqueIds = Set(catalog.techniques.map(\.id))
    for r in references {
      func problem(_ message: String) { problems.append(ImportProblem(file: r.file, line: r.line, field: r.field, message)) }
      switch r.kind {
      case .paper:
        if !paperIds.contains(r.id) && !paperLines.isEmpty { problem("unknown paper key '\(r.id)'\(didYouMean(r.id, in: paperIds))") }
      case .technique:
        if !techniqueIds.contains(r.id) { problem("unknown technique '\(r.id)'\(didYouMean(r.id, in: techniqueIds))") }
      case .example:
        let path = "examples/\(r.id).swift"
        if !fm.fileExists(atPath: root.appendingPathComponent(path).path) {
          problem("no example file \(path)")
        } else if let owner = catalog.examples.first(where: { $0.id == r.id }) {
          problem("example '\(r.id)' is already the example of '\(owner.techniqueId)'; each example belongs to one technique")
        } else if let technique = catalog.techniques.first(where: { $0.sourcePath == r.file }) {
          catalog.examples.append(Example(id: r.id, techniqueId: technique.id, path: path))
        }
      case .node:
        guard let survey = r.survey, surveyIds.contains(survey) else {
          problem("unknown survey '\(r.survey ?? "")' (known: \(surveyIds.sorted().joined(separator: ", ")))")
          continue
        }
        guard let node = nodes[r.id] else {
          let inSurvey = Set(catalog.nodes.filter { $0.surveyId == survey }.map(\.id))
          problem("unknown node '\(r.id)' in \(survey)\(didYouMean(r.id, in: inSurvey))")
          continue
        }
        if node.surveyId != survey {
          problem("node '\(r.id)' belongs to \(node.surveyId), not \(survey)")
        } else if node.parentId == nil {
          problem("'\(r.id)' is an axis; classify under one of its values")
        } else if survey == "shen2023" && !node.isLeaf {
          problem("'\(r.id)' is not a leaf of Shen's tree; pick one of its sub-categories")
        }
      }
    }
    // Measured results: each belongs to a technique, one file per example and profile.
    var resultIds: [String: String] = [:]
    for (path, set) in ResultsImporter.read(root: root, problems: &problems) {
      if !techniqueIds.contains(set.example) {
        problems.append(ImportProblem(file: path, line: 1, field: "example", "unknown technique '\(set.example)'\(didYouMean(set.example, in: techniqueIds))"))
        continue
      }
      let id = "\(set.example)/\(set.profile)"
      if let other = resultIds[id] {
        problems.append(ImportProblem(file: path, line: 1, field: "profile", "a second \(set.profile) result for '\(set.example)' (also \(other))"))
        continue
      }
      resultIds[id] = path
      catalog.results.append((path, set))
    }

    // Each technique sits in both surveys: a Shen leaf and a node under each Bartoldson axis.
    for technique in catalog.techniques {
      let axes = Set(catalog.classifications.filter { $0.techniqueId == technique.id }.compactMap { nodes[$0.nodeId]?.axisId })
      for (survey, required) in Vocabulary.requiredAxes.sorted(by: { $0.key < $1.key }) where surveyIds.contains(survey) {
        for axis in required where !axes.contains(axis) {
          let lines = classificationLines[technique.sourcePath] ?? [:]
          problems.append(
            ImportProblem(
              file: technique.sourcePath, line: lines[survey] ?? lines[""] ?? 1, field: "classification.\(survey)",
              "no classification under the \(axis) axis; every technique is classified in both surveys"))
        }
      }
    }

    guard problems.isEmpty else { throw ImportFailure(problems: problems.sorted()) }
    return catalog
  }

  static func didYouMean(_ name: String, in known: Set<String>) -> String {
    suggestions(for: name, in: Array(known)).first.map { "; did you mean '\($0)'?" } ?? ""
  }
}
