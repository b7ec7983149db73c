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

  static func pages(_ data: SiteData) -> [Page] { builders(data).map { $0() } }

  /// One function per page, in the site's order; each is independent of the others, so they
  /// can run on every core.
  static func builders(_ data: SiteData) -> [() -> Page] {
    var b: [() -> Page] = [
      { Pages.home(data) }, { Pages.techniqueIndex(data) }, { Pages.crosswalk(data) }, { Pages.paperIndex(data) }, { Pages.search(data) },
    ]
    b += data.surveys.map { s in { Pages.survey(s, tree: data.trees.first { $0.survey == s.id }, data: data) } }
    b += data.nodeOrder.compactMap { data.nodes[$0] }.map { n in { Pages.node(n, data: data) } }
    b += data.rows.compactMap { data.cards[$0.id] }.map { c in { Pages.technique(c, data: data) } }
    b += data.papers.compactMap { data.paperCards[$0.id] }.map { p in { Pages.paper(p, data: data) } }
    // The cells are few and built together (they are deduplicated across cross-walks).
    let cells = Pages.crosswalkCells(data)
    b += cells.map { c in { c } }
    return b
  }

  static func navigation(_ data: SiteData) -> [NavItem] {
    [NavItem(label: "Techniques", path: SitePath.techniques), NavItem(label: "Cross-walk", path: SitePath.crosswalk)]
      + data.surveys.map { NavItem(label: $0.short, path: SitePath.survey($0.id)) }
      + [NavItem(label: "Papers", path: SitePath.papers)]
  }

  /// Every output file (path from the output root, contents), in a stable order.
  public func files() throws -> [(path: String, contents: Data)] {
    let data = try SiteData.load(atlas, root: root)
    let builders = Self.builders(data)
    let nav = Self.navigation(data)
    // Building and rendering pages is most of the work, and pages are independent: both run
    // on every core, each result in its own slot so the order stays fixed.
    var built = [(page: Page, markdown: String, html: String)?](repeating: nil, count: builders.count)
    built.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let buffer = out
      nonisolated(unsafe) let builders = builders
      DispatchQueue.concurrentPerform(iterations: builders.count) { i in
        let page = builders[i]()
        buffer[i] = (page, page.markdown, Layout.page(page, body: page.html, nav: nav))
      }
    }
    let pages = built.map { $0!.page }
    let rendered = built.map { ($0!.markdown, $0!.html) }
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
  /// anything else is refused rather than emptied, unless `replacing` says the folder is the
  /// site's own (the project's default `_site/`, written before the marker existed).
  @discardableResult
  public func write(to output: URL, replacing: Bool = false) throws -> Int {
    let fm = FileManager.default
    let existing = (try? fm.contentsOfDirectory(atPath: output.path)) ?? []
    if !existing.isEmpty && !existing.contains(Self.marker) && !replacing {
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
      try writeFile(contents, to: url)
      written.insert(path)
    }
    if !existing.isEmpty { try Self.prune(output, keeping: written.union(folders)) }
    return files.filter { $0.path.hasSuffix(".html") }.count
  }

  /// Writes `contents` with plain POSIX calls: Foundation's Data.write syncs every file to
  /// disk, which made writing the site's 1,500 files take seconds instead of milliseconds.
  /// A generated site can be regenerated, so it needs no sync. The old file is unlinked rather
  /// than truncated: ext4 flushes a file rewritten after truncation when it is closed, which
  /// made a rerun over an earlier site four times slower than a first run (measured).
  func writeFile(_ contents: Data, to url: URL) throws {
    unlink(url.path)
    let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
    defer { close(fd) }
    try contents.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
      var offset = 0
      while offset < buffer.count {
        let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
        offset += n
      }
    }
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
