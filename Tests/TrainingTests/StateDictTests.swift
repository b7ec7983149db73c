// State dicts: a model's parameters and buffers round-trip through the binary format, and
// damaged, foreign, newer or mismatched files fail with a clear error and change nothing.
import Foundation
import Tensor
import Testing
import Training

@Suite struct StateDictTests {
  func tempURL() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString).hstd")
  }

  @Test func roundTripRestoresParametersAndBuffers() throws {
    var rng = RNG(seed: 1)
    let model = ResidualCNN(widths: [4, 8], rng: &rng)
    _ = model(Tensor(shape: [2, 1, 8, 8], data: (0..<128).map { _ in rng.normal() }))  // moves running stats
    let url = tempURL()
    defer { try? FileManager.default.removeItem(at: url) }
    try model.save(to: url)
    var other = RNG(seed: 2)
    let copy = ResidualCNN(widths: [4, 8], rng: &other)
    try copy.load(from: url)
    #expect(copy.stateDict() == model.stateDict())
    #expect(copy.stateDict().entries.map(\.name) == (model.parameters + model.buffers).map(\.name))
  }

  @Test func damagedFilesGiveClearErrors() throws {
    var rng = RNG(seed: 3)
    let model = MLP(widths: [3, 4, 2], rng: &rng)
    let bytes = model.stateDict().encoded()
    #expect(throws: StateDictError.truncated(source: "t", offset: bytes.count - 8, needed: 8, available: 7)) {
      try StateDict(decoding: bytes.prefix(bytes.count - 1), source: "t")
    }
    var newer = bytes
    newer[4] = 2
    #expect {
      try StateDict(decoding: newer, source: "f")
    } throws: { String(describing: $0).contains("format version 2, this build reads version 1") }
    #expect(throws: StateDictError.notAStateDict(source: "x")) { try StateDict(decoding: Data("nope".utf8), source: "x") }
  }

  @Test func mismatchedModelsAreRejectedUntouched() throws {
    var rng = RNG(seed: 4)
    let small = MLP(widths: [3, 4, 2], rng: &rng), wide = MLP(widths: [3, 5, 2], rng: &rng)
    let before = wide.stateDict()
    #expect(throws: StateDictError.shapeMismatch(name: "fc1.weight", expected: [3, 5], found: [3, 4])) {
      try wide.loadStateDict(small.stateDict())
    }
    #expect(wide.stateDict() == before)
    var partial = small.stateDict()
    partial.entries.removeLast()
    #expect(throws: StateDictError.missing(name: "fc2.bias")) { try small.loadStateDict(partial) }
    var extra = small.stateDict()
    extra.entries.append(.init(name: "fc9.bias", shape: [1], values: [0]))
    #expect(throws: StateDictError.unexpected(name: "fc9.bias")) { try small.loadStateDict(extra) }
  }
}
