// # LAMB at a large batch
//
// LAMB is Adam with decoupled weight decay whose update is rescaled, per layer, so that every
// layer moves by the same fraction of its own weight norm. For a weight matrix w with Adam's
// bias-corrected moments m̂ and v̂:
//
//     r = m̂ / (√v̂ + ε) + λ w                 (Adam's direction plus decoupled decay)
//     w ← w − η · (‖w‖ / ‖r‖) · r            (trust ratio ‖w‖ / ‖r‖; 1 if either norm is 0)
//
// so ‖Δw‖ = η ‖w‖: the learning rate is a relative step size, the same for a wide first layer
// and a narrow classifier. That is what lets the batch grow without the step blowing up some
// layers and starving others.
//
// **How it saves compute** (`fewer-steps`, `less-communication`): a batch k times larger with
// k times fewer steps sees the same examples. On many devices the larger batch spreads over
// more of them, so fewer, wider steps finish sooner. On one CPU it can help only if one step
// at batch kB costs less than k steps at batch B (larger matrix products use BLAS better) and
// if the fewer steps still reach the target; the measurement below says whether both hold.
//
// Paper: You et al., "Large Batch Optimization for Deep Learning: Training BERT in 76
// minutes", ICLR 2020 (`you2020large`, https://arxiv.org/abs/1904.00962).
import Tensor
import Training

// ## The functional form
//
// The trust ratio of one layer: its weight norm over its update norm, 1 when either is 0 (a
// zero-initialised layer, or no update). The engine's `LAMB` optimizer applies it per
// parameter tensor; this is the same arithmetic, exposed so a test can check it by hand.
public func lambTrustRatio(weight: [Float], update: [Float]) -> Float {
  func norm(_ x: [Float]) -> Float { Float(x.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()) }
  let (wn, rn) = (norm(weight), norm(update))
  return wn > 0 && rn > 0 ? wn / rn : 1
}

// Biases and normalisation parameters (the one-dimensional tensors) are, as in the reference
// implementation, excluded from both the trust ratio and the weight decay: their norms say
// nothing about a useful step size. They take a plain Adam step (LAMB with a ratio of 1).
public func layerwiseAdaptedSplit(_ parameters: [Tensor]) -> (adapted: [Tensor], excluded: [Tensor]) {
  (parameters.filter { $0.rank > 1 }, parameters.filter { $0.rank <= 1 })
}

// ## The algorithm
//
// Set-up only, at `initialize`: the batch grows by `batchFactor` and the step budget shrinks
// by the same factor (the same examples), the optimizer becomes LAMB for the weight matrices
// and Adam for the rest, and the schedule becomes the card's: a linear warmup over a few
// percent of the steps, then linear decay to zero. Each later step is an ordinary step at
// the larger batch, so its full cost is timed and counted.
public final class LAMBLargeBatch: Algorithm {
  public let name = "lamb"
  public let batchFactor: Int
  public let learningRate: Float
  public let betas: (Float, Float), eps: Float, weightDecay: Float
  /// Share of the (shortened) run spent in linear warmup.
  public let warmup: Float

  public init(
    batchFactor: Int = 4, learningRate: Float = 0.04, betas: (Float, Float) = (0.9, 0.999), eps: Float = 1e-6,
    weightDecay: Float = 0.01, warmup: Float = 0.05
  ) {
    precondition(batchFactor >= 1 && learningRate > 0 && warmup >= 0 && warmup < 1,
      "LAMBLargeBatch: batchFactor \(batchFactor) >= 1, learningRate \(learningRate) > 0, warmup \(warmup) in [0, 1)")
    (self.batchFactor, self.learningRate, self.betas, self.eps, self.weightDecay, self.warmup) =
      (batchFactor, learningRate, betas, eps, weightDecay, warmup)
  }

  public func match(_ event: Event, _ state: TrainState) -> Bool { event == .initialize }

  public func apply(_ event: Event, _ state: TrainState) {
    let (adapted, excluded) = layerwiseAdaptedSplit(state.model.parameters.map(\.tensor))
    state.optimizer = ParameterGroups([
      (LAMB(adapted, betas: betas, eps: eps, weightDecay: weightDecay), 1),
      (Adam(excluded, betas: betas, eps: eps), 1),
    ])
    state.recipe.batchSize *= batchFactor
    state.recipe.steps = max(1, Int((Double(state.recipe.steps) / Double(batchFactor)).rounded()))
    state.recipe.learningRate = learningRate
    state.recipe.schedule = warmup > 0 ? .warmup(fraction: warmup, then: .linear()) : .linear()
  }
}

// MARK: - Experiment
//
// The 784-256-256-10 MLP on Fashion-MNIST: its steps are three matrix products, where a 4x
// larger batch (256 instead of 64) has the best chance to run more examples per second on
// BLAS. The baseline is the workload's tuned small-batch recipe (SGD with Nesterov momentum,
// learning rate 0.05, cosine); LAMB gets a quarter of its steps (150 instead of 600).
//
// Hyperparameters: betas, ε = 1e-6 and decoupled weight decay 0.01 are the card's. The card
// says to scale the learning rate from a tuned value and then tune; there is no tuned LAMB
// value for this model, so, like the baseline's, it was picked from a short sweep: one
// full-budget run (seed 1) each at 0.005, 0.01, 0.02 and 0.04 ended at 0.773, 0.836, 0.874 and
// 0.882 validation accuracy, so 0.04, the largest value tried. Since ‖Δw‖ = η ‖w‖, each weight
// matrix moves by at most 4% of its norm per step.
extension Examples {
  static let lamb = Technique(slug: "lamb", workload: .fashionMLP) { [LAMBLargeBatch(learningRate: 0.04)] }
}
