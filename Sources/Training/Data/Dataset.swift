// An in-memory labelled data set: N examples of D features each, flat and row-major, with
// `labelsPerExample` integer class labels each: one for a classifier, T for a language model
// whose example is a window of T tokens. Splits and batch order are fixed by a seed.
import Tensor

/// N examples of `featureCount` float features, each with a label in 0..<classes.
public struct Dataset: Sendable {
  public let name: String
  public var features: [Float]  // [N, D]
  public var labels: [Int]  // [N * labelsPerExample]
  public let featureCount: Int
  public let classes: Int
  public let labelsPerExample: Int

  public init(name: String, features: [Float], labels: [Int], featureCount: Int, classes: Int, labelsPerExample: Int = 1) {
    precondition(
      labels.count % labelsPerExample == 0 && features.count == labels.count / labelsPerExample * featureCount,
      "Dataset(\(name)): \(features.count) features for \(labels.count) labels (\(labelsPerExample) per example) of \(featureCount)")
    self.name = name
    self.features = features
    self.labels = labels
    self.featureCount = featureCount
    self.classes = classes
    self.labelsPerExample = labelsPerExample
  }

  /// Number of examples.
  public var count: Int { labels.count / labelsPerExample }

  /// The examples at `indices`, in that order.
  public func subset(_ indices: [Int], name: String? = nil) -> Dataset {
    var f = [Float]()
    f.reserveCapacity(indices.count * featureCount)
    for i in indices { f.append(contentsOf: features[(i * featureCount)..<((i + 1) * featureCount)]) }
    let l = labelsPerExample
    return Dataset(
      name: name ?? self.name, features: f, labels: indices.flatMap { labels[($0 * l)..<(($0 + 1) * l)] }, featureCount: featureCount,
      classes: classes, labelsPerExample: l)
  }

  /// Splits into train, validation and test sets by a seeded shuffle, so every run and every
  /// technique sees the same split for the same seed.
  public func split(validation: Int, test: Int, seed: UInt64) -> (train: Dataset, validation: Dataset, test: Dataset) {
    precondition(validation + test < count, "split: \(validation) + \(test) leaves no training data of \(count)")
    var rng = RNG(seed: seed)
    let order = rng.permutation(count)
    let testIdx = Array(order[0..<test])
    let valIdx = Array(order[test..<(test + validation)])
    let trainIdx = Array(order[(test + validation)...])
    return (subset(trainIdx, name: "\(name)/train"), subset(valIdx, name: "\(name)/validation"), subset(testIdx, name: "\(name)/test"))
  }

  /// Inputs [B,D] and one-hot targets [B*L,C] (L labels per example) for the examples at
  /// `indices`.
  public func batch(_ indices: ArraySlice<Int>) -> (inputs: Tensor, targets: Tensor, labels: [Int]) {
    var x = [Float](repeating: 0, count: indices.count * featureCount)
    for (row, i) in indices.enumerated() {
      for d in 0..<featureCount { x[row * featureCount + d] = features[i * featureCount + d] }
    }
    let l = labelsPerExample
    let y = indices.flatMap { labels[($0 * l)..<(($0 + 1) * l)] }
    return (Tensor(shape: [indices.count, featureCount], data: x), Tensor.oneHot(y, classes: classes), y)
  }
}
