// Closed vocabularies of the source files. The importer rejects anything else, with the list.

public enum Vocabulary {
  public static let saves = ["fewer-steps", "cheaper-steps", "less-memory", "less-communication", "cheaper-data-pipeline"]
  public static let domains = ["vision", "language", "speech", "tabular", "graph", "any"]
  public static let paperRoles = ["introduces", "improves", "analyses", "applies", "background"]
  public static let relationKinds = ["composes-with", "conflicts-with", "variant-of"]
  public static let confidences = ["H", "M", "L"]
  /// The axes a technique must be classified under, per survey.
  public static let requiredAxes: [String: [String]] = [
    "shen2023": ["perspective"],
    "bartoldson2023": ["component", "action", "mechanism"],
  ]
}
