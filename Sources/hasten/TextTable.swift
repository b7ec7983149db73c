// Aligned columns for terminal output; the last column is not padded.
import Atlas

final class TextTable {
  private let header: [String]
  private var rows: [[String]] = []

  init(header: [String]) { self.header = header }

  func add(_ row: [String]) { rows.append(row) }

  func render() -> String {
    let all = [header] + rows
    let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
    return all.map { row in
      row.enumerated().map { c, cell in
        c == row.count - 1 ? cell : cell.padded(to: widths[c])
      }.joined(separator: "  ").trimmingTrailingSpaces()
    }.joined(separator: "\n") + "\n"
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
