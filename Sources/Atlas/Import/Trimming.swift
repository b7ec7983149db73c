// Whitespace trimming in plain Swift. Foundation's `trimmingCharacters(in:)` goes through
// NSString on Linux, and with every scalar of every YAML file and BibTeX author trimmed it
// was a tenth of a database build.

extension Substring {
  /// The text without leading and trailing whitespace (newlines included).
  var trimmed: String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
    return String(scalars[first...last])
  }
}

extension String {
  /// The text without leading and trailing whitespace (newlines included).
  var trimmed: String { self[...].trimmed }
}
