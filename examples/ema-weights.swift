// # Exponential moving average of weights (EMA)
//
// Keep a shadow copy of the weights that follows the trained weights slowly, and evaluate the
// shadow copy instead of the last iterate. After every optimizer step t:
//
//     d_t   = min(d, (1 + t) / (10 + t))          (the decay, warmed up)
//     w̄_t+1 = d_t · w̄_t + (1 − d_t) · w_t+1
//
// so w̄ averages about the last 1/(1 − d_t) iterates, which filters out the step-to-step noise
// of stochastic gradients.
//
// **How it saves compute** (`fewer-steps`): the average is a better model than the iterate it
// follows for most of the run, so a target quality can be reached in fewer steps. The cost is
// one copy of the weights and 3 FLOPs per parameter per step (like the optimizer's own update,
// not in the FLOP count, which covers forward and backward passes; it is in the timed steps).
// With a learning rate that decays to zero the average and the iterate meet at the end, so the
// gain, if any, is earlier in the run.
//
// Paper: Polyak & Juditsky, "Acceleration of Stochastic Approximation by Averaging", SIAM J.
// Control and Optimization 1992 (`polyak1992acceleration`); for deep networks, Morales-Brotons,
// Vogels & Hendrikx, "Exponential Moving Average of Weights in Deep Learning: Dynamics and
// Benefits", TMLR 2024 (`moralesbrotons2024exponential`, https://openreview.net/forum?id=2M9CUnYnBA).
import Tensor
import Training

// ## The functional form
//
// One EMA update of a flat array of values, and the warmed-up decay. With the warm-up the
// first update keeps only a tenth of the (random) starting point, and the window 1/(1 − d_t) =
// (10 + t)/9 grows with the run, so it is about a ninth of the steps taken so far until the
// fixed decay d takes over (at t ≈ 9,000 for d = 0.999).
public func emaUpdate(_ average: inout [Float], toward values: [Float], decay: Float) {
  precondition(average.count == values.count, "emaUpdate: \(average.count) averages, \(values.count) values")
  for i in average.indices { average[i] = decay * average[i] + (1 - decay) * values[i] }
}

/// The decay used after update number `t` (0 for the first): `min(decay, (1 + t)/(10 + t))`
/// with the warm-up, `decay` without.
public func emaDecay(_ decay: Float, update t: Int, warmup: Bool) -> Float {
  warmup ? min(decay, Float(1 + t) / Float(10 + t)) : decay
}

// ## The algorithm
//
// The shadow copy covers the parameters *and* the batch-norm running statistics (the card's
// choice, and timm's): the running statistics are themselves an average over the last ~10
// batches of the live weights, and averaging them with the same decay gives statistics from
// the same stretch of the trajectory as the averaged weights, at the price of one more
// parameter-sized average. Recomputing them for the averaged weights would cost a pass over
// training data at every evaluation.
//
// Evaluation swaps the shadow values in (evalStart) and the live ones back (evalEnd); a swap
// exchanges array storage, so it copies nothing and the live weights come back bit-identical.
// At fitEnd the average replaces the live weights for good, so the test accuracy is the
// average's.
public final class EMAWeights: Algorithm {
  public let name = "ema-weights"
  /// The decay d; the shadow weights average about 1/(1 − d) steps.
  public let decay: Float
  /// Whether to warm the decay up as min(d, (1 + t)/(10 + t)).
  public let warmup: Bool
  private var shadow: [[Float]] = []
  private var updates = 0

  public init(decay: Float = 0.999, warmup: Bool = true) {
    precondition(decay > 0 && decay < 1, "EMAWeights(decay: \(decay)): decay must be in (0, 1)")
    self.decay = decay
    self.warmup = warmup
  }

  /// The averaged values, parameters then buffers (for tests).
  public var average: [[Float]] { shadow }

  func tensors(_ state: TrainState) -> [Tensor] { (state.model.parameters + state.model.buffers).map(\.tensor) }

  public func match(_ event: Event, _ state: TrainState) -> Bool {
    [.fitStart, .afterOptimizerStep, .evalStart, .evalEnd, .fitEnd].contains(event)
  }

  public func apply(_ event: Event, _ state: TrainState) {
    let tensors = tensors(state)
    switch event {
    case .fitStart:
      shadow = tensors.map(\.data)
      updates = 0
    case .afterOptimizerStep:
      let d = emaDecay(decay, update: updates, warmup: warmup)
      for (i, t) in tensors.enumerated() { emaUpdate(&shadow[i], toward: t.data, decay: d) }
      updates += 1
    case .evalStart, .evalEnd, .fitEnd:
      for (i, t) in tensors.enumerated() { swap(&shadow[i], &t.data) }
    default:
      break
    }
  }
}

// MARK: - Experiment
//
// The residual CNN on Fashion-MNIST: it has batch norm, so the buffer handling is exercised,
// and its 400-step budget is where averaging the noise of SGD could show before the cosine
// schedule has annealed it away. d = 0.999 with the warm-up are the card's values: on runs of
// 200 and 400 steps the warm-up term is the smaller one throughout, so the average spans about
// the last ninth of the steps taken (some 45 steps at the end of the full budget), which is
// the card's advice to scale the window to a fraction of a short run.
extension Examples {
  static let emaWeights = Technique(slug: "ema-weights", workload: .fashionCNN) { [EMAWeights(decay: 0.999, warmup: true)] }
}
