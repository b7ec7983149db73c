// The site: every page is written as Markdown and HTML, names appear, and text from the
// sources is escaped (no markup from taxonomy/ reaches the HTML).
import Atlas
import Foundation
import Site
import Testing

/// A copy of the real taxonomy/ plus one technique whose text tries to inject markup.
func fixtureProject() throws -> URL {
  let fm = FileManager.default
  let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  let root = fm.temporaryDirectory.appendingPathComponent("hasten-site-\(UUID().uuidString)")
  try fm.createDirectory(at: root, withIntermediateDirectories: true)
  try fm.copyItem(at: repo.appendingPathComponent("taxonomy"), to: root.appendingPathComponent("taxonomy"))
  try fm.copyItem(at: repo.appendingPathComponent("examples"), to: root.appendingPathComponent("examples"))
  let hostile = """
    slug: hostile
    name: "Mix <b>up</b> & co"
    summary: "A summary with <script>alert(1)</script> and *stars* | pipes"
    saves: [fewer-steps]
    domains: [any]
    description: |
      Plain **bold** text.

      <div onclick="evil()">raw html block</div>

      A [bad link](javascript:alert(1)).
    classification:
      shen2023:
        - {node: learning-rate, provenance: curated, rationale: "because <i>tests</i>"}
      bartoldson2023:
        - {node: optimization, provenance: curated, rationale: r}
        - {node: reorder, provenance: curated, rationale: r}
        - {node: scheduled, provenance: curated, rationale: r}
    papers:
      - {key: zhang2018mixup, role: applies}
    """
  try hostile.write(to: root.appendingPathComponent("taxonomy/techniques/hostile.yaml"), atomically: true, encoding: .utf8)
  return root
}

@Suite struct SiteGeneratorTests {
  @Test func writesEveryPageAsMarkdownAndHTML() throws {
    // Given the fixture project's atlas
    let root = try fixtureProject()
    defer { try? FileManager.default.removeItem(at: root) }
    let atlas = try AtlasDatabase.inMemory(try TaxonomyImporter.load(root: root))
    // When the site is written
    let out = root.appendingPathComponent("_site")
    let pages = try SiteGenerator(atlas: atlas, assets: root.appendingPathComponent("site")).write(to: out)
    // Then there is a home page and one page per technique, in both formats
    #expect(pages.map(\.path).contains("index"))
    for slug in ["mixup", "label-smoothing", "one-cycle-lr", "hostile"] {
      let html = try String(contentsOf: out.appendingPathComponent("techniques/\(slug).html"), encoding: .utf8)
      #expect(html.hasPrefix("<!doctype html>"))
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("techniques/\(slug).md").path))
    }
    let home = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(home.contains("href=\"techniques/mixup.html\""))
    #expect(home.contains("<table>"))
  }

  @Test func techniquePageShowsTheCardAndEscapesSourceText() throws {
    let root = try fixtureProject()
    defer { try? FileManager.default.removeItem(at: root) }
    let atlas = try AtlasDatabase.inMemory(try TaxonomyImporter.load(root: root))
    let pages = try SiteGenerator(atlas: atlas, assets: root).pages()

    let mixup = try #require(pages.first { $0.path == "techniques/mixup" })
    #expect(mixup.html.contains("<h1>Mixup</h1>"))
    #expect(mixup.html.contains("Dataset regularization"))
    #expect(mixup.html.contains("curated"))
    #expect(mixup.html.contains("https://arxiv.org/abs/1710.09412"))

    let hostile = try #require(pages.first { $0.path == "techniques/hostile" })
    let html = hostile.html
    #expect(html.contains("<h1>Mix &lt;b&gt;up&lt;/b&gt; &amp; co</h1>"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("*stars* | pipes"))
    #expect(html.contains("because &lt;i&gt;tests&lt;/i&gt;"))
    // Markdown in the description renders; raw HTML and javascript: links do not.
    #expect(html.contains("<strong>bold</strong>"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("onclick"))
    #expect(!html.contains("javascript:"))
    // The Markdown file keeps the text readable: no backslash noise on ordinary punctuation.
    #expect(hostile.markdown.contains("Plain **bold** text."))
  }

  @Test func outputIsDeterministic() throws {
    let root = try fixtureProject()
    defer { try? FileManager.default.removeItem(at: root) }
    let atlas = try AtlasDatabase.inMemory(try TaxonomyImporter.load(root: root))
    let a = try SiteGenerator(atlas: atlas, assets: root).pages().map(\.html)
    let b = try SiteGenerator(atlas: atlas, assets: root).pages().map(\.html)
    #expect(a == b)
  }
}

@Suite struct MarkdownTests {
  @Test func escapeMarkdownRoundTripsThroughCmark() {
    for text in ["a_b*c*", "[x](y)", "<i>", "# not a heading", "1. not a list", "- not a bullet", "a | b", "&amp;", "back\\slash"] {
      let html = renderMarkdown(escapeMarkdown(text))
      #expect(html == "<p>\(escapeHTML(text))</p>\n", "\(text) -> \(html)")
    }
  }

  @Test func cmarkRendersCommonMark() {
    #expect(renderMarkdown("# Title\n\n*em*") == "<h1>Title</h1>\n<p><em>em</em></p>\n")
  }
}
