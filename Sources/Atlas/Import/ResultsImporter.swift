// results/<slug>/<profile>.json -> measured result sets. Each file is one example's
// measurement in the format of the Results module; the importer checks that it decodes, that
// its format version is known, and that it belongs to a technique of the atlas.
// results/sweeps/ holds the baselines' learning-rate sweeps, a different record, read by
// nobody but people and the site.
import Foundation
import Results

enum ResultsImporter {
  /// Every result file under `root`/results, decoded, with its path relative to the root.
  static func read(root: URL, problems: inout [ImportProblem]) -> [(path: String, set: ResultSet)] {
    let dir = root.appendingPathComponent("results")
    guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { return [] }
    var found: [(String, ResultSet)] = []
    let paths = walker.compactMap { ($0 as? URL) }.filter { $0.pathExtension == "json" }
      .map { "results/" + $0.path.dropFirst(dir.path.count + 1) }
      .filter { !$0.hasPrefix("results/sweeps/") }.sorted()
    // Decoding is most of the work and the files are independent: decode on every core,
    // then report in path order.
    // Each file decoded as a result set, or the decoding error; nil when it cannot be read.
    let decoded = paths.concurrentMap { relative -> Result<ResultSet, any Error>? in
      FileManager.default.contents(atPath: root.appendingPathComponent(relative).path).map { data in
        Result { try ResultSet.decoded(from: data) }
      }
    }
    for (relative, outcome) in zip(paths, decoded) {
      func problem(_ field: String, _ message: String) { problems.append(ImportProblem(file: relative, line: 1, field: field, message)) }
      do {
        guard let set = try outcome?.get() else {
          problem("", "cannot read the file")
          continue
        }
        guard set.format == ResultSet.currentFormat else {
          problem("format", "format \(set.format) is not known (this hasten reads format \(ResultSet.currentFormat)); re-run the measurement")
          continue
        }
        found.append((relative, set))
      } catch let DecodingError.keyNotFound(key, context) {
        problem(fieldPath(context.codingPath + [key]), "missing required field")
      } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
        problem(fieldPath(context.codingPath), context.debugDescription)
      } catch let DecodingError.dataCorrupted(context) {
        problem(fieldPath(context.codingPath), "not valid JSON: \(context.debugDescription)")
      } catch {
        problem("", "cannot decode: \(error)")
      }
    }
    return found
  }

  /// "runs[0].seed" from a coding path.
  static func fieldPath(_ path: [any CodingKey]) -> String {
    path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().replacingOccurrences(of: "^\\.", with: "", options: .regularExpression)
  }
}
