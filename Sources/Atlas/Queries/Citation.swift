// A paper as a reader cites it: a BibTeX entry to paste (`hasten cite`, the site's paper pages)
// or one line of text. Our own bookkeeping fields (surveys, verified) stay out of the BibTeX;
// the arXiv id becomes the standard eprint/archivePrefix pair.

extension Paper {
  /// Fields in the order most BibTeX styles and people expect; anything else follows, sorted.
  static let fieldOrder = [
    "title", "author", "editor", "journal", "booktitle", "volume", "number", "pages", "year", "month",
    "publisher", "address", "organization", "school", "institution", "howpublished", "note", "doi", "url",
  ]
  static let privateFields: Set<String> = ["surveys", "verified", "arxiv"]

  /// The entry as BibTeX, with the values as written in papers.bib.
  public var bibtex: String {
    var pairs: [(String, String)] = []
    for name in Self.fieldOrder { if let v = fields[name] { pairs.append((name, v)) } }
    for (name, v) in fields.sorted(by: { $0.key < $1.key })
    where !Self.fieldOrder.contains(name) && !Self.privateFields.contains(name) {
      pairs.append((name, v))
    }
    if let arxiv {
      pairs.append(("eprint", arxiv))
      pairs.append(("archivePrefix", "arXiv"))
    }
    let width = pairs.map(\.0.count).max() ?? 0
    let body = pairs.map { name, value in
      "  \(name.padded(to: width)) = {\(value)}"
    }.joined(separator: ",\n")
    return "@\(entryType){\(id),\n\(body)\n}"
  }

  /// "Authors (Year). Title. Venue. arXiv:id. doi:..."
  public var citationText: String {
    let names: String
    switch authors.count {
    case 0: names = "Anonymous"
    case 1: names = authors[0]
    default: names = authors.dropLast().joined(separator: ", ") + " and " + authors.last!
    }
    var parts = ["\(names) (\(year)). \(title). \(venue)."]
    if let arxiv { parts.append("arXiv:\(arxiv).") }
    if let doi { parts.append("doi:\(doi).") }
    return parts.joined(separator: " ")
  }
}
