// The time-per-step ratio of two arms, measured so that the shared machine's drift cancels:
// both arms' training steps run alternately in short blocks, in ABBA order (baseline first on
// even repetitions, technique first on odd ones), and the statistic is the median of the
// per-repetition ratios. A slow minute hits both arms of the repetitions it falls in alike.
import Foundation
import Results

/// Alternates `stepsPerRepetition` steps of each arm `repetitions` times after `warmup` steps
/// each, and returns the timing with its bootstrap interval and the baseline's noise.
public func timeSteps(
  baseline: TrainingSteps, technique: TrainingSteps, repetitions: Int, stepsPerRepetition: Int, warmup: Int = 5
) -> StepTiming? {
  precondition(repetitions > 0 && stepsPerRepetition > 0, "timeSteps: repetitions \(repetitions), steps \(stepsPerRepetition)")
  func seconds(_ arm: TrainingSteps, _ n: Int) -> Double? {
    let clock = ContinuousClock.now
    for _ in 0..<n { guard (try? arm.step()) != nil else { return nil } }
    return clock.duration(to: .now).seconds / Double(n)
  }
  guard seconds(baseline, warmup) != nil, seconds(technique, warmup) != nil else { return nil }
  var a: [Double] = [], b: [Double] = []
  for rep in 0..<repetitions {
    let order = rep % 2 == 0 ? [baseline, technique] : [technique, baseline]
    var times: [Double] = []
    for arm in order {
      guard let t = seconds(arm, stepsPerRepetition) else { return nil }
      times.append(t)
    }
    a.append(rep % 2 == 0 ? times[0] : times[1])
    b.append(rep % 2 == 0 ? times[1] : times[0])
  }
  let ratios = zip(a, b).map { $0 / $1 }
  let interval = bootstrapInterval([ratios]) { median($0[0]) }
  let noise = ((quantile(a, 0.75) ?? 0) - (quantile(a, 0.25) ?? 0)) / (median(a) ?? 1)
  return StepTiming(
    repetitions: repetitions, stepsPerRepetition: stepsPerRepetition, baselineSecondsPerStep: median(a) ?? .nan,
    techniqueSecondsPerStep: median(b) ?? .nan, ratio: median(ratios) ?? .nan, low: interval?.low ?? .nan,
    high: interval?.high ?? .nan, noise: noise, ratios: ratios)
}
