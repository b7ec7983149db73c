// The time-per-step ratio of two arms, measured so that the shared machine's drift cancels:
// two runs, one per arm, advance alternately in short blocks, in ABBA order (baseline first in
// even blocks, technique first in odd ones). A slow minute hits both arms of the blocks it
// falls in alike.
//
// The runs timed are whole measured runs (the protocol times its first seed's full-budget
// pair this way), so timing costs no extra steps, and every step of the schedule is charged
// where it happens: a technique whose step cost depends on progress (progressive resizing
// grows its images, FreezeOut freezes layers, sequence-length warmup lengthens its windows) or
// that does one-off work (EL2N scores the whole training set once) is timed as it runs. Hence
// a ratio of total times, not a median of per-block ratios, which would drop the one-off work.
import Foundation
import Results

/// Advances `baseline` and `technique` to the end of their budgets in `blocks` alternating
/// blocks (block i takes each run to fraction (i+1)/blocks of its steps) and returns the
/// timing with its bootstrap interval over blocks; nil when either run diverges (both runs
/// are still taken to their end).
public func timeRuns(baseline: TrainingRun, technique: TrainingRun, blocks: Int) -> StepTiming? {
  precondition(blocks > 0, "timeRuns: \(blocks) blocks")
  let (nA, nB) = (baseline.state.totalSteps, technique.state.totalSteps)
  func block(_ run: TrainingRun, _ i: Int) -> Double {
    let before = run.trainSeconds
    run.advance(to: (i + 1) * run.state.totalSteps / blocks)
    return run.trainSeconds - before
  }
  var a: [Double] = [], b: [Double] = []
  for i in 0..<blocks {
    if i % 2 == 0 {
      a.append(block(baseline, i))
      b.append(block(technique, i))
    } else {
      b.append(block(technique, i))
      a.append(block(baseline, i))
    }
  }
  guard !baseline.diverged, !technique.diverged, nA >= blocks, nB >= blocks else { return nil }
  let stepsRatio = Double(nB) / Double(nA)
  let ratio = { (indices: [Double]?) in blockTimeRatio(a, b, blocks: indices).map { $0 * stepsRatio } }
  let interval = bootstrapInterval([Array(0..<blocks).map(Double.init)]) { ratio($0[0]) }
  let perStep = a.map { $0 * Double(blocks) / Double(nA) }
  let noise = ((quantile(perStep, 0.75) ?? 0) - (quantile(perStep, 0.25) ?? 0)) / (median(perStep) ?? 1)
  return StepTiming(
    repetitions: blocks, stepsPerRepetition: Int((Double(nA) / Double(blocks)).rounded()),
    baselineSecondsPerStep: a.reduce(0, +) / Double(nA), techniqueSecondsPerStep: b.reduce(0, +) / Double(nB),
    ratio: ratio(nil) ?? .nan, low: interval?.low ?? .nan, high: interval?.high ?? .nan, noise: noise,
    ratios: zip(a, b).map { $0 / $1 * stepsRatio }, baselineBlockSeconds: a, techniqueBlockSeconds: b, baselineSteps: nA,
    techniqueSteps: nB)
}

/// Total baseline time over total technique time for the given blocks (indices into the
/// paired block times, as Doubles so that the bootstrap can resample them; nil: all blocks).
/// Resampling block indices keeps each block's two arms paired.
func blockTimeRatio(_ baseline: [Double], _ technique: [Double], blocks: [Double]?) -> Double? {
  let indices = blocks.map { $0.map { Int($0) } } ?? Array(baseline.indices)
  let a = indices.reduce(0) { $0 + baseline[$1] }, b = indices.reduce(0) { $0 + technique[$1] }
  return b > 0 ? a / b : nil
}

extension StepTiming {
  /// The time-per-step ratio as a statistic over a resampled group, for the wall-clock
  /// estimate's bootstrap: blocks resampled in pairs for whole-run timings, the per-repetition
  /// ratios' median for sets measured before block times were recorded.
  var resampledRatio: (group: [Double], statistic: ([Double]) -> Double?)? {
    if hasBlocks, let a = baselineBlockSeconds, let b = techniqueBlockSeconds {
      let stepsRatio = Double(techniqueSteps ?? 1) / Double(baselineSteps ?? 1)
      return (a.indices.map(Double.init), { blockTimeRatio(a, b, blocks: $0).map { $0 * stepsRatio } })
    }
    return ratios.isEmpty ? nil : (ratios, { median($0) })
  }
}
