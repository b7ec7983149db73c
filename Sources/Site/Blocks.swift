// A page is a list of blocks. Text blocks are Markdown, rendered by cmark. Tables are a block
// of their own because CommonMark (and so cmark) has no tables: the .md file gets a GitHub-style
// pipe table, and the HTML gets a real <table> whose cells are inline Markdown rendered by cmark.

/// A piece of a page.
public enum Block: Sendable {
  /// CommonMark text.
  case markdown(String)
  /// A table; every cell is inline Markdown (already escaped where it holds data).
  case table(header: [String], rows: [[String]])

  /// The block as Markdown (pipe tables for tables).
  var markdown: String {
    switch self {
    case .markdown(let text):
      return text.hasSuffix("\n") ? text + "\n" : text + "\n\n"
    case .table(let header, let rows):
      func line(_ cells: [String]) -> String { "| " + cells.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: " | ") + " |\n" }
      return line(header) + line(header.map { _ in "---" }) + rows.map(line).joined() + "\n"
    }
  }

  /// The block as HTML.
  var html: String {
    switch self {
    case .markdown(let text):
      return renderMarkdown(text)
    case .table(let header, let rows):
      var out = "<table>\n<thead><tr>" + header.map { "<th>\(renderInline($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
      for row in rows { out += "<tr>" + row.map { "<td>\(renderInline($0))</td>" }.joined() + "</tr>\n" }
      return out + "</tbody>\n</table>\n"
    }
  }
}

/// Inline Markdown to HTML without the surrounding paragraph.
func renderInline(_ markdown: String) -> String {
  var html = renderMarkdown(markdown.replacingOccurrences(of: "\n", with: " "))
  while html.hasSuffix("\n") { html.removeLast() }
  if html.hasPrefix("<p>") && html.hasSuffix("</p>") { html = String(html.dropFirst(3).dropLast(4)) }
  return html
}
