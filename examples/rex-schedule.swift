// # REX learning-rate schedule
//
// A budget-aware decay to zero (see `budget-aware-lr-decay`) with a different profile: it stays
// higher than linear decay for longer and drops to zero in the last part of the run. With
// z = t/T the progress through the budget:
//
//     lr(t) = lr₀ · (1 − z) / (½ + ½ · (1 − z))
//
// which is lr₀ at z = 0, ⅔·lr₀ at z = ½ and 0 at z = 1 (REX: "reflected exponential").
//
// **How it saves compute** (`fewer-steps`): like linear decay, a schedule that ends at zero
// exactly when the budget ends gives the best model for that budget; Chen, Wolfe & Kyrillidis
// report that REX matches or beats linear, step and cosine decay across budgets. No extra work
// per step.
//
// Paper: Chen, Wolfe & Kyrillidis, "REX: Revisiting Budgeted Training with an Improved
// Schedule", MLSys 2022 (`chen2022rex`, https://arxiv.org/abs/2107.04197).
import Training

// ## The functional form
//
// The multiplier on the peak rate at progress z in [0, 1].
public func rexMultiplier(progress z: Float) -> Float {
  let remaining = 1 - min(max(z, 0), 1)
  return remaining / (0.5 + 0.5 * remaining)
}

// ## The algorithm
//
// The loop sets the learning rate from the recipe just before beforeOptimizerStep; REX
// replaces it there with the peak times the REX profile, sampled every step (the paper's
// per-iteration sampling). A warm-up in the baseline's schedule (Transformers) is kept, as the
// card advises, and REX then spans the rest of the budget.
public final class REXSchedule: Algorithm {
  public let name = "rex-schedule"
  public init() {}

  public func match(_ event: Event, _ state: TrainState) -> Bool { event == .beforeOptimizerStep }

  public func apply(_ event: Event, _ state: TrainState) {
    var z = state.progress
    if case .warmup(let fraction, _) = state.recipe.schedule {
      if z < fraction { return }  // the recipe's warm-up stands
      z = (z - fraction) / (1 - fraction)
    }
    state.learningRate = state.recipe.learningRate * rexMultiplier(progress: z)
  }
}

// MARK: - Experiment
//
// The residual CNN on Fashion-MNIST with its tuned peak rate (0.1): REX adds no hyperparameter
// and reuses the baseline's rate. As for linear decay, the comparison is against the
// baseline's cosine spanning the same budget; read the quality at each budget as well as the
// time to target.
extension Examples {
  static let rexSchedule = Technique(slug: "rex-schedule", workload: .fashionCNN) { [REXSchedule()] }
}
