// The time-per-step ratio of two arms, measured so that the shared machine's drift cancels:
// each arm trains one whole run, the two runs advancing alternately in short blocks, in ABBA
// order (baseline first in even blocks, technique first in odd ones). A slow minute hits both
// arms of the blocks it falls in alike.
//
// Why a whole run and a ratio of total times, not the median ratio of a few early blocks: a
// technique's step cost can depend on progress (progressive resizing grows its images,
// FreezeOut freezes layers, sequence-length warmup lengthens its windows) or include one-off
// work (EL2N scores the whole training set once). Timing every step of the schedule, in
// place, charges each arm what its run actually costs.
import Foundation
import Results

/// Runs `baseline` and `technique` for `steps` steps each (by default their whole recipe),
/// alternating in `blocks` contiguous blocks, and returns the timing with its bootstrap
/// interval over blocks and the baseline's block-to-block noise. Nil when an arm diverges.
public func timeSteps(baseline: TrainingSteps, technique: TrainingSteps, blocks: Int, steps: Int? = nil) -> StepTiming? {
  let total = steps ?? baseline.state.totalSteps
  precondition(blocks > 0 && total >= blocks, "timeSteps: \(blocks) blocks of \(total) steps")
  func seconds(_ arm: TrainingSteps, _ n: Int) -> Double? {
    let clock = ContinuousClock.now
    for _ in 0..<n { guard (try? arm.step()) != nil else { return nil } }
    return clock.duration(to: .now).seconds
  }
  // Block i covers steps [i·total/blocks, (i+1)·total/blocks): sizes differ by at most one.
  let sizes = (0..<blocks).map { (($0 + 1) * total) / blocks - ($0 * total) / blocks }
  var a: [Double] = [], b: [Double] = []
  for (block, n) in sizes.enumerated() {
    let baselineFirst = block % 2 == 0
    guard let first = seconds(baselineFirst ? baseline : technique, n),
      let second = seconds(baselineFirst ? technique : baseline, n)
    else { return nil }
    a.append(baselineFirst ? first : second)
    b.append(baselineFirst ? second : first)
  }
  let interval = bootstrapInterval([Array(0..<blocks).map(Double.init)]) { blockTimeRatio(a, b, blocks: $0[0]) }
  let perStep = zip(a, sizes).map { $0 / Double($1) }
  let noise = ((quantile(perStep, 0.75) ?? 0) - (quantile(perStep, 0.25) ?? 0)) / (median(perStep) ?? 1)
  return StepTiming(
    repetitions: blocks, stepsPerRepetition: Int((Double(total) / Double(blocks)).rounded()),
    baselineSecondsPerStep: a.reduce(0, +) / Double(total), techniqueSecondsPerStep: b.reduce(0, +) / Double(total),
    ratio: blockTimeRatio(a, b, blocks: nil) ?? .nan, low: interval?.low ?? .nan, high: interval?.high ?? .nan, noise: noise,
    ratios: zip(a, b).map { $0 / $1 }, baselineBlockSeconds: a, techniqueBlockSeconds: b)
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
      return (a.indices.map(Double.init), { blockTimeRatio(a, b, blocks: $0) })
    }
    return ratios.isEmpty ? nil : (ratios, { median($0) })
  }
}
