// The bibliography as the CLI and the site read it: filtered lists and a paper's card.
import Foundation
import GRDB

/// Which papers to list.
public struct PaperFilter: Sendable, Equatable {
  public var year: Int?
  /// Only papers we believe this survey cites.
  public var survey: String?
  public var verified: Bool?
  public init(year: Int? = nil, survey: String? = nil, verified: Bool? = nil) {
    self.year = year
    self.survey = survey
    self.verified = verified
  }
}

/// One line of the paper list.
public struct PaperRow: Codable, Sendable, Equatable {
  public var id: String
  public var year: Int
  public var authors: [String]
  public var title: String
  public var venue: String
  public var arxiv: String?
  public var doi: String?
  public var verified: Bool
  /// "shen2023:H" etc.: the surveys believed to cite it, and how sure.
  public var surveys: [String]
  /// Techniques that link the paper.
  public var techniques: [String]
}

/// Everything the atlas knows about one paper.
public struct PaperCard: Codable, Sendable {
  public var paper: Paper
  public var citedBy: [SurveyCitation]
  /// The techniques that link it, with the paper's role for each.
  public var techniques: [TechniqueLink]
  /// Literature claims that quote this paper.
  public var claims: [Claim]
  /// The entry as BibTeX, ready to paste.
  public var bibtex: String
}

/// A technique that cites a paper in some role.
public struct TechniqueLink: Codable, Sendable, Equatable {
  public var techniqueId: String
  public var name: String
  public var role: String
  public init(techniqueId: String, name: String, role: String) {
    self.techniqueId = techniqueId
    self.name = name
    self.role = role
  }
}

extension AtlasDatabase {
  /// Papers matching `filter`, newest first, then by key.
  public func papers(_ filter: PaperFilter = PaperFilter()) throws -> [PaperRow] {
    try reader.read { db in
      if let survey = filter.survey, try Survey.fetchOne(db, key: survey) == nil {
        let known = try String.fetchAll(db, sql: "SELECT id FROM survey ORDER BY id")
        throw UnknownName(kind: "survey", name: survey, suggestions: suggestions(for: survey, in: known))
      }
      var request = Paper.order(Column("year").desc, Column("id"))
      if let year = filter.year { request = request.filter(Column("year") == year) }
      if let verified = filter.verified { request = request.filter(Column("verified") == verified) }
      if let survey = filter.survey {
        request = request.filter(sql: "id IN (SELECT paperId FROM surveyCitation WHERE surveyId = ?)", arguments: [survey])
      }
      // Plain rows of the columns the list shows: decoding whole papers (every BibTeX field as
      // JSON) and link records through Codable was most of `hasten papers`.
      var surveys: [String: [String]] = [:], techniques: [String: [String]] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT paperId, surveyId || ':' || confidence FROM surveyCitation") {
        surveys[row[0], default: []].append(row[1])
      }
      for row in try Row.fetchAll(db, sql: "SELECT paperId, techniqueId FROM techniquePaper") { techniques[row[0], default: []].append(row[1]) }
      let columns = request.select(["id", "year", "authors", "title", "venue", "arxiv", "doi", "verified"].map { Column($0) })
      let decoder = JSONDecoder()
      return try Row.fetchAll(db, columns).map { row in
        let id: String = row["id"]
        return PaperRow(
          id: id, year: row["year"], authors: try decoder.decode([String].self, from: row["authors"] as Data), title: row["title"],
          venue: row["venue"], arxiv: row["arxiv"], doi: row["doi"], verified: row["verified"], surveys: (surveys[id] ?? []).sorted(),
          techniques: (techniques[id] ?? []).sorted())
      }
    }
  }

  /// The card of paper `key`, or nil.
  public func paperCard(_ key: String) throws -> PaperCard? {
    try reader.read { db in
      guard let paper = try Paper.fetchOne(db, key: key) else { return nil }
      let techniques = try Row.fetchAll(
        db,
        sql: """
          SELECT t.id, t.name, tp.role FROM techniquePaper tp JOIN technique t ON t.id = tp.techniqueId
          WHERE tp.paperId = ? ORDER BY t.name
          """, arguments: [key]
      ).map { TechniqueLink(techniqueId: $0["id"], name: $0["name"], role: $0["role"]) }
      return PaperCard(
        paper: paper,
        citedBy: try SurveyCitation.filter(Column("paperId") == key).order(Column("surveyId")).fetchAll(db),
        techniques: techniques,
        claims: try Claim.filter(Column("paperId") == key).order(Column("techniqueId"), Column("position")).fetchAll(db),
        bibtex: paper.bibtex)
    }
  }

  /// All paper keys, for suggestions.
  public func paperKeys() throws -> [String] {
    try reader.read { db in try String.fetchAll(db, sql: "SELECT id FROM paper ORDER BY id") }
  }
}
