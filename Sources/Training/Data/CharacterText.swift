// Plain text as a character-level language-modelling data set: the vocabulary is the sorted
// set of characters in the text, and each example is a window of T characters whose labels
// are the T characters that follow each position (inputs c[i..<i+T], labels c[i+1...i+T]).
// The text is split into train, validation and test *contiguously* (a random split of
// overlapping text would leak), and windows do not overlap within a split.
import Foundation
import Tensor

/// A character vocabulary.
public struct CharacterVocabulary: Sendable, Equatable {
  public let characters: [Character]
  private let index: [Character: Int]

  public init(_ text: String) {
    characters = Array(Set(text)).sorted()
    index = Dictionary(uniqueKeysWithValues: characters.enumerated().map { ($1, $0) })
  }

  public var count: Int { characters.count }
  public func encode(_ text: String) -> [Int] { text.map { index[$0]! } }
  public func decode(_ ids: [Int]) -> String { String(ids.map { characters[$0] }) }
}

extension Dataset {
  /// Reads up to `limit` characters of the text file at `url` and returns the vocabulary with
  /// train, validation and test sets of `context`-character windows (fractions of the text).
  public static func characters(
    text url: URL, context: Int, limit: Int? = nil, validationFraction: Double = 0.05, testFraction: Double = 0.05,
    classes: Int? = nil
  ) throws -> (vocabulary: CharacterVocabulary, train: Dataset, validation: Dataset, test: Dataset) {
    guard let data = FileManager.default.contents(atPath: url.path) else { throw DataError(file: url.path, "cannot read the text (missing?)") }
    guard let full = String(data: data, encoding: .utf8) else { throw DataError(file: url.path, "not valid UTF-8 text") }
    let text = limit.map { String(full.prefix($0)) } ?? full
    guard text.count > 20 * context else {
      throw DataError(file: url.path, "\(text.count) characters are too few for windows of \(context)")
    }
    let vocabulary = CharacterVocabulary(text)
    // A model may reserve more output classes than the text uses (a fixed vocabulary size).
    let classes = classes ?? vocabulary.count
    guard classes >= vocabulary.count else {
      throw DataError(file: url.path, "has \(vocabulary.count) distinct characters; the model's vocabulary holds \(classes)")
    }
    let ids = vocabulary.encode(text)
    let testStart = Int(Double(ids.count) * (1 - testFraction))
    let validationStart = Int(Double(ids.count) * (1 - testFraction - validationFraction))
    func windows(_ part: ArraySlice<Int>, _ name: String) -> Dataset {
      let part = Array(part)
      let n = (part.count - 1) / context
      var features: [Float] = []
      var labels: [Int] = []
      features.reserveCapacity(n * context)
      labels.reserveCapacity(n * context)
      for w in 0..<n {
        let start = w * context
        features.append(contentsOf: part[start..<(start + context)].map(Float.init))
        labels.append(contentsOf: part[(start + 1)...(start + context)])
      }
      return Dataset(name: name, features: features, labels: labels, featureCount: context, classes: classes, labelsPerExample: context)
    }
    let base = url.deletingPathExtension().lastPathComponent
    return (
      vocabulary, windows(ids[..<validationStart], "\(base)/train"), windows(ids[validationStart..<testStart], "\(base)/validation"),
      windows(ids[testStart...], "\(base)/test")
    )
  }
}
