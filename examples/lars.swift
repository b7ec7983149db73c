// # LARS at a large batch
//
// LARS is SGD with momentum in which each layer's learning rate is scaled by a trust ratio,
// the layer's weight norm over its gradient norm, so that every layer moves by a similar
// fraction of its weights whatever the size of its gradient:
//
//     τ = η_trust · ‖w‖ / (‖g‖ + λ ‖w‖)       (1 if either norm is 0)
//     v ← μ v + η · τ · (g + λ w)
//     w ← w − v
//
// so a step moves a layer by about η · η_trust · ‖w‖ (before momentum), independently of how
// large its gradient happens to be. You et al. found that the ratio ‖w‖/‖g‖ varies by orders
// of magnitude across the layers of a CNN, and that this is what makes a single global
// learning rate diverge at large batches.
//
// **How it saves compute** (`fewer-steps`, `less-communication`): a batch k times larger with
// k times fewer steps sees the same examples, and on many devices fewer, wider steps finish
// sooner. On one CPU it can only help if one step at batch kB costs less than k steps at
// batch B and the fewer steps still reach the target; the measurement says whether both hold.
//
// Paper: You, Gitman & Ginsburg, "Large Batch Training of Convolutional Networks", 2017
// (`you2017large`, https://arxiv.org/abs/1708.03888).
import Tensor
import Training

// ## The functional form
//
// The trust ratio of one layer, as the engine's `LARS` optimizer computes it per parameter
// tensor (exposed so a test can check the arithmetic by hand).
public func larsTrustRatio(weight: [Float], gradient: [Float], eta: Float, weightDecay: Float) -> Float {
  func norm(_ x: [Float]) -> Float { Float(x.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()) }
  let (wn, gn) = (norm(weight), norm(gradient))
  return wn > 0 && gn > 0 ? eta * wn / (gn + weightDecay * wn) : 1
}

// ## The algorithm
//
// Set-up only, at `initialize`: the batch grows by `batchFactor` and the step budget shrinks
// by the same factor, the convolution and linear weights get LARS, and the one-dimensional
// parameters (batch-norm scales and shifts, the classifier's bias), which common
// implementations keep out of the trust ratio and the decay, get plain momentum SGD. Their
// rate is the baseline's, scaled linearly with the batch (`excludedLearningRate`), because a
// trust-ratio learning rate (in the units of ‖w‖/‖g‖) means nothing for them. The schedule is a
// linear warmup over a few percent of the steps, then decay to zero.
public final class LARSLargeBatch: Algorithm {
  public let name = "lars"
  public let batchFactor: Int
  public let learningRate: Float, excludedLearningRate: Float
  public let momentum: Float, weightDecay: Float, eta: Float
  /// Share of the (shortened) run spent in linear warmup.
  public let warmup: Float

  public init(
    batchFactor: Int = 4, learningRate: Float = 10, excludedLearningRate: Float = 0.4, momentum: Float = 0.9,
    weightDecay: Float = 5e-4, eta: Float = 0.001, warmup: Float = 0.05
  ) {
    precondition(batchFactor >= 1 && learningRate > 0 && excludedLearningRate > 0 && warmup >= 0 && warmup < 1,
      "LARSLargeBatch: batchFactor \(batchFactor) >= 1, learning rates \(learningRate), \(excludedLearningRate) > 0, warmup \(warmup) in [0, 1)")
    (self.batchFactor, self.learningRate, self.excludedLearningRate) = (batchFactor, learningRate, excludedLearningRate)
    (self.momentum, self.weightDecay, self.eta, self.warmup) = (momentum, weightDecay, eta, warmup)
  }

  public func match(_ event: Event, _ state: TrainState) -> Bool { event == .initialize }

  public func apply(_ event: Event, _ state: TrainState) {
    let parameters = state.model.parameters.map(\.tensor)
    let (adapted, excluded) = (parameters.filter { $0.rank > 1 }, parameters.filter { $0.rank <= 1 })
    state.optimizer = ParameterGroups([
      (LARS(adapted, momentum: momentum, weightDecay: weightDecay, eta: eta), 1),
      (SGD(excluded, momentum: momentum), excludedLearningRate / learningRate),
    ])
    state.recipe.batchSize *= batchFactor
    state.recipe.steps = max(1, Int((Double(state.recipe.steps) / Double(batchFactor)).rounded()))
    state.recipe.learningRate = learningRate
    state.recipe.schedule = warmup > 0 ? .warmup(fraction: warmup, then: .linear()) : .linear()
  }
}

// MARK: - Experiment
//
// The residual CNN on Fashion-MNIST, a batch-normalised CNN like those of the LARS report, at
// batch 256 (4x the baseline's 64) for 100 steps instead of 400. The baseline is the tuned
// small-batch recipe (SGD with Nesterov momentum, 0.1, cosine).
//
// Hyperparameters: trust coefficient 0.001 and momentum 0.9 are the card's; weight decay stays
// the baseline's 5e-4 (the card's 5e-5 to 1e-4 is for 90-epoch ResNet-50 runs). The engine
// has no polynomial decay, so the card's power-2 decay to zero is replaced by linear decay to
// zero after a 5% warmup. The global learning rate was picked from a short sweep, as the
// baseline's was: one full-budget run (seed 1) each at 2, 5, 10 and 20 ended at 0.764, 0.803,
// 0.850 and 0.833 validation accuracy, so 10; a layer then moves by about 1% of its norm per
// step before momentum.
extension Examples {
  static let lars = Technique(slug: "lars", workload: .fashionCNN) { [LARSLargeBatch(learningRate: 10)] }
}
