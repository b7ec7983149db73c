// Everything the importer read from taxonomy/ and results/, as the records the database will hold.
import Results

/// The validated content of taxonomy/, ready to write.
public struct Catalog: Sendable {
  public var papers: [Paper] = []
  public var surveyCitations: [SurveyCitation] = []
  public var surveys: [Survey] = []
  public var nodes: [TaxonomyNode] = []
  public var examples: [Example] = []
  public var techniques: [Technique] = []
  public var aliases: [TechniqueAlias] = []
  public var classifications: [Classification] = []
  public var techniquePapers: [TechniquePaper] = []
  public var claims: [Claim] = []
  public var relations: [Relation] = []
  public var hyperparameters: [Hyperparameter] = []
  public var caveats: [Caveat] = []
  /// Measured result sets from results/, with the file each came from.
  public var results: [(path: String, set: ResultSet)] = []

  public init() {}
}
