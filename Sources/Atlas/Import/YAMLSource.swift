// Reading hand-written YAML with line numbers. Yams' node API keeps each node's position, so
// every problem can say exactly where it is; typed accessors record a problem and return nil
// instead of throwing, letting the importer report everything at once.
import Foundation
import Yams

/// A parsed YAML file and the problems found while reading it.
final class YAMLSource {
  let file: String
  private(set) var problems: [ImportProblem] = []
  let root: Node?

  /// Parses `text`; a syntax error becomes a problem with its line.
  init(file: String, text: String) {
    self.file = file
    do {
      // The basic resolver tags every scalar as text: we convert values ourselves (with line
      // numbers in our errors), and Yams' default resolver runs a regular expression per scalar.
      root = try Yams.compose(yaml: text, .basic)
    } catch let error as YamlError {
      root = nil
      problems.append(Self.syntaxProblem(file: file, error))
    } catch {
      root = nil
      problems.append(ImportProblem(file: file, line: 1, field: "", "cannot parse YAML: \(error)"))
    }
  }

  static func syntaxProblem(file: String, _ error: YamlError) -> ImportProblem {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
      return ImportProblem(file: file, line: mark.line, field: "", "YAML syntax error: \(problem)")
    default:
      return ImportProblem(file: file, line: 1, field: "", "YAML error: \(error)")
    }
  }

  func problem(_ node: Node?, _ field: String, _ message: String) {
    problems.append(ImportProblem(file: file, line: node?.mark?.line ?? 1, field: field, message))
  }

  func problem(line: Int, _ field: String, _ message: String) {
    problems.append(ImportProblem(file: file, line: line, field: field, message))
  }

  // MARK: - Typed access

  /// The mapping at `node`, or a problem.
  func mapping(_ node: Node?, _ field: String) -> Node.Mapping? {
    guard let node else { return nil }
    guard let m = node.mapping else {
      problem(node, field, "expected a mapping (key: value lines)")
      return nil
    }
    return m
  }

  /// The items of the sequence at `node`; a missing key is an empty list.
  func sequence(_ node: Node?, _ field: String) -> [Node] {
    guard let node else { return [] }
    if case .scalar(let s) = node, s.string.isEmpty || s.string == "~" || s.string == "null" { return [] }
    guard let seq = node.sequence else {
      problem(node, field, "expected a list")
      return []
    }
    return Array(seq)
  }

  /// A non-empty string, or a problem when `required` (the line is the mapping's when absent).
  func string(_ map: Node.Mapping, _ key: String, field: String, required: Bool = true) -> String? {
    guard let node = map[raw: key] else {
      if required { problem(line: map.mark?.line ?? 1, field, "missing required field") }
      return nil
    }
    guard case .scalar(let scalar) = node else {
      problem(node, field, "expected text, found a \(node.mapping != nil ? "mapping" : "list")")
      return nil
    }
    let text = scalar.string.trimmed
    if text.isEmpty || (scalar.style == .plain && (text == "~" || text == "null")) {
      if required { problem(node, field, "must not be empty") }
      return nil
    }
    return text
  }

  /// A list of non-empty strings (a YAML list of scalars).
  func strings(_ map: Node.Mapping, _ key: String, field: String) -> [String] {
    sequence(map[raw: key], field).enumerated().compactMap { i, node in
      guard case .scalar(let s) = node, !s.string.isEmpty else {
        problem(node, "\(field)[\(i)]", "expected text")
        return nil
      }
      return s.string
    }
  }

  /// An integer, or a problem.
  func int(_ map: Node.Mapping, _ key: String, field: String, required: Bool = true) -> Int? {
    guard let text = string(map, key, field: field, required: required) else { return nil }
    guard let value = Int(text) else {
      problem(map[raw: key], field, "expected a whole number, found '\(text)'")
      return nil
    }
    return value
  }

  /// A number, or a problem.
  func double(_ map: Node.Mapping, _ key: String, field: String, required: Bool = true) -> Double? {
    guard let text = string(map, key, field: field, required: required) else { return nil }
    guard let value = Double(text), value.isFinite else {
      problem(map[raw: key], field, "expected a number, found '\(text)'")
      return nil
    }
    return value
  }

  /// One of `allowed`, or a problem listing them.
  func choice(_ map: Node.Mapping, _ key: String, field: String, allowed: [String], required: Bool = true) -> String? {
    guard let text = string(map, key, field: field, required: required) else { return nil }
    guard allowed.contains(text) else {
      problem(map[raw: key], field, "'\(text)' is not one of: \(allowed.joined(separator: ", "))")
      return nil
    }
    return text
  }

  /// Reports keys of `map` that are not in `known` (typos would otherwise vanish silently).
  func rejectUnknownKeys(_ map: Node.Mapping, known: Set<String>, field: String) {
    for (key, _) in map {
      guard let name = key.string, !known.contains(name) else { continue }
      let hint = suggestions(for: name, in: Array(known)).first.map { "; did you mean '\($0)'?" } ?? ""
      problem(key, field.isEmpty ? name : "\(field).\(name)", "unknown field\(hint)")
    }
  }
}

extension Node.Mapping {
  /// The value of the key whose text is `key`. Yams' own subscript compares nodes, which
  /// resolves every key's tag with a regular expression: most of an import's time, for keys
  /// that in our files are always plain text.
  subscript(raw key: String) -> Node? {
    for (k, v) in self where k.scalar?.string == key { return v }
    return nil
  }
}
