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
  // On bytes: this runs for every link of every page.
  let bytes = Array(url.utf8)
  let hash = bytes.firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
  guard hash >= 3, bytes[hash - 3] == UInt8(ascii: "."), bytes[hash - 2] == UInt8(ascii: "m"), bytes[hash - 1] == UInt8(ascii: "d"),
    bytes.first != UInt8(ascii: "/"), !bytes[..<hash].contains(UInt8(ascii: ":"))
  else { return nil }
  return String(decoding: bytes[..<(hash - 3)], as: UTF8.self) + ".html" + String(decoding: bytes[hash...], as: UTF8.self)
}

/// `<h2>Text</h2>` -> `<h2 id="text">Text</h2>`; repeated headings get -2, -3 suffixes.
func addHeadingIds(_ html: String) -> String {
  let open = Array("<h2>".utf8), close = Array("</h2>".utf8)
  let bytes = Array(html.utf8)
  guard var at = find(open, in: bytes, from: 0) else { return html }
  var out: [UInt8] = []
  out.reserveCapacity(bytes.count + 64)
  var copied = 0
  var seen: [String: Int] = [:]
  while true {
    guard let end = find(close, in: bytes, from: at + open.count) else { break }
    let inner = bytes[(at + open.count)..<end]
    var id = anchorId(String(decoding: inner, as: UTF8.self))
    seen[id, default: 0] += 1
    if let n = seen[id], n > 1 { id += "-\(n)" }
    out += bytes[copied..<at]
    out += Array("<h2 id=\"\(id)\">".utf8)
    out += inner
    copied = end
    guard let next = find(open, in: bytes, from: end) else { break }
    at = next
  }
  out += bytes[copied...]
  return String(decoding: out, as: UTF8.self)
}

/// The first index of `needle` in `haystack` at or after `start`.
private func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
  guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
  var i = start
  while i <= haystack.count - needle.count {
    if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
    i += 1
  }
  return nil
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
  // Byte by byte: every character that needs a backslash is ASCII, and a UTF-8 continuation
  // byte is never ASCII, so the rest passes through untouched.
  var bytes: [UInt8] = []
  bytes.reserveCapacity(text.utf8.count + 8)
  for b in text.utf8 {
    switch b {
    case 0x0A, 0x0D: bytes.append(0x20)
    case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"),
      UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "&"):
      bytes.append(UInt8(ascii: "\\"))
      bytes.append(b)
    default: bytes.append(b)
    }
  }
  var out = String(decoding: bytes, as: UTF8.self)
  if let first = out.first, "#-+=".contains(first) {
    out.insert("\\", at: out.startIndex)
  } else if let dot = out.firstIndex(where: { !$0.isNumber }), dot != out.startIndex, out[dot] == "." || out[dot] == ")" {
    out.insert("\\", at: dot)
  }
  return out
}

/// Escapes text for HTML element content and attribute values.
public func escapeHTML(_ text: String) -> String {
  guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
  var bytes: [UInt8] = []
  bytes.reserveCapacity(text.utf8.count + 16)
  for b in text.utf8 {
    switch b {
    case UInt8(ascii: "&"): bytes += Array("&amp;".utf8)
    case UInt8(ascii: "<"): bytes += Array("&lt;".utf8)
    case UInt8(ascii: ">"): bytes += Array("&gt;".utf8)
    case UInt8(ascii: "\""): bytes += Array("&quot;".utf8)
    case UInt8(ascii: "'"): bytes += Array("&#39;".utf8)
    default: bytes.append(b)
    }
  }
  return String(decoding: bytes, as: UTF8.self)
}

/// `text` with line breaks as spaces; the text itself when it has none (the usual case).
func singleLine(_ text: String) -> String {
  guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return text }
  return String(decoding: text.utf8.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }, as: UTF8.self)
}

/// A Markdown code span holding `text` literally, with a fence longer than any run of
/// backticks inside it.
func codeSpan(_ text: String) -> String {
  let longest = text.split(whereSeparator: { $0 != "`" }).map(\.count).max() ?? 0
  let fence = String(repeating: "`", count: longest + 1)
  let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
  return fence + pad + singleLine(text) + pad + fence
}
