// # Budget-aware learning-rate decay (linear decay to zero)
//
// Fix the budget T before training and let the learning rate fall linearly from its peak to
// zero exactly at the end of that budget:
//
//     lr(t) = lr₀ · (1 − t/T)
//
// Li, Yumer & Ramanan found that what matters under a budget is that the schedule *ends* at
// zero when the budget ends (budgeted convergence), and that the linear profile is the most
// robust across tasks and budgets.
//
// **How it saves compute** (`fewer-steps`): a short run that anneals fully is better than a
// long schedule cut short, so a smaller budget reaches a given quality. Our baseline already
// rescales its cosine to every budget (schedules here are functions of progress t/T), so this
// example measures the paper's other claim: linear against cosine, each spanning the run's own
// budget. No extra work per step.
//
// Paper: Li, Yumer & Ramanan, "Budgeted Training: Rethinking Deep Neural Network Training Under
// Resource Constraints", ICLR 2020 (`li2020budgeted`, https://arxiv.org/abs/1905.04753).
import Training

// ## The functional form
//
// The multiplier on the peak rate at progress p = t/T, and the recipe's schedule with its decay
// replaced by it. A warm-up the baseline needs (Transformers) is kept in front, as the card
// advises; the decay then spans the rest of the budget.
public func linearDecayMultiplier(progress p: Float) -> Float { 1 - min(max(p, 0), 1) }

/// `schedule` with its decay replaced by linear decay to zero (a leading warm-up kept).
public func budgetAwareLinear(_ schedule: Schedule) -> Schedule {
  if case .warmup(let fraction, _) = schedule { return .warmup(fraction: fraction, then: .linear(floor: 0)) }
  return .linear(floor: 0)
}

// ## The algorithm
//
// A change of recipe at fitStart (set-up, before the first step): the run's budget is its own
// `recipe.steps`, so the schedule spans exactly the steps this run will take.
public final class BudgetAwareLinearDecay: Algorithm {
  public let name = "budget-aware-lr-decay"
  public init() {}

  public func match(_ event: Event, _ state: TrainState) -> Bool { event == .fitStart }

  public func apply(_ event: Event, _ state: TrainState) {
    state.recipe.schedule = budgetAwareLinear(state.recipe.schedule)
  }
}

// MARK: - Experiment
//
// The residual CNN on Fashion-MNIST, with its tuned peak rate (0.1) unchanged as the card says
// (the authors keep the rate tuned for the full schedule). The point is quality at each budget:
// read the "final validation accuracy at each budget" line next to the time to target.
extension Examples {
  static let budgetAwareLRDecay = Technique(slug: "budget-aware-lr-decay", workload: .fashionCNN) { [BudgetAwareLinearDecay()] }
}
