// Writes the static site: for every page a Markdown file and its HTML rendering inside the
// layout, plus the stylesheet from site/. Output is deterministic: the same database gives the
// same bytes.
import Atlas
import Foundation

/// Generates the site from the atlas database.
public struct SiteGenerator {
  public let atlas: AtlasDatabase
  /// The project's site/ folder (stylesheet and other assets).
  public let assets: URL

  public init(atlas: AtlasDatabase, assets: URL) {
    self.atlas = atlas
    self.assets = assets
  }

  /// Every page, in a stable order.
  public func pages() throws -> [Page] {
    let rows = try atlas.techniques()
    let surveys = try atlas.reader.read { try Survey.fetchAll($0) }
    var pages = [Pages.home(rows, surveys: surveys)]
    for row in rows {
      if let card = try atlas.card(row.id) { pages.append(Pages.technique(card)) }
    }
    return pages
  }

  /// Writes the site into `output` (created if needed) and returns the pages written.
  @discardableResult
  public func write(to output: URL) throws -> [Page] {
    let fm = FileManager.default
    let pages = try pages()
    for page in pages {
      let html = Layout.page(title: page.title, body: page.html, depth: page.path.split(separator: "/").count - 1)
      let base = output.appendingPathComponent(page.path)
      try fm.createDirectory(at: base.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(page.markdown.utf8).write(to: base.appendingPathExtension("md"))
      try Data(html.utf8).write(to: base.appendingPathExtension("html"))
    }
    let css = assets.appendingPathComponent("style.css")
    if fm.fileExists(atPath: css.path) {
      try? fm.removeItem(at: output.appendingPathComponent("style.css"))
      try fm.copyItem(at: css, to: output.appendingPathComponent("style.css"))
    }
    return pages
  }
}

/// The HTML around every page. Links are relative so the site works from file:// too.
enum Layout {
  static func page(title: String, body: String, depth: Int) -> String {
    let up = String(repeating: "../", count: depth)
    return """
      <!doctype html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escapeHTML(title))</title>
      <link rel="stylesheet" href="\(up)style.css">
      </head>
      <body>
      <main>
      \(body)</main>
      </body>
      </html>

      """
  }
}
