// `hasten bench [--quick]`: measures every example (each exactly as `hasten run` does, results
// saved under results/) and prints one summary line per example.
//
// Examples run as child `hasten run` processes, `--jobs` at a time, each with an equal share
// of the cores as BLAS threads. The workloads' matrices are small, so one thread per example
// and one example per core uses a machine better than every example on every core; and the
// A/B step timing inside each run alternates its two arms, so a neighbour's load hits both
// alike.
import ArgumentParser
import Examples
import Foundation
import Results
import Training

extension Hasten {
  struct BenchExamples: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "examples",
      abstract: "Measure every example and print a summary table (the default of `hasten bench`).")

    @Flag(help: "How much to measure per example: --smoke, --quick (default) or --full.")
    var profile: Profile = .quick

    @Option(name: .customLong("only"), help: "Measure only these examples (repeatable).")
    var only: [String] = []

    @Option(help: "Examples measured at once (default: one per core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("out"), help: "Write result sets under this folder as <slug>/<profile>.json (default: the project's results/).")
    var out: String?

    @Flag(help: "Print the result sets as JSON.")
    var json = false

    func validate() throws {
      if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
      let paths = try ProjectPaths.locate()
      let slugs = only.isEmpty ? Examples.all.keys.sorted() : only
      for slug in slugs where Examples.all[slug] == nil {
        throw usageError("No example for '\(slug)'. Examples: \(Examples.all.keys.sorted().joined(separator: ", ")).")
      }
      // An explicit OPENBLAS_NUM_THREADS wins; otherwise the cores are shared out.
      let cores = ProcessInfo.processInfo.activeProcessorCount
      let threads = ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"].flatMap(Int.init) ?? max(1, cores / jobs)
      let logs = FileManager.default.temporaryDirectory.appendingPathComponent("hasten-bench-\(getpid())")
      try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: logs) }

      let line = ProgressLine()
      line.log("bench: \(slugs.count) examples, \(profile.rawValue) profile, \(min(jobs, slugs.count)) at a time, \(threads) BLAS thread(s) each")
      var pending = slugs[...]
      var running: [Int32: (slug: String, process: Process, log: URL, start: ContinuousClock.Instant)] = [:]
      var seconds: [String: Double] = [:]
      var failed: [String] = []
      while !pending.isEmpty || !running.isEmpty {
        while running.count < jobs, let slug = pending.popFirst() {
          let log = logs.appendingPathComponent("\(slug).log")
          let process = try child(slug: slug, threads: threads, log: log, root: paths.root, output: resultsURL(slug, paths))
          running[process.processIdentifier] = (slug, process, log, .now)
        }
        line.update(
          "bench: \(seconds.count + failed.count)/\(slugs.count) done; running \(running.values.map(\.slug).sorted().joined(separator: ", "))",
          done: Double(seconds.count + failed.count) / Double(slugs.count))
        // Children take minutes; polling twice a second costs nothing and leaves reaping to
        // Foundation, which owns its processes' exit statuses.
        while !running.values.contains(where: { !$0.process.isRunning }) { Thread.sleep(forTimeInterval: 0.5) }
        for (pid, finished) in running where !finished.process.isRunning {
          running[pid] = nil
          let elapsed = (ContinuousClock.now - finished.start).seconds
          if finished.process.terminationReason == .exit && finished.process.terminationStatus == 0 {
            seconds[finished.slug] = elapsed
            let verdict = (try? ResultsFile.read(resultsURL(finished.slug, paths)))?.summary?.verdict.rawValue ?? "incomplete"
            line.log("\(finished.slug): \(verdict) (\(ProgressLine.duration(elapsed)))")
          } else {
            failed.append(finished.slug)
            let tail = (try? String(contentsOf: finished.log, encoding: .utf8))?.split(separator: "\n").suffix(5).joined(separator: "\n") ?? ""
            line.log("\(finished.slug): FAILED (status \(finished.process.terminationStatus)); the end of its output:\n\(tail)")
          }
        }
      }
      line.finish()

      let sets = try slugs.filter { seconds[$0] != nil }.map { try ResultsFile.read(resultsURL($0, paths)) }
      if json { try printJSON(sets) } else {
        let table = TextTable(header: ["example", "workload", "steps to target", "wall-clock speedup [95%]", "verdict", "measured in"])
        for set in sets {
          let summary = set.summary
          table.add([
            set.example, set.workload, summary.map { ResultText.speedupText($0.steps) } ?? "-",
            summary.map { ResultText.speedupText($0.wallClock) } ?? "-", summary?.verdict.rawValue ?? "incomplete",
            ProgressLine.duration(seconds[set.example] ?? 0),
          ])
        }
        print(table.render(), terminator: "")
        print("\(sets.count) examples, \(profile.rawValue) profile, \(min(jobs, slugs.count)) at a time, in \(ProgressLine.duration(line.elapsed))")
      }
      if !failed.isEmpty { throw usageError("\(failed.count) example(s) failed: \(failed.joined(separator: ", ")).") }
    }

    func resultsURL(_ slug: String, _ paths: ProjectPaths) -> URL {
      guard let out else { return ResultsFile.url(root: paths.root, example: slug, profile: profile.rawValue) }
      return URL(fileURLWithPath: out).appendingPathComponent(slug).appendingPathComponent("\(profile.rawValue).json")
    }

    /// Starts `hasten run SLUG --<profile>` with its output in `log`.
    func child(slug: String, threads: Int, log: URL, root: URL, output: URL) throws -> Process {
      guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw CLIError("cannot create the log \(log.path)") }
      let logHandle = try FileHandle(forWritingTo: log)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
      process.arguments = ["run", slug, "--\(profile.rawValue)", "--output", output.path]
      process.currentDirectoryURL = root
      var environment = ProcessInfo.processInfo.environment
      environment["OPENBLAS_NUM_THREADS"] = String(threads)
      process.environment = environment
      process.standardOutput = logHandle
      process.standardError = logHandle
      try process.run()
      return process
    }
  }
}
