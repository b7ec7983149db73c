// The IDX (Fashion-MNIST) and plain-text loaders: what they read, and the errors that name the
// file for a wrong magic number, a truncated file or labels that do not match the images.
import Foundation
import Testing
import Training

@Suite struct LoaderTests {
  func file(_ bytes: [UInt8]) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("idx-\(UUID().uuidString)")
    try Data(bytes).write(to: url)
    return url
  }
  func be(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 255), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }

  /// Two 4x4 images: the first all 255, the second a gradient 0...15.
  func images() throws -> URL { try file(be(0x803) + be(2) + be(4) + be(4) + [UInt8](repeating: 255, count: 16) + (0..<16).map(UInt8.init)) }
  func labels(_ values: [UInt8] = [3, 9]) throws -> URL { try file(be(0x801) + be(values.count) + values) }

  @Test func readsAndDownsamplesByArea() throws {
    let full = try Dataset.fashionMNIST(images: try images(), labels: try labels())
    #expect(full.count == 2 && full.featureCount == 16 && full.labels == [3, 9])
    #expect(full.features[0] == 1 && full.features[16] == 0)
    let small = try Dataset.fashionMNIST(images: try images(), labels: try labels(), downsample: 2)
    #expect(small.featureCount == 4)
    // The second image's top-left 2x2 block holds 0, 1, 4, 5: mean 2.5 of 255.
    #expect(abs(small.features[4] - 2.5 / 255) < 1e-6)
  }

  @Test(arguments: ["magic", "truncated", "count", "label"])
  func malformedFilesNameTheFile(problem: String) throws {
    var imageFile = try images(), labelFile = try labels()
    var expected = ""
    switch problem {
    case "magic":
      imageFile = try file(be(0x801) + be(0))
      expected = "not an IDX image file: magic number 0x00000803 expected, found 0x00000801"
    case "truncated":
      imageFile = try file(be(0x803) + be(2) + be(4) + be(4) + [UInt8](repeating: 0, count: 20))
      expected = "truncated or padded: 2 images of 4x4 need 48 bytes, the file has 36"
    case "count":
      labelFile = try labels([1, 2, 3])
      expected = "holds 3 labels but"
    default:
      labelFile = try labels([1, 12])
      expected = "label 12 of example"
    }
    #expect {
      try Dataset.fashionMNIST(images: imageFile, labels: labelFile)
    } throws: { error in
      let text = String(describing: error)
      return text.contains(expected) && (text.contains(imageFile.path) || text.contains(labelFile.path)) && text.contains("scripts/setup")
    }
  }

  @Test func textBecomesNonOverlappingWindowsWithNextCharacterLabels() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("text-\(UUID().uuidString).txt")
    let text = String(repeating: "abcdefghij", count: 30)
    try text.write(to: url, atomically: true, encoding: .utf8)
    let (vocabulary, train, validation, test) = try Dataset.characters(text: url, context: 4, validationFraction: 0.1, testFraction: 0.1, classes: 12)
    #expect(vocabulary.count == 10 && vocabulary.decode(vocabulary.encode("cab")) == "cab")
    #expect(train.labelsPerExample == 4 && train.classes == 12)
    // The first window reads "abcd" and predicts "bcde".
    #expect(train.features[0..<4].map { Int($0) } == vocabulary.encode("abcd"))
    #expect(Array(train.labels[0..<4]) == vocabulary.encode("bcde"))
    // Splits are contiguous: 240 / 30 / 30 characters.
    #expect(train.count == 59 && validation.count == 7 && test.count == 7)
    // A batch has one target row per character.
    let batch = train.batch([0, 1][...])
    #expect(batch.inputs.shape == [2, 4] && batch.targets.shape == [8, 12] && batch.labels.count == 8)
    #expect(throws: DataError.self) { try Dataset.characters(text: url, context: 4, classes: 5) }
  }
}
