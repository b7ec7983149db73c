// UCI Optical Recognition of Handwritten Digits (Alpaydin & Kaynak), as scikit-learn ships
// it: 1,797 rows of 64 pixel intensities (8x8, values 0..16) followed by the label 0..9.
// scripts/setup puts it at data/digits/digits.csv.
import Foundation
import Tensor

extension Dataset {
  /// Reads the digits CSV; pixel values are scaled to [0, 1].
  public static func digits(csv url: URL) throws -> Dataset {
    let path = url.path
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      throw DataError(file: path, "cannot read the UCI digits CSV (missing or not UTF-8)")
    }
    var features: [Float] = []
    var labels: [Int] = []
    features.reserveCapacity(1797 * 64)
    for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if line.isEmpty { continue }
      let fields = line.split(separator: ",")
      guard fields.count == 65 else {
        throw DataError(file: path, line: n + 1, "expected 65 comma-separated values (64 pixels, label), found \(fields.count)")
      }
      for field in fields.dropLast() {
        guard let v = Float(field.trimmingCharacters(in: .whitespaces)), v >= 0, v <= 16 else {
          throw DataError(file: path, line: n + 1, "pixel value '\(field)' is not a number in 0...16")
        }
        features.append(v / 16)
      }
      guard let raw = Float(fields[64].trimmingCharacters(in: .whitespaces)), let label = Int(exactly: raw), (0..<10).contains(label) else {
        throw DataError(file: path, line: n + 1, "label '\(fields[64])' is not an integer in 0...9")
      }
      labels.append(label)
    }
    guard !labels.isEmpty else { throw DataError(file: path, "the file holds no rows") }
    return Dataset(name: "digits", features: features, labels: labels, featureCount: 64, classes: 10)
  }

  /// A synthetic stand-in with the digits' shape: 10 Gaussian clusters in 64 dimensions.
  /// Tests use it where the real data set has not been fetched.
  public static func syntheticDigits(count: Int = 1000, seed: UInt64 = 0) -> Dataset {
    var rng = RNG(seed: seed)
    let centers = (0..<(10 * 64)).map { _ in rng.uniform() }
    var features: [Float] = []
    var labels: [Int] = []
    for i in 0..<count {
      let label = i % 10
      for d in 0..<64 { features.append(min(max(centers[label * 64 + d] + 0.35 * rng.normal(), 0), 1)) }
      labels.append(label)
    }
    return Dataset(name: "synthetic-digits", features: features, labels: labels, featureCount: 64, classes: 10)
  }
}
