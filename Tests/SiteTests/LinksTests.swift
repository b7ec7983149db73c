// Every internal link of the written site resolves: each href and src without a scheme names
// a file that exists, and each #fragment an id in the target page; every Markdown link names
// an existing file too. (scripts/check-links.py does the same over a real build.)
import Foundation
import Testing

@testable import Site

@Suite struct LinksTests {
  @Test func everyInternalLinkResolves() throws {
    // Given the written site
    let out = try writtenSite.get()
    let fm = FileManager.default
    let files = (fm.enumerator(atPath: out.path)?.allObjects as? [String] ?? []).sorted()
    var ids: [String: Set<String>] = [:]
    func idsIn(_ path: String) throws -> Set<String> {
      if let known = ids[path] { return known }
      let html = try String(contentsOf: out.appendingPathComponent(path), encoding: .utf8)
      let found = Set(matches(of: #"\sid="([^"]*)""#, in: html))
      ids[path] = found
      return found
    }
    // When every link is resolved against its page
    var broken: [String] = []
    var checked = 0
    for page in files where page.hasSuffix(".html") || page.hasSuffix(".md") {
      let text = try String(contentsOf: out.appendingPathComponent(page), encoding: .utf8)
      let links =
        page.hasSuffix(".html")
        ? matches(of: #"\s(?:href|src)="([^"]*)""#, in: text)
        : matches(of: #"\]\(([^)\s]+)\)"#, in: withoutCode(text))
      for link in links where !link.contains(":") && !link.isEmpty {
        checked += 1
        let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let decoded = parts[0].removingPercentEncoding ?? parts[0]
        let target =
          parts[0].isEmpty
          ? page
          : normalized(page.split(separator: "/").dropLast().map(String.init) + decoded.split(separator: "/").map(String.init))
        guard !target.hasPrefix(".."), fm.fileExists(atPath: out.appendingPathComponent(target).path) else {
          broken.append("\(page): \(link)")
          continue
        }
        if parts.count > 1, target.hasSuffix(".html"), !(try idsIn(target)).contains(parts[1]) {
          broken.append("\(page): \(link) (no such id)")
        }
      }
    }
    // Then none is broken
    #expect(broken.count == 0, "\(broken.prefix(20).joined(separator: "\n"))")
    #expect(checked > 10_000)
  }

  @Test func linksAreRelativeToThePage() {
    #expect(Links(from: "index").url("techniques/mixup") == "techniques/mixup.md")
    #expect(Links(from: "techniques/mixup").url("nodes/data", fragment: "x") == "../nodes/data.md#x")
    #expect(Links(from: "techniques/mixup").link("A *b*", "index") == "[A \\*b\\*](../index.md)")
    #expect(Links(from: "a/b").file("plots/x y.svg") == "../plots/x%20y.svg")
  }

  /// A relative path with "." and ".." resolved; a leading ".." stays (it leaves the site).
  func normalized(_ components: [String]) -> String {
    var out: [String] = []
    for c in components where c != "." && !c.isEmpty {
      if c == "..", let last = out.last, last != ".." { out.removeLast() } else { out.append(c) }
    }
    return out.joined(separator: "/")
  }

  /// The first capture group of every match.
  func matches(of pattern: String, in text: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: pattern)
    let ns = text as NSString
    return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
  }

  /// Markdown without fenced code blocks and code spans (their brackets are not links).
  func withoutCode(_ markdown: String) -> String {
    var out = ""
    var fenced = false
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") {
        fenced.toggle()
        continue
      }
      if !fenced { out += line.replacingOccurrences(of: #"`[^`]*`"#, with: "", options: .regularExpression) + "\n" }
    }
    return out
  }
}
