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

    @Option(help: "Output folder (default: _site beside taxonomy/).")
    var out: String?

    func run() throws {
      let paths = try ProjectPaths.locate()
      let atlas = try options.openAtlas()
      let output = out.map { URL(fileURLWithPath: $0) } ?? paths.defaultSiteOutput
      let start = ContinuousClock.now
      let pages = try SiteGenerator(atlas: atlas, root: paths.root).write(to: output)
      let ms = Int((ContinuousClock.now - start) / .milliseconds(1))
      print("wrote \(pages) pages to \(output.path) in \(ms) ms")
      print("open \(output.appendingPathComponent("index.html").path)")
    }
  }
}
