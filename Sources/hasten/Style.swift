// Terminal styling: ANSI colours only when standard output is a terminal and NO_COLOR is unset
// (https://no-color.org), so piped output and logs stay plain text.
import Foundation

enum Style {
  static let enabled: Bool = {
    let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    return !noColor && isatty(STDOUT_FILENO) == 1
  }()

  static func bold(_ s: String) -> String { enabled ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
  static func dim(_ s: String) -> String { enabled ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
  static func accent(_ s: String) -> String { enabled ? "\u{1B}[36m\(s)\u{1B}[0m" : s }

  /// Markers around matched words in search snippets: bold on a terminal, brackets otherwise.
  static var highlight: (open: String, close: String) { enabled ? ("\u{1B}[1;33m", "\u{1B}[0m") : ("[", "]") }
}
