// The few statistics the measurement protocol needs: medians, percentiles, and a bootstrap
// interval for a ratio of medians. Infinity stands for "never reached the target" and flows
// through: a median can be infinite, and a ratio with an infinite denominator is 0.

/// The median of `values` (the mean of the middle two for an even count); nil when empty.
public func median(_ values: [Double]) -> Double? {
  guard !values.isEmpty else { return nil }
  let s = values.sorted()
  let mid = s.count / 2
  if s.count % 2 == 1 { return s[mid] }
  let (a, b) = (s[mid - 1], s[mid])
  // inf + inf / 2 is inf; inf and a finite value give inf: half the runs never got there.
  return a.isInfinite || b.isInfinite ? max(a, b) : (a + b) / 2
}

/// The `q` quantile (0...1) of `values` by linear interpolation between order statistics.
public func quantile(_ values: [Double], _ q: Double) -> Double? {
  guard !values.isEmpty else { return nil }
  let s = values.sorted()
  let position = q * Double(s.count - 1)
  let lower = Int(position.rounded(.down)), upper = Int(position.rounded(.up))
  if lower == upper || s[lower] == s[upper] { return s[lower] }
  if s[upper].isInfinite { return s[upper] }
  return s[lower] + (s[upper] - s[lower]) * (position - Double(lower))
}

/// baseline / technique with the protocol's conventions for runs that never reached the
/// target: a technique that never gets there has ratio 0, a baseline that never gets there
/// infinity, and two that never get there no ratio at all (nil).
public func speedRatio(baseline: Double, technique: Double) -> Double? {
  switch (baseline.isInfinite, technique.isInfinite) {
  case (true, true): return nil
  case (false, true): return 0
  case (true, false): return .infinity
  case (false, false): return technique == 0 ? nil : baseline / technique
  }
}

/// A 95% percentile-bootstrap interval of `statistic`, resampling each of `groups` with
/// replacement `resamples` times from a seeded RNG (so the interval is reproducible).
/// Resamples where the statistic is undefined (nil) are left out.
public func bootstrapInterval(
  _ groups: [[Double]], resamples: Int = 2000, seed: UInt64 = 0x5EED, statistic: ([[Double]]) -> Double?
) -> (low: Double, high: Double)? {
  var rng = SplitMix(seed)
  var values: [Double] = []
  values.reserveCapacity(resamples)
  for _ in 0..<resamples {
    let sample = groups.map { g in g.indices.map { _ in g[Int(rng.next() % UInt64(g.count))] } }
    if let v = statistic(sample) { values.append(v) }
  }
  guard let low = quantile(values, 0.025), let high = quantile(values, 0.975) else { return nil }
  return (low, high)
}

/// SplitMix64: a tiny seeded generator for resampling. The bootstrap must not draw from the
/// runs' RNG streams, or measuring would change what is measured.
struct SplitMix {
  private var state: UInt64
  init(_ seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
