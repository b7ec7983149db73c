// Markdown to HTML through cmark, in its safe mode: raw HTML in taxonomy text is replaced by a
// comment and unsafe link schemes (javascript:) are dropped, so a source file cannot inject
// markup into the site.
import CCmark
import Foundation

/// Renders CommonMark to HTML with cmark's safe defaults and smart punctuation.
public func renderMarkdown(_ markdown: String) -> String {
  let options = CMARK_OPT_DEFAULT | CMARK_OPT_SMART
  let html: String? = markdown.withCString { text in
    guard let out = cmark_markdown_to_html(text, strlen(text), options) else { return nil }
    defer { free(out) }
    return String(cString: out)
  }
  return html ?? ""
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
