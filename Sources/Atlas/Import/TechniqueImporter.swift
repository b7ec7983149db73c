// techniques/<slug>.yaml -> the technique's records. References to nodes, papers, other
// techniques and examples are collected with their lines and checked once everything is read.
import Yams

/// A reference from a technique file to something defined elsewhere.
struct Reference {
  enum Kind { case node, paper, technique, example }
  var kind: Kind
  var id: String
  var file: String
  var line: Int
  var field: String
  /// For node references: the survey whose tree the node must be in.
  var survey: String?
}

struct TechniqueImporter {
  let source: YAMLSource
  let slugFromFileName: String
  var references: [Reference] = []
  /// Where a missing classification should be reported: each survey's list, else the
  /// `classification:` key, else the slug (keys "" and survey ids).
  var classificationLines: [String: Int] = [:]

  init(source: YAMLSource, slugFromFileName: String) {
    self.source = source
    self.slugFromFileName = slugFromFileName
  }

  static let knownKeys: Set<String> = [
    "slug", "name", "aliases", "summary", "saves", "domains", "description", "classification", "papers", "claims",
    "relations", "hyperparameters", "caveats", "example",
  ]

  /// Reads the file into `catalog`; returns the line of its slug, for duplicate reports.
  @discardableResult
  mutating func read(into catalog: inout Catalog) -> Int? {
    guard let m = source.mapping(source.root, "") else {
      if source.root == nil && source.problems.isEmpty { source.problem(line: 1, "", "the file is empty") }
      return nil
    }
    source.rejectUnknownKeys(m, known: Self.knownKeys, field: "")
    guard let slug = source.string(m, "slug", field: "slug") else { return nil }
    if slug != slugFromFileName {
      source.problem(m[raw: "slug"], "slug", "'\(slug)' does not match the file name '\(slugFromFileName).yaml'")
    }
    func ref(_ kind: Reference.Kind, _ id: String, _ node: Node?, _ field: String, survey: String? = nil) {
      references.append(Reference(kind: kind, id: id, file: source.file, line: node?.mark?.line ?? 1, field: field, survey: survey))
    }
    let saves = source.strings(m, "saves", field: "saves")
    if saves.isEmpty { source.problem(m[raw: "saves"] ?? source.root, "saves", "needs at least one of: \(Vocabulary.saves.joined(separator: ", "))") }
    for (i, s) in saves.enumerated() where !Vocabulary.saves.contains(s) {
      source.problem(m[raw: "saves"], "saves[\(i)]", "'\(s)' is not one of: \(Vocabulary.saves.joined(separator: ", "))")
    }
    let domains = source.strings(m, "domains", field: "domains")
    if domains.isEmpty { source.problem(m[raw: "domains"] ?? source.root, "domains", "needs at least one of: \(Vocabulary.domains.joined(separator: ", "))") }
    for (i, d) in domains.enumerated() where !Vocabulary.domains.contains(d) {
      source.problem(m[raw: "domains"], "domains[\(i)]", "'\(d)' is not one of: \(Vocabulary.domains.joined(separator: ", "))")
    }
    let example = source.string(m, "example", field: "example", required: false)
    if let example { ref(.example, example, m[raw: "example"], "example") }
    catalog.techniques.append(
      Technique(
        id: slug, name: source.string(m, "name", field: "name") ?? "", summary: source.string(m, "summary", field: "summary") ?? "",
        description: source.string(m, "description", field: "description") ?? "", saves: saves, domains: domains,
        exampleId: example, sourcePath: source.file))
    for alias in Set(source.strings(m, "aliases", field: "aliases")) {
      catalog.aliases.append(TechniqueAlias(techniqueId: slug, alias: alias))
    }

    // Classification: one list per survey, each entry a node with provenance and rationale.
    classificationLines[""] = (m[raw: "classification"] ?? m[raw: "slug"])?.mark?.line ?? 1
    if let classes = source.mapping(m[raw: "classification"], "classification") {
      source.rejectUnknownKeys(classes, known: Set(Vocabulary.requiredAxes.keys), field: "classification")
      for (surveyNode, listNode) in classes {
        guard let survey = surveyNode.string else { continue }
        classificationLines[survey] = surveyNode.mark?.line
        for (i, item) in source.sequence(listNode, "classification.\(survey)").enumerated() {
          let field = "classification.\(survey)[\(i)]"
          guard let c = source.mapping(item, field) else { continue }
          source.rejectUnknownKeys(c, known: ["node", "provenance", "rationale"], field: field)
          guard let node = source.string(c, "node", field: "\(field).node") else { continue }
          let provenance = source.choice(c, "provenance", field: "\(field).provenance", allowed: Provenance.allCases.map(\.rawValue))
          let rationale = source.string(c, "rationale", field: "\(field).rationale") ?? ""
          ref(.node, node, c[raw: "node"], "\(field).node", survey: survey)
          catalog.classifications.append(
            Classification(techniqueId: slug, nodeId: node, provenance: Provenance(rawValue: provenance ?? "") ?? .curated, rationale: rationale))
        }
      }
    } else {
      source.problem(line: m.mark?.line ?? 1, "classification", "missing required field (a list per survey: shen2023, bartoldson2023)")
    }

    let papers = source.sequence(m[raw: "papers"], "papers")
    if papers.isEmpty { source.problem(m[raw: "papers"] ?? source.root, "papers", "needs at least one paper (key and role)") }
    for (i, item) in papers.enumerated() {
      let field = "papers[\(i)]"
      guard let p = source.mapping(item, field) else { continue }
      source.rejectUnknownKeys(p, known: ["key", "role"], field: field)
      guard let key = source.string(p, "key", field: "\(field).key") else { continue }
      let role = source.choice(p, "role", field: "\(field).role", allowed: Vocabulary.paperRoles) ?? ""
      ref(.paper, key, p[raw: "key"], "\(field).key")
      catalog.techniquePapers.append(TechniquePaper(techniqueId: slug, paperId: key, role: role, position: i))
    }

    for (i, item) in source.sequence(m[raw: "claims"], "claims").enumerated() {
      let field = "claims[\(i)]"
      guard let c = source.mapping(item, field) else { continue }
      source.rejectUnknownKeys(c, known: ["value", "unit", "metric", "setting", "paper", "source"], field: field)
      let paper = source.string(c, "paper", field: "\(field).paper")
      if let paper { ref(.paper, paper, c[raw: "paper"], "\(field).paper") }
      catalog.claims.append(
        Claim(
          techniqueId: slug, position: i, value: source.double(c, "value", field: "\(field).value") ?? .nan,
          unit: source.string(c, "unit", field: "\(field).unit") ?? "", metric: source.string(c, "metric", field: "\(field).metric") ?? "",
          setting: source.string(c, "setting", field: "\(field).setting") ?? "", paperId: paper ?? "",
          source: source.string(c, "source", field: "\(field).source", required: false)))
    }

    if let relations = source.mapping(m[raw: "relations"], "relations") {
      source.rejectUnknownKeys(relations, known: Set(Vocabulary.relationKinds), field: "relations")
      for kind in Vocabulary.relationKinds {
        for (i, other) in source.strings(relations, kind, field: "relations.\(kind)").enumerated() {
          if other == slug { source.problem(relations[raw: kind], "relations.\(kind)[\(i)]", "a technique cannot relate to itself") }
          ref(.technique, other, relations[raw: kind], "relations.\(kind)[\(i)]")
          catalog.relations.append(Relation(techniqueId: slug, kind: kind, otherId: other))
        }
      }
    }

    for (i, item) in source.sequence(m[raw: "hyperparameters"], "hyperparameters").enumerated() {
      let field = "hyperparameters[\(i)]"
      guard let h = source.mapping(item, field) else { continue }
      source.rejectUnknownKeys(h, known: ["name", "value", "reason"], field: field)
      catalog.hyperparameters.append(
        Hyperparameter(
          techniqueId: slug, position: i, name: source.string(h, "name", field: "\(field).name") ?? "",
          value: source.string(h, "value", field: "\(field).value") ?? "", reason: source.string(h, "reason", field: "\(field).reason") ?? ""))
    }
    for (i, text) in source.strings(m, "caveats", field: "caveats").enumerated() {
      catalog.caveats.append(Caveat(techniqueId: slug, position: i, text: text))
    }
    return m[raw: "slug"]?.mark?.line ?? 1
  }
}
