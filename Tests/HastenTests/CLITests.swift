// The `hasten` binary as a user meets it: help, text and JSON output, errors and exit codes.
// Each test runs the built executable against the repository's taxonomy/ with a database in a
// temporary folder, so the checkout is left untouched.
import Foundation
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

struct CommandResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs the built `hasten` with `arguments` from the repository root (or from `root`).
func hasten(_ arguments: [String], root: URL = repositoryRoot) throws -> CommandResult {
  // The test bundle sits in the build products folder, beside the executable.
  let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  let binary = products.appendingPathComponent("hasten")
  let process = Process()
  process.executableURL = binary
  process.arguments = arguments
  process.currentDirectoryURL = root
  var environment = ProcessInfo.processInfo.environment
  environment["HASTEN_ROOT"] = root.path
  process.environment = environment
  // Output goes to temporary files rather than pipes: reading a pipe while other tests' child
  // processes exit can be interrupted by SIGCHLD (EINTR), which Foundation's pipe reading turns
  // into a crash.
  let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hasten-out-\(UUID().uuidString)")
  let outURL = scratch.appendingPathExtension("stdout"), errURL = scratch.appendingPathExtension("stderr")
  FileManager.default.createFile(atPath: outURL.path, contents: nil)
  FileManager.default.createFile(atPath: errURL.path, contents: nil)
  defer {
    try? FileManager.default.removeItem(at: outURL)
    try? FileManager.default.removeItem(at: errURL)
  }
  let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
  process.standardOutput = outHandle
  process.standardError = errHandle
  try process.run()
  process.waitUntilExit()
  try outHandle.close()
  try errHandle.close()
  let stdout = try Data(contentsOf: outURL)
  let stderr = try Data(contentsOf: errURL)
  return CommandResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}

struct CommandFailure: Error, CustomStringConvertible { var description: String }

/// One database for every query test in the process, built on first use. The tests only read
/// it (the injection tests assert that it stays unchanged); one build per test was most of
/// their time and left a 4 MB file behind each.
let sharedDatabase = Result { try buildTemporaryDatabase() }

/// A freshly built database in a temporary folder.
func buildTemporaryDatabase() throws -> String {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("hasten-cli-\(UUID().uuidString).sqlite").path
  let result = try hasten(["db", "build", "--db", path])
  guard result.status == 0 else { throw CommandFailure(description: "db build failed: \(result.stderr)") }
  return path
}

@Suite(.serialized) struct CLITests {
  let db: String
  init() throws { db = try sharedDatabase.get() }

  @Test func helpListsTheSubcommands() throws {
    let r = try hasten(["--help"])
    #expect(r.status == 0)
    for command in ["list", "show", "run", "db", "site"] { #expect(r.stdout.contains("  \(command)"), "missing \(command)") }
  }

  @Test func dbBuildReportsCounts() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("hasten-\(UUID().uuidString).sqlite").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let r = try hasten(["db", "build", "--db", path])
    #expect(r.status == 0)
    #expect(r.stdout.hasPrefix("built "))
    #expect(r.stdout.contains(" techniques, "))
    #expect(FileManager.default.fileExists(atPath: path))
  }

  @Test func showPrintsBothClassificationsWithProvenance() throws {
    let r = try hasten(["show", "mixup", "--db", db])
    #expect(r.status == 0)
    #expect(r.stdout.hasPrefix("Mixup (mixup)\n"))
    #expect(r.stdout.contains("Shen et al. 2023\n    Data-centric > Dataset regularization  [curated]"))
    #expect(r.stdout.contains("Bartoldson et al. 2023\n    component: Data  [curated]"))
    #expect(r.stdout.contains("action: "))
    #expect(r.stdout.contains("mechanism: "))
    #expect(r.stdout.contains("{zhang2018mixup}"))
    #expect(r.stdout.contains("run it: hasten run mixup --quick"))
  }

  @Test func showFindsAliasesAndNames() throws {
    #expect(try hasten(["show", "Input Mixup", "--db", db]).stdout.hasPrefix("Mixup (mixup)"))
  }

  @Test func unknownSlugSuggestsTheNearestAndExits64() throws {
    let r = try hasten(["show", "mixp", "--db", db])
    #expect(r.status == 64)
    #expect(r.stderr.contains("No technique, node or paper 'mixp'. Did you mean 'mixup'"))
    #expect(r.stdout.isEmpty)
  }

  @Test func showJSONIsTheCard() throws {
    let r = try hasten(["show", "label-smoothing", "--json", "--db", db])
    #expect(r.status == 0)
    let card = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    let technique = card?["technique"] as? [String: Any]
    #expect(technique?["id"] as? String == "label-smoothing")
    #expect((card?["classifications"] as? [Any])?.count ?? 0 >= 4)
  }

  @Test func listFiltersAndPrintsATable() throws {
    let all = try hasten(["list", "--db", db])
    #expect(all.status == 0)
    #expect(all.stdout.hasPrefix("slug "))
    #expect(all.stdout.contains("mixup "))
    let withExample = try hasten(["list", "--has-example", "--json", "--db", db])
    let rows = try JSONSerialization.jsonObject(with: Data(withExample.stdout.utf8)) as? [[String: Any]]
    #expect(rows?.compactMap { $0["id"] as? String }.contains("mixup") == true)
    #expect(rows?.allSatisfy { $0["example"] != nil } == true)
    let byPerspective = try hasten(["list", "--perspective", "optimization-centric", "--json", "--db", db])
    let ids = (try JSONSerialization.jsonObject(with: Data(byPerspective.stdout.utf8)) as? [[String: Any]])?.compactMap { $0["id"] as? String }
    #expect(ids?.contains("one-cycle-lr") == true)
    #expect(ids?.contains("mixup") == false)
  }

  @Test func listRejectsBadFilters() throws {
    let badNode = try hasten(["list", "--component", "dta", "--db", db])
    #expect(badNode.status == 64)
    #expect(badNode.stderr.contains("did you mean 'data'"))
    let badSaves = try hasten(["list", "--saves", "fast", "--db", db])
    #expect(badSaves.status == 64)
    #expect(badSaves.stderr.contains("--saves must be one of"))
  }

  @Test func dbCheckValidatesTheRealTaxonomy() throws {
    let r = try hasten(["db", "check"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("taxonomy/ is valid"))
  }

  @Test func runSmokeMeasuresBothArmsAndSavesTheResultSet() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("hasten-run-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: file) }
    let r = try hasten(["run", "mixup", "--smoke", "--output", file.path])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("baseline ") } && lines.contains { $0.hasPrefix("technique ") })
    for part in ["time to target", "steps ", "FLOPs ", "time per step (A/B", "wall-clock speedup", "verdict: "] {
      #expect(r.stdout.contains(part), "missing \(part)")
    }
    // Progress goes to standard error, as plain lines when it is not a terminal.
    #expect(r.stderr.contains("runs 1-2/2: baseline and technique, seed 1, budget 1, taking turns in 6 blocks"))
    let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
    #expect(saved?["complete"] as? Bool == true)
    #expect((saved?["runs"] as? [Any])?.count == 2)
    #expect((saved?["summary"] as? [String: Any])?["verdict"] != nil)
    let unknown = try hasten(["run", "mixpu"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("Did you mean 'mixup'?"))
    let badBudget = try hasten(["run", "mixup", "--budgets", "0,2"])
    #expect(badBudget.status == 64)
  }

  @Test func siteWritesPages() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("hasten-site-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try hasten(["site", "--out", out.path, "--db", db])
    #expect(r.status == 0, "\(r.stderr)")
    let page = try String(contentsOf: out.appendingPathComponent("techniques/mixup.html"), encoding: .utf8)
    #expect(page.contains("<h1>Mixup</h1>"))
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("style.css").path))
  }
}
