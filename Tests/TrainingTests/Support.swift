// Shared test helpers: the repository root and the digits data when it has been fetched.
import Foundation
import Training

/// The repository root, found from this file's path (Tests/TrainingTests/Support.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The real UCI digits when scripts/setup has fetched them, else a synthetic set of the same
/// shape, so the tests run (and say which) either way.
func digitsOrSynthetic() -> (Dataset, isReal: Bool) {
  let url = repositoryRoot.appendingPathComponent("data/digits/digits.csv")
  if let real = try? Dataset.digits(csv: url) { return (real, true) }
  return (Dataset.syntheticDigits(count: 1000, seed: 1), false)
}
