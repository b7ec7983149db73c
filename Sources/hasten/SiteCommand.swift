// `hasten site`: the static site from the atlas database.
import ArgumentParser
import Atlas
import Foundation
import Site

extension Hasten {
  struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "site", abstract: "Generate the static site (Markdown and HTML) from the atlas.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Output folder: new, empty, or an earlier site (default: _site beside taxonomy/).")
    var out: String?

    func run() throws {
      let paths = try ProjectPaths.locate()
      let atlas = try options.openAtlas()
      let output = out.map { URL(fileURLWithPath: $0) } ?? paths.defaultSiteOutput
      let start = ContinuousClock.now
      // The default folder is the site's own; a folder named with --out must be empty or an
      // earlier site.
      let pages = try SiteGenerator(atlas: atlas, root: paths.root).write(to: output, replacing: out == nil)
      let ms = Int((ContinuousClock.now - start) / .milliseconds(1))
      print("wrote \(pages) pages to \(output.path) in \(ms) ms")
      print("open \(output.appendingPathComponent("index.html").path)")
    }
  }
}
