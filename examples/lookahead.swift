// # Lookahead
//
// Keep two copies of the weights. The fast weights w are trained by the ordinary optimizer;
// every k steps the slow weights φ take one step toward where the fast weights ended, and the
// fast weights restart from there:
//
//     φ ← φ + α · (w − φ)        every k optimizer steps
//     w ← φ
//
// Seen from the slow weights, each outer step is an exponential average of fast-weight end
// points, which lowers the variance of the inner optimizer ("k steps forward, 1 step back").
// The inner optimizer keeps its state (momentum) across synchronisations.
//
// **How it saves compute** (`fewer-steps`): a lower-variance, more robust optimiser may reach a
// target in fewer steps. The cost is one copy of the weights and 3 FLOPs per parameter every k
// steps (not in the FLOP count, which covers forward and backward passes; in the timed steps).
// By construction the slow weights move only α of the way per cycle, so on a well-tuned recipe
// it can also be slower.
//
// Paper: Zhang, Lucas, Hinton & Ba, "Lookahead Optimizer: k steps forward, 1 step back",
// NeurIPS 2019 (`zhang2019lookahead`,
// https://proceedings.neurips.cc/paper/2019/hash/90fd4f88f588ae64038134f1eeaa023f-Abstract.html).
import Tensor
import Training

// ## The functional form
//
// One synchronisation of a flat array of values: the slow values move α toward the fast ones,
// and the fast values are reset to the new slow ones.
public func lookaheadSync(slow: inout [Float], fast: inout [Float], alpha: Float) {
  precondition(slow.count == fast.count, "lookaheadSync: \(slow.count) slow, \(fast.count) fast values")
  for i in slow.indices {
    slow[i] += alpha * (fast[i] - slow[i])
    fast[i] = slow[i]
  }
}

// ## The algorithm
//
// The slow weights start as a copy of the initial weights (fitStart, set-up). After every k-th
// optimizer step they synchronise. The model that Lookahead returns is the slow one, so
// evaluations swap the slow weights in (evalStart) and back out (evalEnd); at a synchronisation
// point the two are equal. Batch-norm running statistics belong to the fast trajectory and are
// left as they are, as in the paper's and the common implementations.
public final class Lookahead: Algorithm {
  public let name = "lookahead"
  /// Fast steps per synchronisation.
  public let k: Int
  /// How far the slow weights move toward the fast ones at each synchronisation.
  public let alpha: Float
  private var slow: [[Float]] = []

  public init(k: Int = 5, alpha: Float = 0.5) {
    precondition(k >= 1, "Lookahead(k: \(k)): k must be >= 1")
    precondition(alpha > 0 && alpha <= 1, "Lookahead(alpha: \(alpha)): alpha must be in (0, 1]")
    self.k = k
    self.alpha = alpha
  }

  /// The slow weights (for tests).
  public var slowWeights: [[Float]] { slow }

  public func match(_ event: Event, _ state: TrainState) -> Bool {
    switch event {
    case .fitStart, .evalStart, .evalEnd, .fitEnd: true
    case .afterOptimizerStep: state.step % k == 0
    default: false
    }
  }

  public func apply(_ event: Event, _ state: TrainState) {
    let parameters = state.model.parameters.map(\.tensor)
    switch event {
    case .fitStart:
      slow = parameters.map(\.data)
    case .afterOptimizerStep:
      for (i, t) in parameters.enumerated() { lookaheadSync(slow: &slow[i], fast: &t.data, alpha: alpha) }
    case .evalStart, .evalEnd, .fitEnd:
      for (i, t) in parameters.enumerated() { swap(&slow[i], &t.data) }
    default:
      break
    }
  }
}

// MARK: - Experiment
//
// The residual CNN on Fashion-MNIST with its tuned SGD (Nesterov) recipe left unchanged inside
// Lookahead, as the card advises; k = 5 and α = 0.5 are the card's (PaddlePaddle's and
// TensorFlow Addons' defaults). Both budgets (200 and 400 steps) and the evaluation interval
// are multiples of k, so every evaluation falls on a synchronisation.
extension Examples {
  static let lookahead = Technique(slug: "lookahead", workload: .fashionCNN) { [Lookahead(k: 5, alpha: 0.5)] }
}
