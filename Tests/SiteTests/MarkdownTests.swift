// Markdown rendering and escaping: cmark's safe mode, .md links turned into .html links,
// heading ids, escapes that round-trip, and the JSON strings of the search index.
import Atlas
import Foundation
import Testing

@testable import Site

@Suite struct MarkdownTests {
  @Test func escapeMarkdownRoundTripsThroughCmark() {
    for text in ["a_b*c*", "[x](y)", "<i>", "# not a heading", "1. not a list", "- not a bullet", "a | b", "&amp;", "back\\slash"] {
      let html = renderMarkdown(escapeMarkdown(text))
      #expect(html == "<p>\(escapeHTML(text))</p>\n", "\(text) -> \(html)")
    }
  }

  @Test func cmarkRendersCommonMarkSafely() {
    #expect(renderMarkdown("# Title\n\n*em*") == "<h1>Title</h1>\n<p><em>em</em></p>\n")
    let html = renderMarkdown("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onclick=\"y\">b</b>")
    #expect(!html.contains("<script"))
    #expect(!html.contains("javascript:"))
    #expect(!html.contains("onclick"))
  }

  @Test func markdownLinksBecomeHTMLLinks() {
    let html = renderMarkdown("[a](x.md) [b](../p/q.md#sec) [c](https://example.com/r.md) [d](plots/s.svg) ![e](i.svg)")
    #expect(html.contains("href=\"x.html\""))
    #expect(html.contains("href=\"../p/q.html#sec\""))
    #expect(html.contains("href=\"https://example.com/r.md\""))
    #expect(html.contains("href=\"plots/s.svg\""))
    #expect(html.contains("src=\"i.svg\""))
  }

  @Test func secondLevelHeadingsGetIds() {
    let html = renderMarkdown("## Claims and measurements\n\n## Notes\n\n## Notes\n\n## A *b* &amp; c\n\n### Not this")
    #expect(html.contains("<h2 id=\"claims-and-measurements\">Claims and measurements</h2>"))
    #expect(html.contains("<h2 id=\"notes\">Notes</h2>"))
    #expect(html.contains("<h2 id=\"notes-2\">Notes</h2>"))
    #expect(html.contains("<h2 id=\"a-b-c\">"))
    #expect(html.contains("<h3>Not this</h3>"))
  }

  @Test func codeSpansHoldAnyText() {
    #expect(codeSpan("a") == "`a`")
    #expect(codeSpan("a`b") == "``a`b``")
    #expect(renderInline(codeSpan("`<b>`")) == "<code>`&lt;b&gt;`</code>")
  }

  @Test func searchIndexStringsAreSafeInScripts() {
    #expect(jsonString("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"")
    #expect(jsonString("</script><b>&") == "\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"")
    #expect(jsonString("x\u{2028}y\u{1}") == "\"x\\u2028y\\u0001\"")
    #expect(jsonString("λ·x") == "\"λ·x\"")
  }

  @Test func firstSentenceDropsMarkup() {
    #expect(firstSentence("Methods that *make* data cheaper. More text.") == "Methods that make data cheaper.")
    #expect(firstSentence("No full stop") == "No full stop")
  }
}

@Suite struct BlocksTests {
  @Test func tablesRenderInlineMarkdownAndBadges() {
    let table = Block.table(header: ["A", "n"], rows: [[Cell("*x* \\<y\\>"), .badge(Badge("curated", .curated))]], numeric: [1])
    #expect(table.html.contains("<td><em>x</em> &lt;y&gt;</td>"))
    #expect(table.html.contains("<td class=\"num\"><span class=\"badge curated\">curated</span></td>"))
    #expect(table.markdown == "| A | n |\n| --- | --- |\n| *x* \\<y\\> | `curated` |\n\n")
  }

  @Test func codeListingsNumberEveryLineAndEscape() {
    let code = Block.code(source: "let a = \"<b>\"\n\nprint(a)\n", caption: "examples/x.swift")
    let html = code.html
    #expect(html.contains("<span class=\"line\" id=\"L1\">let a = &quot;&lt;b&gt;&quot;</span>"))
    #expect(html.contains("<span class=\"line\" id=\"L2\"></span>"))
    #expect(html.contains("<span class=\"line\" id=\"L3\">print(a)</span>"))
    #expect(!html.contains("id=\"L4\""))
    #expect(code.markdown.contains("```swift\nlet a = \"<b>\"\n\nprint(a)\n```"))
  }

  @Test func columnsSitSideBySideInHTMLOnlyAndFiguresLinkTheirFile() {
    let columns = Block.columns([[.markdown("left")], [.markdown("right")]])
    #expect(columns.html == "<div class=\"columns\">\n<section>\n<p>left</p>\n</section>\n<section>\n<p>right</p>\n</section>\n</div>\n")
    #expect(columns.markdown == "left\n\nright\n\n")
    let figure = Block.figure(svg: "<svg></svg>\n", file: "../plots/a.svg", caption: "A <chart>")
    #expect(figure.html.contains("<figcaption>A &lt;chart&gt;</figcaption>"))
    #expect(figure.markdown.hasPrefix("![A \\<chart\\>](../plots/a.svg)"))
  }
}
