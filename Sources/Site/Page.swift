// A generated page and the paths and links between pages. Every page lives at a path without
// extension ("techniques/mixup") and is written twice, as .md and .html. Links are relative
// (so the site works from file:// and from any folder of a static host) and point at .md
// files; the HTML rendering turns them into .html links (Markdown.swift).
import Foundation

/// One generated page.
public struct Page: Sendable {
  /// Path under the output folder, without extension.
  public var path: String
  public var title: String
  public var blocks: [Block]
  /// Other files the page needs (its charts as .svg for the Markdown), by path from the root.
  public var files: [(path: String, contents: String)] = []

  public init(path: String, title: String, blocks: [Block], files: [(path: String, contents: String)] = []) {
    self.path = path
    self.title = title
    self.blocks = blocks
    self.files = files
  }

  /// Folders between the page and the site root.
  public var depth: Int { path.split(separator: "/").count - 1 }
  /// The page as one Markdown document.
  public var markdown: String { blocks.map(\.markdown).joined() }
  /// The page body as HTML.
  public var html: String { blocks.map(\.html).joined() }
}

/// Where each kind of page lives.
enum SitePath {
  static let home = "index"
  static let techniques = "techniques/index"
  static let papers = "papers/index"
  static let crosswalk = "crosswalk/index"
  static let search = "search"
  static func technique(_ id: String) -> String { "techniques/\(id)" }
  static func node(_ id: String) -> String { "nodes/\(id)" }
  static func paper(_ id: String) -> String { "papers/\(id)" }
  static func survey(_ id: String) -> String { "surveys/\(id)" }
  static func cell(_ row: String, _ column: String) -> String { "crosswalk/\(row)--\(column)" }
  static func plot(_ name: String) -> String { "plots/\(name).svg" }
}

/// Builds relative links from one page.
struct Links {
  /// The page the links start from.
  let from: String

  /// The relative URL of page `target` (a .md URL; HTML gets the .html twin).
  func url(_ target: String, fragment: String? = nil) -> String {
    file(target + ".md") + (fragment.map { "#\($0)" } ?? "")
  }

  /// The relative URL of any file under the site root.
  func file(_ path: String) -> String {
    let up = String(repeating: "../", count: from.split(separator: "/").count - 1)
    // Slugs and keys are plain ASCII; anything else is percent-encoded (a CharacterSet for
    // every one of the site's 30,000 links would cost a tenth of the generation time).
    let plain = path.utf8.allSatisfy { b in
      (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E || b == 0x2F || b == 0x5F
    }
    let encoded = plain ? path : path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "()"))) ?? path
    return up + encoded
  }

  /// A Markdown link to page `target` showing `text` (escaped here).
  func link(_ text: String, _ target: String, fragment: String? = nil) -> String {
    "[\(escapeMarkdown(text))](\(url(target, fragment: fragment)))"
  }
}
