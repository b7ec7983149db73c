// A small BibTeX reader: entries with braced, quoted, numeric or macro values joined by `#`,
// `@string` macros, `@comment` and `@preamble` blocks, and free text between entries (which
// BibTeX treats as a comment, so `%` lines work too). Field names are lowercased; values keep
// their inner braces. Every entry and field remembers its line, for error messages.

/// One `@type{key, field = value, ...}` entry.
public struct BibEntry: Sendable, Equatable {
  public var type: String
  public var key: String
  public var fields: [String: String]
  /// Line of each field's name, 1-based.
  public var fieldLines: [String: Int]
  /// Line of the `@`, 1-based.
  public var line: Int
}

/// A syntax error in a .bib file, with its line.
public struct BibTeXError: Error, Equatable, CustomStringConvertible {
  public var line: Int
  public var message: String
  public var description: String { "line \(line): \(message)" }
}

/// Parses BibTeX text into entries, in file order.
public func parseBibTeX(_ text: String) throws -> [BibEntry] {
  var parser = BibTeXParser(Array(text.unicodeScalars))
  return try parser.parse()
}

private struct BibTeXParser {
  let s: [Unicode.Scalar]
  var i = 0
  var line = 1
  var macros: [String: String] = [
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
    "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
  ]

  init(_ s: [Unicode.Scalar]) { self.s = s }

  var atEnd: Bool { i >= s.count }
  var peek: Unicode.Scalar? { atEnd ? nil : s[i] }

  mutating func advance() {
    if s[i] == "\n" { line += 1 }
    i += 1
  }

  func fail(_ message: String, at line: Int? = nil) -> BibTeXError {
    BibTeXError(line: line ?? self.line, message: message)
  }

  mutating func skipSpace() {
    // ASCII first: Unicode property lookups cost more than the rest of the parse together.
    while let c = peek, c.isASCII ? (c == " " || c == "\n" || c == "\t" || c == "\r") : c.properties.isWhitespace { advance() }
  }

  mutating func parse() throws -> [BibEntry] {
    var entries: [BibEntry] = []
    while !atEnd {
      // Everything up to the next '@' is a comment.
      while let c = peek, c != "@" {
        if c == "%" { while let d = peek, d != "\n" { advance() } } else { advance() }
      }
      guard !atEnd else { break }
      let start = line
      advance()  // '@'
      let type = readName().lowercased()
      guard !type.isEmpty else { throw fail("expected an entry type after '@'") }
      skipSpace()
      guard let open = peek, open == "{" || open == "(" else {
        throw fail("expected '{' or '(' after '@\(type)'")
      }
      let close: Unicode.Scalar = open == "{" ? "}" : ")"
      advance()
      switch type {
      case "comment", "preamble":
        try skipBalanced(close: close, from: start)
      case "string":
        skipSpace()
        let name = readName().lowercased()
        guard !name.isEmpty else { throw fail("@string needs a macro name") }
        skipSpace()
        guard peek == "=" else { throw fail("expected '=' after @string name '\(name)'") }
        advance()
        macros[name] = try readValue()
        skipSpace()
        guard peek == close else { throw fail("expected '\(close)' to close @string '\(name)'") }
        advance()
      default:
        entries.append(try readEntry(type: type, close: close, start: start))
      }
    }
    return entries
  }

  mutating func readEntry(type: String, close: Unicode.Scalar, start: Int) throws -> BibEntry {
    skipSpace()
    var key = ""
    while let c = peek, c != ",", c != close, !c.properties.isWhitespace {
      key.unicodeScalars.append(c)
      advance()
    }
    guard !key.isEmpty else { throw fail("@\(type) entry has no citation key", at: start) }
    var entry = BibEntry(type: type, key: key, fields: [:], fieldLines: [:], line: start)
    while true {
      skipSpace()
      guard let c = peek else { throw fail("entry '\(key)' is not closed (missing '\(close)')", at: start) }
      if c == close { advance(); return entry }
      guard c == "," else { throw fail("expected ',' or '\(close)' in entry '\(key)', found '\(c)'") }
      advance()
      skipSpace()
      if peek == close { advance(); return entry }  // trailing comma
      let fieldLine = line
      let name = readName().lowercased()
      guard !name.isEmpty else { throw fail("expected a field name in entry '\(key)'") }
      skipSpace()
      guard peek == "=" else { throw fail("expected '=' after field '\(name)' in entry '\(key)'") }
      advance()
      if entry.fields[name] != nil { throw fail("field '\(name)' appears twice in entry '\(key)'") }
      entry.fields[name] = try readValue()
      entry.fieldLines[name] = fieldLine
    }
  }

  /// A value: parts joined by '#', each braced, quoted, a number or a macro name.
  mutating func readValue() throws -> String {
    var result = ""
    while true {
      skipSpace()
      guard let c = peek else { throw fail("expected a value, found the end of the file") }
      if c == "{" {
        let start = line
        advance()
        result += try readBraced(from: start)
      } else if c == "\"" {
        let start = line
        advance()
        result += try readQuoted(from: start)
      } else if c.properties.numericType != nil {
        while let d = peek, d.properties.numericType != nil {
          result.unicodeScalars.append(d)
          advance()
        }
      } else {
        let name = readName().lowercased()
        guard !name.isEmpty else { throw fail("expected a value, found '\(c)'") }
        guard let value = macros[name] else { throw fail("undefined @string macro '\(name)'") }
        result += value
      }
      skipSpace()
      if peek == "#" { advance() } else { return result }
    }
  }

  /// Text up to the matching '}', keeping nested braces.
  mutating func readBraced(from start: Int) throws -> String {
    var depth = 0
    var out = ""
    while let c = peek {
      if c == "{" { depth += 1 } else if c == "}" {
        if depth == 0 { advance(); return out }
        depth -= 1
      }
      out.unicodeScalars.append(c)
      advance()
    }
    throw fail("unbalanced braces: '{' opened here is never closed", at: start)
  }

  /// Text up to the closing '"' at brace depth 0.
  mutating func readQuoted(from start: Int) throws -> String {
    var depth = 0
    var out = ""
    while let c = peek {
      if c == "\"" && depth == 0 { advance(); return out }
      if c == "{" { depth += 1 } else if c == "}" { depth -= 1 }
      out.unicodeScalars.append(c)
      advance()
    }
    throw fail("unterminated quoted value", at: start)
  }

  /// Skips to the `close` ending a block. Braces nest in both kinds of block; parentheses nest
  /// only in a parenthesized one, so a lone ")" in a braced comment is plain text.
  mutating func skipBalanced(close: Unicode.Scalar, from start: Int) throws {
    let open: Unicode.Scalar = close == "}" ? "{" : "("
    var depth = 0
    while let c = peek {
      advance()
      if c == open || c == "{" { depth += 1 } else if c == close || c == "}" {
        if depth == 0 { return }
        depth -= 1
      }
    }
    throw fail("block opened here is never closed", at: start)
  }

  /// An identifier: letters, digits and the punctuation BibTeX allows in names.
  mutating func readName() -> String {
    var out = ""
    func isNameScalar(_ c: Unicode.Scalar) -> Bool {
      if c.isASCII {
        let v = c.value
        return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) || "_-:.+/'".unicodeScalars.contains(c)
      }
      return c.properties.isAlphabetic || c.properties.numericType != nil
    }
    while let c = peek, isNameScalar(c) {
      out.unicodeScalars.append(c)
      advance()
    }
    return out
  }
}
