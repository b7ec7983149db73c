// The commit a measurement was made at, from git when the checkout is a repository; "+dirty"
// marks uncommitted changes to anything but results/, and "+stale-build" a running binary
// older than the sources it is built from (built before the last edit or checkout, so the
// commit named may not be the code that ran).
import Foundation

enum GitInfo {
  static func commit(at root: URL) -> String? {
    guard let head = run(["rev-parse", "--short=12", "HEAD"], at: root) else { return nil }
    let status = run(["status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)results"], at: root) ?? ""
    return head + (status.isEmpty ? "" : "+dirty") + (binaryPredatesSources(root) ? "+stale-build" : "")
  }

  /// Whether the running executable is older than anything in Sources/, examples/ or Package.swift.
  static func binaryPredatesSources(_ root: URL) -> Bool {
    guard let built = FileTime.modified("/proc/self/exe")?.time else { return false }
    return ["Sources", "examples", "Package.swift"].contains { FileTime.anyModified(under: root.appendingPathComponent($0).path, after: built) }
  }

  private static func run(_ arguments: [String], at root: URL) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", root.path] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = (try? out.fileHandleForReading.readToEnd()) ?? Data()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
