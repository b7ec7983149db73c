// surveys.yaml -> Survey and TaxonomyNode records. Each survey lists its axes; each axis is the
// root of a tree of nodes, any depth.
import Yams

struct SurveyImporter {
  let source: YAMLSource
  var surveys: [Survey] = []
  var nodes: [TaxonomyNode] = []
  /// Line of each node id, for duplicate reports.
  var nodeLines: [String: Int] = [:]
  /// Line of each survey's `paper:` field, for checking the key later.
  var paperLines: [String: Int] = [:]

  init(source: YAMLSource) { self.source = source }

  mutating func read() {
    guard let root = source.mapping(source.root, "") else {
      if source.root == nil && source.problems.isEmpty { source.problem(line: 1, "surveys", "the file is empty") }
      return
    }
    source.rejectUnknownKeys(root, known: ["surveys"], field: "")
    let list = source.sequence(root[raw: "surveys"], "surveys")
    if list.isEmpty { source.problem(line: 1, "surveys", "missing required field (a list of surveys)") }
    for (i, node) in list.enumerated() {
      let field = "surveys[\(i)]"
      guard let m = source.mapping(node, field) else { continue }
      source.rejectUnknownKeys(
        m, known: ["id", "paper", "short", "title", "authors", "year", "venue", "arxiv", "doi", "url", "description", "axes"],
        field: field)
      let id = source.string(m, "id", field: "\(field).id")
      let paper = source.string(m, "paper", field: "\(field).paper")
      let year = source.int(m, "year", field: "\(field).year")
      if let year, !(1900...2100).contains(year) { source.problem(m[raw: "year"], "\(field).year", "\(year) is not a plausible year") }
      let authors = source.strings(m, "authors", field: "\(field).authors")
      if authors.isEmpty { source.problem(m[raw: "authors"] ?? node, "\(field).authors", "needs at least one author") }
      let survey = Survey(
        id: id ?? "", paperId: paper ?? "", short: source.string(m, "short", field: "\(field).short") ?? "",
        title: source.string(m, "title", field: "\(field).title") ?? "", authors: authors, year: year ?? 0,
        venue: source.string(m, "venue", field: "\(field).venue") ?? "",
        arxiv: source.string(m, "arxiv", field: "\(field).arxiv", required: false),
        doi: source.string(m, "doi", field: "\(field).doi", required: false),
        url: source.string(m, "url", field: "\(field).url", required: false),
        description: source.string(m, "description", field: "\(field).description") ?? "")
      guard let id else { continue }
      if surveys.contains(where: { $0.id == id }) { source.problem(m[raw: "id"], "\(field).id", "duplicate survey id '\(id)'") }
      surveys.append(survey)
      paperLines[id] = m[raw: "paper"]?.mark?.line ?? node.mark?.line ?? 1
      let axes = source.sequence(m[raw: "axes"], "\(field).axes")
      if axes.isEmpty { source.problem(m[raw: "axes"] ?? node, "\(field).axes", "a survey needs at least one axis (tree root)") }
      for (j, axis) in axes.enumerated() {
        readNode(axis, field: "\(field).axes[\(j)]", survey: id, axis: nil, parent: nil, depth: 0, position: j)
      }
    }
  }

  private mutating func readNode(_ node: Node, field: String, survey: String, axis: String?, parent: String?, depth: Int, position: Int) {
    guard let m = source.mapping(node, field) else { return }
    source.rejectUnknownKeys(m, known: ["id", "name", "provenance", "source", "rationale", "description", "children"], field: field)
    let id = source.string(m, "id", field: "\(field).id")
    if let id, id.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) == nil {
      source.problem(m[raw: "id"], "\(field).id", "'\(id)' is not a slug (lowercase letters, digits and single hyphens)")
    }
    let provenance = source.choice(m, "provenance", field: "\(field).provenance", allowed: Provenance.allCases.map(\.rawValue))
    let sourceText = source.string(m, "source", field: "\(field).source", required: provenance == "survey")
    let rationale = source.string(m, "rationale", field: "\(field).rationale", required: provenance == "curated")
    let children = source.sequence(m[raw: "children"], "\(field).children")
    let record = TaxonomyNode(
      id: id ?? "", surveyId: survey, axisId: axis ?? id ?? "", parentId: parent, depth: depth, position: position,
      name: source.string(m, "name", field: "\(field).name") ?? "",
      description: source.string(m, "description", field: "\(field).description") ?? "",
      provenance: Provenance(rawValue: provenance ?? "") ?? .curated, source: sourceText, rationale: rationale,
      isLeaf: children.isEmpty)
    guard let id else { return }
    if let first = nodeLines[id] {
      source.problem(m[raw: "id"], "\(field).id", "duplicate node id '\(id)' (first defined on line \(first)); node ids are unique across both surveys")
      return
    }
    nodeLines[id] = m[raw: "id"]?.mark?.line ?? 1
    nodes.append(record)
    for (k, child) in children.enumerated() {
      readNode(child, field: "\(field).children[\(k)]", survey: survey, axis: axis ?? id, parent: id, depth: depth + 1, position: k)
    }
  }
}
