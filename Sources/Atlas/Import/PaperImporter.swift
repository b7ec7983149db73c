// papers.bib -> Paper and SurveyCitation records, checking the fields the atlas relies on.
import Foundation

struct PaperImporter {
  let file: String
  var problems: [ImportProblem] = []

  init(file: String) { self.file = file }

  /// New-style (1710.09412, 2104.07857v2) and old-style (cs.LG/0601001) arXiv ids; compiled
  /// once, not once per entry.
  static let arxivPattern = try! NSRegularExpression(pattern: #"^(\d{4}\.\d{4,5}|[a-z\-]+(\.[A-Z]{2})?/\d{7})(v\d+)?$"#)

  mutating func read(_ text: String, knownSurveys: Set<String>) -> (papers: [Paper], citations: [SurveyCitation], lines: [String: Int]) {
    let entries: [BibEntry]
    do {
      entries = try parseBibTeX(text)
    } catch let error as BibTeXError {
      problems.append(ImportProblem(file: file, line: error.line, field: "", "BibTeX syntax error: \(error.message)"))
      return ([], [], [:])
    } catch {
      problems.append(ImportProblem(file: file, line: 1, field: "", "cannot read: \(error)"))
      return ([], [], [:])
    }
    var papers: [Paper] = []
    var citations: [SurveyCitation] = []
    var lines: [String: Int] = [:]
    var byArxiv: [String: String] = [:]
    var byTitle: [String: String] = [:]
    for entry in entries {
      let key = entry.key
      func problem(_ field: String, _ message: String) {
        problems.append(ImportProblem(file: file, line: entry.fieldLines[field] ?? entry.line, field: "\(key).\(field)", message))
      }
      if let first = lines[key] {
        problem("key", "duplicate key (first defined on line \(first))")
        continue
      }
      lines[key] = entry.line
      let f = entry.fields.mapValues { cleanBibText($0) }
      for required in ["title", "author", "year"] where (f[required] ?? "").isEmpty {
        problem(required, "missing required field")
      }
      let venue = f["journal"] ?? f["booktitle"] ?? f["publisher"] ?? f["howpublished"] ?? f["school"] ?? f["institution"]
      if venue == nil { problem("journal", "missing venue: give journal or booktitle (journal = {arXiv preprint} for preprints)") }
      var year = 0
      if let y = f["year"], !y.isEmpty {
        if let v = Int(y), (1900...2100).contains(v) { year = v } else { problem("year", "'\(y)' is not a year") }
      }
      let verified = f["verified"]?.lowercased()
      if verified == nil {
        problem("verified", "missing required field (yes or no)")
      } else if verified != "yes" && verified != "no" {
        problem("verified", "'\(verified!)' is not yes or no")
      }
      if let arxiv = f["arxiv"], !arxiv.isEmpty {
        if Self.arxivPattern.firstMatch(in: arxiv, range: NSRange(arxiv.startIndex..., in: arxiv)) == nil {
          problem("arxiv", "'\(arxiv)' is not an arXiv id like 1710.09412")
        } else if let other = byArxiv[arxiv] {
          problem("arxiv", "same arXiv id as '\(other)' (duplicate paper?)")
        } else {
          byArxiv[arxiv] = key
        }
      }
      if let title = f["title"], !title.isEmpty {
        let norm = title.lowercased().filter { $0.isLetter || $0.isNumber }
        if let other = byTitle[norm] { problem("title", "same title as '\(other)' (duplicate paper?)") } else { byTitle[norm] = key }
      }
      for part in (f["surveys"] ?? "").split(separator: ",").map(\.trimmed) where !part.isEmpty {
        let bits = part.split(separator: ":").map(String.init)
        guard bits.count == 2, Vocabulary.confidences.contains(bits[1]) else {
          problem("surveys", "'\(part)' should be survey:confidence, e.g. shen2023:H (confidence H, M or L)")
          continue
        }
        guard knownSurveys.contains(bits[0]) else {
          problem("surveys", "unknown survey '\(bits[0])' (known: \(knownSurveys.sorted().joined(separator: ", ")))")
          continue
        }
        citations.append(SurveyCitation(surveyId: bits[0], paperId: key, confidence: bits[1]))
      }
      let authors = (f["author"] ?? "").split(separator: " and ", omittingEmptySubsequences: false).map(\.trimmed).filter { !$0.isEmpty }
      papers.append(
        Paper(
          id: key, entryType: entry.type, title: f["title"] ?? "", authors: authors.map(displayName), year: year,
          venue: venue ?? "", arxiv: f["arxiv"], doi: f["doi"], url: f["url"], verified: verified == "yes",
          fields: entry.fields))
    }
    return (papers, citations, lines)
  }
}

/// BibTeX text as a reader sees it: protective braces dropped, whitespace collapsed.
func cleanBibText(_ s: String) -> String {
  // One pass over the scalars: drop braces, collapse runs of whitespace to one space.
  var out = String.UnicodeScalarView()
  var pendingSpace = false
  for c in s.unicodeScalars where c != "{" && c != "}" {
    if c.properties.isWhitespace {
      pendingSpace = !out.isEmpty
    } else {
      if pendingSpace { out.append(" ") }
      pendingSpace = false
      out.append(c)
    }
  }
  return String(out)
}

/// "Last, First" -> "First Last"; other forms unchanged.
func displayName(_ author: String) -> String {
  let parts = author.split(separator: ",", maxSplits: 1).map(\.trimmed)
  return parts.count == 2 ? "\(parts[1]) \(parts[0])" : author
}
