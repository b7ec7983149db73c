// Where things live: the project root is the nearest folder, from the working directory up,
// that holds taxonomy/surveys.yaml (or HASTEN_ROOT). The database, data and site output sit
// beside taxonomy/.
import Foundation

struct ProjectPaths {
  let root: URL
  var taxonomy: URL { root.appendingPathComponent("taxonomy") }
  var data: URL { root.appendingPathComponent("data") }
  var examples: URL { root.appendingPathComponent("examples") }
  var site: URL { root.appendingPathComponent("site") }
  var defaultDatabase: URL { root.appendingPathComponent("atlas.sqlite") }
  var defaultSiteOutput: URL { root.appendingPathComponent("_site") }

  /// Finds the project root or explains how to point at one.
  static func locate() throws -> ProjectPaths {
    let fm = FileManager.default
    if let env = ProcessInfo.processInfo.environment["HASTEN_ROOT"], !env.isEmpty {
      return ProjectPaths(root: URL(fileURLWithPath: env).standardizedFileURL)
    }
    var dir = URL(fileURLWithPath: fm.currentDirectoryPath).standardizedFileURL
    while true {
      if fm.fileExists(atPath: dir.appendingPathComponent("taxonomy/surveys.yaml").path) {
        return ProjectPaths(root: dir)
      }
      let parent = dir.deletingLastPathComponent()
      if parent.path == dir.path { break }
      dir = parent
    }
    throw CLIError(
      "no Hasten project here: no taxonomy/surveys.yaml in this folder or above it",
      hint: "run hasten inside a Hasten checkout, or set HASTEN_ROOT to one")
  }
}

/// A runtime error for the user: what went wrong and the command that fixes it. Exit code 1.
struct CLIError: Error, CustomStringConvertible {
  let message: String
  let hint: String?
  init(_ message: String, hint: String? = nil) {
    self.message = message
    self.hint = hint
  }
  var description: String { hint.map { "\(message)\nhint: \($0)" } ?? message }
}
