// Markdown to HTML through cmark, in its safe mode: raw HTML in taxonomy text is replaced by a
// comment and unsafe link schemes (javascript:) are dropped, so a source file cannot inject
// markup into the site. Pages link to each other's .md files (so the Markdown reads well on a
// code host); the HTML rendering rewrites those links to the .html twins on cmark's tree, not
// on the text, and gives every h2 an id so sections can be linked.
import CCmark
import Foundation

/// Renders CommonMark to HTML with cmark's safe defaults and smart punctuation. Relative links
/// to `.md` files become links to the `.html` files beside them.
public func renderMarkdown(_ markdown: String) -> String {
  let options = CMARK_OPT_DEFAULT | CMARK_OPT_SMART
  let html: String? = markdown.withCString { text in
    guard let document = cmark_parse_document(text, strlen(text), options) else { return nil }
    defer { cmark_node_free(document) }
    rewriteLinks(document)
    guard let out = cmark_render_html(document, options) else { return nil }
    defer { free(out) }
    return String(cString: out)
  }
  return addHeadingIds(html ?? "")
}

/// Points relative links to `x.md` (with or without a #fragment) at `x.html`.
private func rewriteLinks(_ document: OpaquePointer) {
  guard let iterator = cmark_iter_new(document) else { return }
  defer { cmark_iter_free(iterator) }
  while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
    let node = cmark_iter_get_node(iterator)
    guard cmark_node_get_type(node) == CMARK_NODE_LINK, let raw = cmark_node_get_url(node) else { continue }
    let url = String(cString: raw)
    if let html = htmlTwin(of: url) { _ = cmark_node_set_url(node, html) }
  }
}

/// "a/b.md#x" -> "a/b.html#x"; nil for absolute URLs (with a scheme) and non-Markdown targets.
func htmlTwin(of url: String) -> String? {
  let path = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
  guard let file = path.first, file.hasSuffix(".md"), !file.contains(":"), !file.hasPrefix("/") else { return nil }
  return file.dropLast(3) + ".html" + (path.count > 1 ? "#" + path[1] : "")
}

/// `<h2>Text</h2>` -> `<h2 id="text">Text</h2>`; repeated headings get -2, -3 suffixes.
func addHeadingIds(_ html: String) -> String {
  guard html.contains("<h2>") else { return html }
  var out = ""
  var seen: [String: Int] = [:]
  var rest = html[...]
  while let open = rest.range(of: "<h2>"), let close = rest[open.upperBound...].range(of: "</h2>") {
    out += rest[..<open.lowerBound]
    let inner = rest[open.upperBound..<close.lowerBound]
    var id = anchorId(String(inner))
    seen[id, default: 0] += 1
    if let n = seen[id], n > 1 { id += "-\(n)" }
    out += "<h2 id=\"\(id)\">\(inner)</h2>"
    rest = rest[close.upperBound...]
  }
  return out + rest
}

/// A fragment id from heading HTML: tags dropped, entities dropped, lower case, dashes.
public func anchorId(_ html: String) -> String {
  var text = ""
  var inTag = false, inEntity = false
  for c in html {
    switch c {
    case "<": inTag = true
    case ">": inTag = false
    case "&" where !inTag: inEntity = true
    case ";" where inEntity: inEntity = false
    default: if !inTag && !inEntity { text.append(c) }
    }
  }
  let words = text.lowercased().split { !($0.isLetter || $0.isNumber) }
  return words.isEmpty ? "section" : words.joined(separator: "-")
}

/// Escapes text so Markdown shows it literally. Only characters that can start markup inside a
/// line get a backslash (`\ ` * _ [ ] < > | &`), plus a leading `#`, `-`, `+`, `=` or `1.` that
/// would start a block; so the .md files stay readable. Line breaks become spaces.
public func escapeMarkdown(_ text: String) -> String {
  var out = ""
  out.reserveCapacity(text.count)
  for c in text {
    if c == "\n" || c == "\r" {
      out.append(" ")
    } else {
      if "\\`*_[]<>|&".contains(c) { out.append("\\") }
      out.append(c)
    }
  }
  if let first = out.first, "#-+=".contains(first) {
    out.insert("\\", at: out.startIndex)
  } else if let dot = out.firstIndex(where: { !$0.isNumber }), dot != out.startIndex, out[dot] == "." || out[dot] == ")" {
    out.insert("\\", at: dot)
  }
  return out
}

/// Escapes text for HTML element content and attribute values.
public func escapeHTML(_ text: String) -> String {
  var out = ""
  out.reserveCapacity(text.count)
  for c in text {
    switch c {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    case "'": out += "&#39;"
    default: out.append(c)
    }
  }
  return out
}

/// A Markdown code span holding `text` literally, with a fence longer than any run of
/// backticks inside it.
func codeSpan(_ text: String) -> String {
  let longest = text.split(whereSeparator: { $0 != "`" }).map(\.count).max() ?? 0
  let fence = String(repeating: "`", count: longest + 1)
  let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
  return fence + pad + text.replacingOccurrences(of: "\n", with: " ") + pad + fence
}
