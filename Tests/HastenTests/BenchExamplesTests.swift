// `hasten bench [examples]`: examples run as child processes and come back as one table row
// each, with results written where --out says (the checkout's results/ is left untouched).
import Foundation
import Testing

@Suite struct BenchExamplesTests {
  @Test func measuresEachExampleInAChildAndTabulatesIt() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("hasten-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try hasten(["bench", "--smoke", "--only", "mixup", "--jobs", "2", "--out", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.split(separator: "\n").contains { $0.hasPrefix("mixup ") && $0.contains("digits-mlp") })
    #expect(r.stdout.contains("1 examples, smoke profile, 1 at a time"))
    #expect(r.stderr.contains("mixup: "))
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("mixup/smoke.json").path))
  }

  @Test func rejectsBadArguments() throws {
    #expect(try hasten(["bench", "--jobs", "0"]).status == 64)
    let unknown = try hasten(["bench", "--only", "mixpu"])
    #expect(unknown.status == 64 && unknown.stderr.contains("No example for 'mixpu'"))
  }
}
