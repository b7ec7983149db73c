// One record type per table (GRDB's recommended practice). Tables are singular camelCase;
// slug-keyed entities use the slug as their text primary key `id`. Lists that are only ever
// read whole (authors, saves, domains) are JSON columns; anything filtered or joined on is a
// table of its own. Each record names its table: GRDB's default derives the name from the type
// name through reflection and a regular expression, a fifth of a `hasten show`.
import Foundation
import GRDB

/// Where a node or classification comes from: the survey itself, or our curation.
public enum Provenance: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
  case survey, curated
}

/// A survey whose taxonomy the atlas encodes.
public struct Survey: Codable, Sendable, Identifiable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "survey"
  public var id: String
  public var paperId: String
  public var short: String
  public var title: String
  public var authors: [String]
  public var year: Int
  public var venue: String
  public var arxiv: String?
  public var doi: String?
  public var url: String?
  public var description: String
}

/// A node of a survey's taxonomy tree. Roots are the survey's axes.
public struct TaxonomyNode: Codable, Sendable, Identifiable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "taxonomyNode"
  public var id: String
  public var surveyId: String
  /// The id of the root (axis) this node sits under; a root's is its own id.
  public var axisId: String
  public var parentId: String?
  public var depth: Int
  /// Order among its siblings, as written in surveys.yaml.
  public var position: Int
  public var name: String
  public var description: String
  public var provenance: Provenance
  public var source: String?
  public var rationale: String?
  /// True when the node has no children.
  public var isLeaf: Bool
}

/// A technique card.
public struct Technique: Codable, Sendable, Identifiable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "technique"
  public var id: String
  public var name: String
  public var summary: String
  public var description: String
  public var saves: [String]
  public var domains: [String]
  public var exampleId: String?
  /// The YAML file it came from, relative to the project root.
  public var sourcePath: String
}

extension Technique {
  /// Read by column, not through Codable: `hasten list` reads every technique, and GRDB's
  /// Codable path sets up a JSON decoder per JSON column per row (a third of the command).
  public init(row: Row) throws {
    (id, name, summary, description) = (row["id"], row["name"], row["summary"], row["description"])
    saves = try JSONDecoder().decode([String].self, from: row["saves"] as Data)
    domains = try JSONDecoder().decode([String].self, from: row["domains"] as Data)
    (exampleId, sourcePath) = (row["exampleId"], row["sourcePath"])
  }
}

/// Another name a technique is known by.
public struct TechniqueAlias: Codable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "techniqueAlias"
  public var techniqueId: String
  public var alias: String
}

/// A technique's place in a survey tree.
public struct Classification: Codable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "classification"
  public var techniqueId: String
  public var nodeId: String
  public var provenance: Provenance
  public var rationale: String
}

extension Classification {
  /// Read by column, not through Codable: every list reads all of them.
  public init(row: Row) throws {
    (techniqueId, nodeId, provenance, rationale) = (row["techniqueId"], row["nodeId"], row["provenance"], row["rationale"])
  }
}

/// A bibliography entry.
public struct Paper: Codable, Sendable, Identifiable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "paper"
  /// The BibTeX key.
  public var id: String
  public var entryType: String
  public var title: String
  public var authors: [String]
  public var year: Int
  public var venue: String
  public var arxiv: String?
  public var doi: String?
  public var url: String?
  public var verified: Bool
  /// All BibTeX fields as written (the custom ones included), for `hasten cite`.
  public var fields: [String: String]
}

/// A survey believed to cite a paper, and how sure we are (H, M or L).
public struct SurveyCitation: Codable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "surveyCitation"
  public var surveyId: String
  public var paperId: String
  public var confidence: String
}

/// A paper attached to a technique, with its role.
public struct TechniquePaper: Codable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "techniquePaper"
  public var techniqueId: String
  public var paperId: String
  public var role: String
  public var position: Int
}

/// A number from the literature, in our words.
public struct Claim: Codable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "claim"
  public var techniqueId: String
  public var position: Int
  public var value: Double
  public var unit: String
  public var metric: String
  public var setting: String
  public var paperId: String
  /// Where in (or beside) the paper the number was read, when not the abstract.
  public var source: String?
}

/// composes-with, conflicts-with or variant-of, between two techniques.
public struct Relation: Codable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "relation"
  public var techniqueId: String
  public var kind: String
  public var otherId: String
}

/// A suggested hyperparameter value with its reason.
public struct Hyperparameter: Codable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "hyperparameter"
  public var techniqueId: String
  public var position: Int
  public var name: String
  public var value: String
  public var reason: String
}

/// A caveat sentence.
public struct Caveat: Codable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "caveat"
  public var techniqueId: String
  public var position: Int
  public var text: String
}

/// A runnable reference implementation, examples/<id>.swift.
public struct Example: Codable, Sendable, Identifiable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "example"
  public var id: String
  public var techniqueId: String
  public var path: String
}

extension Claim {
  /// The value as people write it: 1.29 stays 1.29, 10.0 becomes 10.
  public var displayValue: String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}
