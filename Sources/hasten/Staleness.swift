// Whether the default database is older than any source it is built from. Every query checks
// this before it runs, so it must cost little: plain stat() and readdir() over the ~250 files,
// where Foundation's URL resource values took a third of a `hasten search`.
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// True when the database is missing or older than any file or folder in taxonomy/,
/// examples/ or results/ (a folder's time changes when a file is added or removed).
func isStale(_ paths: ProjectPaths) throws -> Bool {
  guard let built = FileTime.modified(paths.defaultDatabase.path)?.time else { return true }
  return [paths.taxonomy, paths.examples, paths.root.appendingPathComponent("results")].contains {
    FileTime.anyModified(under: $0.path, after: built)
  }
}

enum FileTime {
  /// Modification time in nanoseconds since the epoch, and whether the path is a folder.
  static func modified(_ path: String) -> (time: Int, isFolder: Bool)? {
    #if canImport(Glibc)
      var info = stat()
      guard stat(path, &info) == 0 else { return nil }
      return (info.st_mtim.tv_sec * 1_000_000_000 + info.st_mtim.tv_nsec, (info.st_mode & S_IFMT) == S_IFDIR)
    #else
      guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
        let date = attributes[.modificationDate] as? Date
      else { return nil }
      return (Int(date.timeIntervalSince1970 * 1e9), attributes[.type] as? FileAttributeType == .typeDirectory)
    #endif
  }

  /// Whether `path` or anything below it was modified after `time`.
  static func anyModified(under path: String, after time: Int) -> Bool {
    guard let (modified, isFolder) = modified(path) else { return false }
    if modified > time { return true }
    guard isFolder, let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return false }
    return names.contains { anyModified(under: path + "/" + $0, after: time) }
  }
}
