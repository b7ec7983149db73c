// `hasten bench engine`: argument checks and the report's shape (one short MLP run; the test
// reads the table's layout, never its times).
import Foundation
import Testing

@Suite struct BenchEngineTests {
  @Test func reportsOneRowPerShapeAndThreadCount() throws {
    let r = try hasten(["bench", "engine", "--shape", "mlp", "--threads", "1", "--steps", "1"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("ms/step"))
    #expect(r.stdout.split(separator: "\n").filter { $0.hasPrefix("mlp ") }.count == 1)
  }

  @Test func rejectsBadArguments() throws {
    #expect(try hasten(["bench", "engine", "--steps", "0"]).status == 64)
    #expect(try hasten(["bench", "engine", "--shape", "rnn"]).status == 64)
  }
}
