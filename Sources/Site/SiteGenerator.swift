// Writes the static site: for every page a Markdown file and its HTML rendering inside the
// layout, the charts as .svg files (for the Markdown; the HTML inlines them), the search index,
// and the assets from site/ (stylesheet, search script, icon). Output is deterministic: the same
// database and sources give the same bytes, because every list has a defined order and nothing
// records the time of generation.
import Atlas
import Foundation

/// Generates the site from the atlas database.
public struct SiteGenerator {
  public let atlas: AtlasDatabase
  /// The project root: examples/ (sources shown on technique pages) and site/ (assets).
  public let root: URL

  /// The files copied from site/ into the output, all required.
  public static let assets = ["style.css", "search.js", "favicon.svg"]
  /// Marks an output folder as written by this generator, so a rerun may prune it.
  static let marker = ".hasten-site"

  public init(atlas: AtlasDatabase, root: URL) {
    self.atlas = atlas
    self.root = root
  }

  /// Every page, in a stable order.
  public func pages() throws -> [Page] {
    Self.pages(try SiteData.load(atlas, root: root))
  }

  static func pages(_ data: SiteData) -> [Page] {
    var pages = [Pages.home(data), Pages.techniqueIndex(data), Pages.crosswalk(data), Pages.paperIndex(data), Pages.search(data)]
    pages += data.surveys.map { s in Pages.survey(s, tree: data.trees.first { $0.survey == s.id }, data: data) }
    pages += data.nodeOrder.compactMap { data.nodes[$0] }.map { Pages.node($0, data: data) }
    pages += data.rows.compactMap { data.cards[$0.id] }.map { Pages.technique($0, data: data) }
    pages += data.papers.compactMap { data.paperCards[$0.id] }.map { Pages.paper($0, data: data) }
    pages += Pages.crosswalkCells(data)
    return pages
  }

  static func navigation(_ data: SiteData) -> [NavItem] {
    [NavItem(label: "Techniques", path: SitePath.techniques), NavItem(label: "Cross-walk", path: SitePath.crosswalk)]
      + data.surveys.map { NavItem(label: $0.short, path: SitePath.survey($0.id)) }
      + [NavItem(label: "Papers", path: SitePath.papers)]
  }

  /// Every output file (path from the output root, contents), in a stable order.
  public func files() throws -> [(path: String, contents: Data)] {
    let data = try SiteData.load(atlas, root: root)
    let pages = Self.pages(data)
    let nav = Self.navigation(data)
    // Rendering is most of the work and each page is independent: render on every core.
    var rendered = [(String, String)](repeating: ("", ""), count: pages.count)
    rendered.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let buffer = out
      DispatchQueue.concurrentPerform(iterations: pages.count) { i in
        let page = pages[i]
        buffer[i] = (page.markdown, Layout.page(page, body: page.html, nav: nav))
      }
    }
    var files: [(path: String, contents: Data)] = []
    var extra: [String: String] = [:]
    for (page, (markdown, html)) in zip(pages, rendered) {
      files.append((page.path + ".md", Data(markdown.utf8)))
      files.append((page.path + ".html", Data(html.utf8)))
      for f in page.files { extra[f.path] = f.contents }
    }
    for path in extra.keys.sorted() { files.append((path, Data(extra[path]!.utf8))) }
    files.append(("search-index.js", Data(Pages.searchIndex(data).utf8)))
    for name in Self.assets {
      guard let contents = FileManager.default.contents(atPath: root.appendingPathComponent("site/\(name)").path) else {
        throw SiteError(message: "missing site asset site/\(name)", hint: "restore it with git checkout -- site/\(name)")
      }
      files.append((name, contents))
    }
    return files
  }

  /// Writes the site into `output` (created if needed) and returns how many pages it wrote.
  /// Files a previous run left that this one does not write are removed; a folder that holds
  /// anything else is refused rather than emptied.
  @discardableResult
  public func write(to output: URL) throws -> Int {
    let fm = FileManager.default
    let existing = (try? fm.contentsOfDirectory(atPath: output.path)) ?? []
    if !existing.isEmpty && !existing.contains(Self.marker) {
      throw SiteError(
        message: "\(output.path) is not empty and was not written by hasten site",
        hint: "choose an empty or new folder with hasten site --out DIR")
    }
    let files = try files()
    var written = Set([Self.marker])
    var folders = Set<String>()
    try fm.createDirectory(at: output, withIntermediateDirectories: true)
    try Data("Written by hasten site; rerunning it replaces this folder's contents.\n".utf8).write(to: output.appendingPathComponent(Self.marker))
    for (path, contents) in files {
      let url = output.appendingPathComponent(path)
      let folder = (path as NSString).deletingLastPathComponent
      if !folder.isEmpty && folders.insert(folder).inserted {
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      }
      try contents.write(to: url)
      written.insert(path)
    }
    if !existing.isEmpty { try Self.prune(output, keeping: written.union(folders)) }
    return files.filter { $0.path.hasSuffix(".html") }.count
  }

  /// Removes the files under `output` whose relative paths are not in `keeping` (folders stay).
  static func prune(_ output: URL, keeping: Set<String>) throws {
    let fm = FileManager.default
    guard let walker = fm.enumerator(atPath: output.path) else { return }
    for case let path as String in walker where !keeping.contains(path) {
      var isFolder: ObjCBool = false
      if fm.fileExists(atPath: output.appendingPathComponent(path).path, isDirectory: &isFolder), !isFolder.boolValue {
        try fm.removeItem(at: output.appendingPathComponent(path))
      }
    }
  }
}
