// # One-cycle learning rate
//
// Replace the baseline's decaying schedule by a single cycle over the whole run: the learning
// rate rises linearly from a small start to the peak over the first part of training, then
// anneals (half-cosine) to far below where it started. For progress p in [0, 1]:
//
//     η(p) = η_max · (s + (1 − s) · p / p_peak)                        for p < p_peak
//     η(p) = η_max · (e + (1 − e) · ½ (1 + cos(π (p − p_peak) / (1 − p_peak))))   otherwise
//
// with s = 1 / divFactor (start), e = s / finalDivFactor (end), PyTorch's OneCycleLR names.
//
// **How it saves compute** (`fewer-steps`): the steps are unchanged and cost the same; the
// long stretch at a large learning rate and the deep final anneal aim to reach a target
// quality in fewer of them (Smith & Topin's "super-convergence"). Our baseline already
// anneals with a cosine schedule, so the question is whether the cycle beats a good schedule,
// not a cut-short step decay.
//
// Paper: Smith & Topin, "Super-Convergence: Very Fast Training of Neural Networks Using Large
// Learning Rates", 2019 (`smith2019super`, https://arxiv.org/abs/1708.07120).
import Training

// ## The functional form
//
// The schedule from PyTorch-style parameters. The engine's `Schedule.oneCycle` is the
// multiplier on the recipe's peak; this maps `pctStart`, `divFactor` and `finalDivFactor` onto
// it, so the same three numbers as torch.optim.lr_scheduler.OneCycleLR describe the cycle.
public func oneCycleSchedule(pctStart: Float = 0.3, divFactor: Float = 25, finalDivFactor: Float = 1e4) -> Schedule {
  precondition(pctStart > 0 && pctStart < 1 && divFactor >= 1 && finalDivFactor >= 1,
    "oneCycleSchedule: pctStart \(pctStart) must be in (0, 1), divFactor \(divFactor) and finalDivFactor \(finalDivFactor) >= 1")
  let start = 1 / divFactor
  return .oneCycle(peakAt: pctStart, start: start, end: start / finalDivFactor)
}

// ## The algorithm
//
// Set-up only: at `initialize` the recipe's schedule is replaced by the cycle, with the
// recipe's own learning rate as the peak. Every later step reads the schedule as usual, so
// the technique costs nothing per step. The momentum cycle of the papers (0.95 down to 0.85
// and back) is left out: the baseline's SGD keeps a fixed Nesterov momentum of 0.9, and this
// example isolates the learning-rate cycle.
public final class OneCycleLR: Algorithm {
  public let name = "one-cycle-lr"
  public let pctStart: Float, divFactor: Float, finalDivFactor: Float

  public init(pctStart: Float = 0.3, divFactor: Float = 25, finalDivFactor: Float = 1e4) {
    (self.pctStart, self.divFactor, self.finalDivFactor) = (pctStart, divFactor, finalDivFactor)
  }

  public func match(_ event: Event, _ state: TrainState) -> Bool { event == .initialize }

  public func apply(_ event: Event, _ state: TrainState) {
    state.recipe.schedule = oneCycleSchedule(pctStart: pctStart, divFactor: divFactor, finalDivFactor: finalDivFactor)
  }
}

// MARK: - Experiment
//
// The residual CNN on Fashion-MNIST, whose batch norm makes large learning rates tolerable,
// the setting of the super-convergence experiments. The peak stays the baseline's tuned 0.1,
// which its sweep places in the middle of a plateau (0.05 to 0.2 end equally well), so the
// comparison changes only the shape of the schedule. The card's defaults (pctStart 0.3,
// divFactor 25, finalDivFactor 1e4) are PyTorch's and are used unchanged; the card's advice to
// find the peak with a range test is replaced by that recorded sweep.
extension Examples {
  static let oneCycleLR = Technique(slug: "one-cycle-lr", workload: .fashionCNN) { [OneCycleLR()] }
}
