// The generator: every kind of page is written as Markdown and HTML with its charts, search
// index and assets; text from the sources is escaped everywhere it lands; the same database
// gives the same bytes; and a rerun replaces its own output but never empties someone else's.
import Atlas
import Foundation
import Testing

@testable import Site

@Suite struct SiteGeneratorTests {
  @Test func writesEveryKindOfPageAsMarkdownAndHTML() throws {
    // Given the fixture project's atlas
    let f = try fixture.get()
    // When the site is written
    let out = try writtenSite.get()
    // Then every kind of page exists in both formats
    let fm = FileManager.default
    let count = (fm.enumerator(atPath: out.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".html") }.count
    let expected = [
      "index", "techniques/index", "papers/index", "crosswalk/index", "search", "surveys/shen2023", "surveys/bartoldson2023",
      "nodes/data-centric", "nodes/component", "techniques/mixup", "techniques/hostile", "papers/zhang2018mixup",
      "crosswalk/data-centric--data",
    ]
    for path in expected {
      let html = try String(contentsOf: out.appendingPathComponent(path + ".html"), encoding: .utf8)
      #expect(html.hasPrefix("<!doctype html>"), "\(path)")
      #expect(fm.fileExists(atPath: out.appendingPathComponent(path + ".md").path), "\(path).md")
    }
    // Home, four lists and search; one page per survey, node, technique and paper; the cells.
    #expect(count > f.catalog.techniques.count + f.catalog.papers.count + f.catalog.nodes.count + f.catalog.surveys.count + 5)
    for asset in SiteGenerator.assets + ["search-index.js", "plots/mixup-quality.svg", "plots/speedups.svg"] {
      #expect(fm.fileExists(atPath: out.appendingPathComponent(asset).path), "\(asset)")
    }
  }

  @Test func homeShowsBothTaxonomiesTheCrosswalkAndTheSpeedupChart() throws {
    let home = try #require(try fixturePages.get().first { $0.path == "index" }).html
    #expect(home.contains("<div class=\"columns\">"))
    #expect(home.contains("href=\"nodes/data-centric.html\""))
    #expect(home.contains("href=\"nodes/function.html\""))
    #expect(home.contains("href=\"crosswalk/data-centric--data.html\""))
    #expect(home.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(home.contains("Mixup"))
  }

  @Test func techniquePageShowsTheCardTheMeasurementAndTheSource() throws {
    let f = try fixture.get()
    let pages = try fixturePages.get()
    let mixup = try #require(pages.first { $0.path == "techniques/mixup" })
    let html = mixup.html
    #expect(html.contains("<h1>Mixup</h1>"))
    #expect(html.contains("Dataset regularization"))
    #expect(html.contains("<span class=\"badge curated\">curated</span>"))
    #expect(html.contains("href=\"../papers/zhang2018mixup.html\""))
    // Claims and our measurement side by side, then the curves as inline SVG.
    #expect(html.contains("<h3>In the literature</h3>"))
    #expect(html.contains("<h3>Measured here</h3>"))
    #expect(html.contains("<figure class=\"chart\">\n<svg"))
    #expect(mixup.files.map(\.path) == ["plots/mixup-quality.svg", "plots/mixup-loss.svg", "plots/mixup-speedups.svg"])
    // The example's real source, line by line, and the command.
    let source = try String(contentsOf: f.root.appendingPathComponent("examples/mixup.swift"), encoding: .utf8)
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(html.contains("<span class=\"line\" id=\"L\(lines.count)\">"))
    #expect(!html.contains("id=\"L\(lines.count + 1)\""))
    #expect(html.contains("hasten run mixup --quick"))
    #expect(mixup.markdown.contains("```swift\n" + source))
  }

  @Test func sourceTextNeverReachesTheHTMLRaw() throws {
    // Given a technique whose every field carries markup
    let out = try writtenSite.get()
    // Then no generated page, chart or script holds it raw (escaped, it is only text)
    let walker = FileManager.default.enumerator(atPath: out.path)!
    var checked = 0
    for case let path as String in walker
    where (path.hasSuffix(".html") || path.hasSuffix(".js") || path.hasSuffix(".svg")) && !SiteGenerator.assets.contains(path) {
      let text = try String(contentsOf: out.appendingPathComponent(path), encoding: .utf8)
      for raw in ["<script>alert", "<b>up", "<div onclick", "<img src=x", "javascript:", "<iframe", "<i>tests", "</td></tr><script"] {
        #expect(!text.contains(raw), "\(path) contains \(raw)")
      }
      checked += 1
    }
    #expect(checked > 100)
    // And the text is still shown, escaped.
    let page = try String(contentsOf: out.appendingPathComponent("techniques/hostile.html"), encoding: .utf8)
    #expect(page.contains("<h1>Mix &lt;b&gt;up&lt;/b&gt; &amp; co</h1>"))
    #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(page.contains("*stars* | pipes"))
    #expect(page.contains("because &lt;i&gt;tests&lt;/i&gt;"))
    #expect(page.contains("<strong>bold</strong>"))
    #expect(page.contains("<title>Mix &lt;b&gt;up&lt;/b&gt; &amp; co · Hasten</title>"))
    let index = try String(contentsOf: out.appendingPathComponent("search-index.js"), encoding: .utf8)
    #expect(index.contains("Mix \\u003cb\\u003eup\\u003c/b\\u003e \\u0026 co"))
    // The Markdown file keeps the text readable: no backslash noise on ordinary punctuation.
    let markdown = try String(contentsOf: out.appendingPathComponent("techniques/hostile.md"), encoding: .utf8)
    #expect(markdown.contains("Plain **bold** text."))
  }

  @Test func sameDatabaseGivesTheSameBytes() throws {
    // Given a second database built from the same sources
    let f = try fixture.get()
    let other = try AtlasDatabase.inMemory(f.catalog)
    // When the site is generated from it
    let files = try SiteGenerator(atlas: other, root: f.root).files()
    // Then every file has the same bytes as the one written from the first database
    let out = try writtenSite.get()
    let written = (FileManager.default.enumerator(atPath: out.path)?.allObjects as? [String] ?? [])
      .filter { !$0.hasPrefix(".") && !FileManager.default.isFolder(out.appendingPathComponent($0)) }
    #expect(Set(written) == Set(files.map(\.path)))
    var differing: [String] = []
    for file in files where FileManager.default.contents(atPath: out.appendingPathComponent(file.path).path) != file.contents {
      differing.append(file.path)
    }
    #expect(differing.isEmpty, "\(differing.prefix(10))")
    #expect(files.count > 1000)
  }

  @Test func pruningRemovesOnlyFilesNotWritten() throws {
    let f = try fixture.get()
    let fm = FileManager.default
    let out = f.outputFolder()
    try fm.createDirectory(at: out.appendingPathComponent("techniques"), withIntermediateDirectories: true)
    for path in ["index.html", "techniques/kept.html", "techniques/removed.html", "stale.svg"] {
      try Data("x".utf8).write(to: out.appendingPathComponent(path))
    }
    try SiteGenerator.prune(out, keeping: ["index.html", "techniques", "techniques/kept.html"])
    #expect(try fm.contentsOfDirectory(atPath: out.path).sorted() == ["index.html", "techniques"])
    #expect(try fm.contentsOfDirectory(atPath: out.appendingPathComponent("techniques").path) == ["kept.html"])
  }

  @Test func refusesAFolderItDidNotWrite() throws {
    let f = try fixture.get()
    let fm = FileManager.default
    let foreign = f.outputFolder()
    try fm.createDirectory(at: foreign, withIntermediateDirectories: true)
    try Data("mine".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
    #expect(throws: SiteError.self) { try SiteGenerator(atlas: f.atlas, root: f.root).write(to: foreign) }
    #expect(try fm.contentsOfDirectory(atPath: foreign.path) == ["notes.txt"])
    // The folder it wrote itself carries the marker that allows a rerun.
    #expect(fm.fileExists(atPath: try writtenSite.get().appendingPathComponent(".hasten-site").path))
  }
}

extension FileManager {
  func isFolder(_ url: URL) -> Bool {
    var folder: ObjCBool = false
    return fileExists(atPath: url.path, isDirectory: &folder) && folder.boolValue
  }
}
