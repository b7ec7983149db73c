// Problems found while importing taxonomy/, each pointing at a file, line and field, so a
// human can fix the source. The importer collects all of them before failing.

/// One thing wrong with a source file.
public struct ImportProblem: Error, Sendable, Equatable, Comparable, CustomStringConvertible {
  /// Path relative to the project root, e.g. "taxonomy/techniques/mixup.yaml".
  public var file: String
  public var line: Int
  /// The field concerned, dotted ("classification.shen2023[0].node"); empty for the whole file.
  public var field: String
  public var message: String

  public init(file: String, line: Int, field: String, _ message: String) {
    self.file = file
    self.line = line
    self.field = field
    self.message = message
  }

  /// `file:line: field: message`, the shape compilers use, so editors can jump to it.
  public var description: String {
    field.isEmpty ? "\(file):\(line): \(message)" : "\(file):\(line): \(field): \(message)"
  }

  public static func < (a: ImportProblem, b: ImportProblem) -> Bool {
    (a.file, a.line, a.field, a.message) < (b.file, b.line, b.field, b.message)
  }
}

/// The import failed; `problems` lists everything found, sorted by file and line.
public struct ImportFailure: Error, CustomStringConvertible {
  public var problems: [ImportProblem]
  public var description: String {
    let list = problems.map(\.description).joined(separator: "\n")
    return "\(list)\n\(problems.count) problem\(problems.count == 1 ? "" : "s") in taxonomy/; the database was not changed"
  }
}
