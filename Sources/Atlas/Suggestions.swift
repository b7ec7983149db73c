// "Did you mean ...?": the closest known names to a mistyped one, by edit distance.

/// Levenshtein distance between two strings (case-insensitive).
public func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a.lowercased()), b = Array(b.lowercased())
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}

/// Known names close to `name`, best (fewest edits) first: those within a third of its length in
/// edits, or that contain it or are contained in it.
public func suggestions(for name: String, in known: [String], limit: Int = 3) -> [String] {
  let needle = name.lowercased()
  let threshold = max(2, needle.count / 3)
  // Containment admits a name however far it is, but ranks it by its distance like any other,
  // so a one-letter typo of "data-centric" is not outranked by "data", which it contains.
  let scored = known.compactMap { candidate -> (String, Int)? in
    let c = candidate.lowercased()
    let distance = editDistance(needle, c)
    let contains = !needle.isEmpty && !c.isEmpty && (c.contains(needle) || needle.contains(c))
    return distance <= threshold || contains ? (candidate, distance) : nil
  }
  return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).map(\.0)
}
