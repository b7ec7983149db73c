// Data loading: the digits CSV reader's checks, and seeded splits.
import Foundation
import Testing
import Training

@Suite struct DatasetTests {
  func write(_ text: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("digits-\(UUID().uuidString).csv")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  @Test func readsAndScalesRows() throws {
    let row = (0..<64).map { String($0 % 17) }.joined(separator: ",")
    let url = try write("\(row),3\n\(row),7\n")
    let data = try Dataset.digits(csv: url)
    #expect(data.count == 2)
    #expect(data.labels == [3, 7])
    #expect(data.features[16] == 1)  // 16 / 16
  }

  @Test func malformedRowsNameFileAndLine() throws {
    let good = (0..<64).map { _ in "1" }.joined(separator: ",")
    let url = try write("\(good),1\n1,2,3\n")
    #expect {
      try Dataset.digits(csv: url)
    } throws: { error in
      let text = String(describing: error)
      return text.contains("\(url.path):2:") && text.contains("expected 65") && text.contains("scripts/setup")
    }
    let badLabel = try write("\(good),12\n")
    #expect(throws: DataError.self) { try Dataset.digits(csv: badLabel) }
  }

  @Test func missingFileSaysHowToFetchIt() {
    let url = URL(fileURLWithPath: "/nonexistent/digits.csv")
    #expect {
      try Dataset.digits(csv: url)
    } throws: { error in String(describing: error).contains("run scripts/setup") }
  }

  @Test func splitsArePartitionsFixedBySeed() {
    let data = Dataset.syntheticDigits(count: 200, seed: 2)
    let a = data.split(validation: 30, test: 40, seed: 9)
    let b = data.split(validation: 30, test: 40, seed: 9)
    #expect(a.train.count == 130 && a.validation.count == 30 && a.test.count == 40)
    #expect(a.test.features == b.test.features)
    #expect(a.train.labels == b.train.labels)
  }
}
