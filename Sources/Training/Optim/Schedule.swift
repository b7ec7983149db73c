// Learning-rate schedules as functions of training progress p in [0, 1], not of step counts,
// so the same recipe rescales to any budget: a run with half the steps sees the whole
// schedule, compressed. The value is a multiplier on the recipe's peak learning rate.
import Foundation

/// A learning-rate multiplier as a function of progress through the run.
public enum Schedule: Sendable, Equatable, Codable {
  /// Always 1.
  case constant
  /// Half-cosine from 1 to `floor` (Loshchilov & Hutter's SGDR without restarts).
  case cosine(floor: Float = 0)
  /// Straight line from 1 to `floor` (linear decay).
  case linear(floor: Float = 0)
  /// Step decay: multiplied by `gamma` at each milestone (a progress value) passed, e.g.
  /// milestones [0.5, 0.75] and gamma 0.1 give 1, then 0.1, then 0.01.
  case step(milestones: [Float], gamma: Float = 0.1)
  /// One cycle (Smith & Topin): linear rise from `start` to 1 over the first `peakAt` of the
  /// run, then cosine annealing to `end`.
  case oneCycle(peakAt: Float = 0.3, start: Float = 0.04, end: Float = 0.0004)
  /// Linear warmup from 0 over the first `fraction` of the run, then the wrapped schedule over
  /// the rest.
  indirect case warmup(fraction: Float, then: Schedule)

  /// The multiplier at progress `p` (clamped to [0, 1]).
  public func multiplier(at p: Float) -> Float {
    let p = min(max(p, 0), 1)
    switch self {
    case .constant:
      return 1
    case .cosine(let floor):
      return floor + (1 - floor) * 0.5 * (1 + cos(Float.pi * p))
    case .linear(let floor):
      return 1 - (1 - floor) * p
    case .step(let milestones, let gamma):
      return pow(gamma, Float(milestones.filter { p >= $0 }.count))
    case .oneCycle(let peakAt, let start, let end):
      if p < peakAt { return start + (1 - start) * p / peakAt }
      let q = (p - peakAt) / (1 - peakAt)
      return end + (1 - end) * 0.5 * (1 + cos(Float.pi * q))
    case .warmup(let fraction, let then):
      if p < fraction { return p / fraction }
      return then.multiplier(at: (p - fraction) / (1 - fraction))
    }
  }
}
