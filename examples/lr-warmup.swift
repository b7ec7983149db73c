// # Learning-rate warmup
//
// Start at a learning rate of zero and raise it linearly to the peak over the first fraction
// f of the run; the baseline's schedule then runs over the rest, compressed into it:
//
//     η(p) = η_max · p / f                          for p < f
//     η(p) = η_max · base((p − f) / (1 − f))        otherwise
//
// where p in [0, 1] is progress through the run and base is the baseline's multiplier (here
// a half-cosine from 1 to 0).
//
// **How it saves compute** (`fewer-steps`): warmup makes no step cheaper. It keeps the first
// steps, taken while weights and batch-norm statistics are far from their later values, from
// throwing the network somewhere it cannot recover from, which is what lets large peaks and
// large batches train. At a peak the baseline already tolerates, it can only help by making
// early training steadier, and it spends a share of the budget at small learning rates.
//
// Paper: Goyal et al., "Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour", 2017
// (`goyal2017accurate`, https://arxiv.org/abs/1706.02677).
import Training

// ## The functional form
//
// Any schedule, warmed up: the engine's `Schedule.warmup` wraps the schedule it is given, so
// the decay after the ramp is exactly the baseline's, only shifted.
public func warmedUp(_ schedule: Schedule, fraction: Float) -> Schedule {
  precondition(fraction > 0 && fraction < 1, "warmedUp: fraction \(fraction) must be in (0, 1)")
  return .warmup(fraction: fraction, then: schedule)
}

// ## The algorithm
//
// Set-up only: at `initialize`, wrap whatever schedule the recipe has in a linear warmup.
// The peak learning rate is unchanged.
public final class LRWarmup: Algorithm {
  public let name = "lr-warmup"
  /// Share of the run spent ramping up.
  public let fraction: Float

  public init(fraction: Float = 0.05) {
    precondition(fraction > 0 && fraction < 1, "LRWarmup(fraction: \(fraction)): must be in (0, 1)")
    self.fraction = fraction
  }

  public func match(_ event: Event, _ state: TrainState) -> Bool { event == .initialize }

  public func apply(_ event: Event, _ state: TrainState) {
    state.recipe.schedule = warmedUp(state.recipe.schedule, fraction: fraction)
  }
}

// MARK: - Experiment
//
// The residual CNN on Fashion-MNIST with its tuned SGD recipe (peak 0.1, cosine). The card
// gives warmup lengths in epochs or steps for long runs (5 of 90 ImageNet epochs, about 2,000
// language-model steps); as a share of the run, Goyal et al.'s 5 of 90 epochs is about 5%,
// which is the fraction used here (20 of the 400 steps, 10 at the half budget). The peak is
// the baseline's, so this measures warmup alone, not the larger peak it might permit.
extension Examples {
  static let lrWarmup = Technique(slug: "lr-warmup", workload: .fashionCNN) { [LRWarmup(fraction: 0.05)] }
}
