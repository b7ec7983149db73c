// JSON string literals written by hand, for the bulk rows of a build (PositionalRows.swift)
// and the site's search index, where an encoder per value would cost more than the text.
import Foundation

/// A JSON string literal that is also safe inside HTML and script files: no `<`, `>` or `&`
/// (so no `</script>`), and no U+2028/2029 (line terminators in older JavaScript).
public func jsonString(_ text: String) -> String {
  var out = "\""
  for u in text.unicodeScalars {
    switch u {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case "<", ">", "&", "\u{2028}", "\u{2029}": out += String(format: "\\u%04x", u.value)
    default:
      if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
    }
  }
  return out + "\""
}
