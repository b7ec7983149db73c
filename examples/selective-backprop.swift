// # Selective-Backprop
//
// Score every example of a batch by its loss in a cheap forward pass, and train only on the
// examples that are still hard. Each loss ℓ is ranked against a running window of recent
// losses, and the example is kept with a probability that rises with its rank:
//
//     P(keep) = F(ℓ)^β       F(ℓ) = fraction of the last R losses that are ≤ ℓ
//
// In expectation β = 1 keeps half of the examples (∫ u du = 1/2), β = 2 a third. Only the
// kept examples go through the training forward and backward passes.
//
// **How it saves compute** (`cheaper-steps`): the backward pass costs about twice the
// forward pass. A step pays one forward pass over the whole batch (without the graph), then a
// forward and backward pass over the kept fraction k: 1 + 3k forward units instead of 3,
// 2.5 at k = 1/2. The gradient of a step comes from fewer, harder examples, so whether the
// target is reached in fewer seconds is for the measurement to say.
//
// Our form differs from the paper's in one way: the paper gathers kept examples across
// batches until a full backward batch of the usual size is ready; here a step backpropagates
// the kept part of its own batch, so a step is cheaper and its gradient averages fewer
// examples (the brief's and Composer's batch-level form, with the paper's probabilistic rule).
//
// Paper: Jiang, Wong, Zhou, Andersen, Dean, Ganger, Joshi, Kaminsky, Kozuch, Lipton &
// Pillai, "Accelerating Deep Learning by Focusing on the Biggest Losers", 2019
// (`jiang2019accelerating`, https://arxiv.org/abs/1910.00762).
import Foundation
import Tensor
import Training

// ## The functional form
//
// Per-example cross-entropy from logits [B,K] and target distributions [B,K]:
// ℓ_b = −Σ_k t[b,k] · log softmax(z[b])_k.
public func perExampleCrossEntropy(logits: Tensor, targets: Tensor) -> [Float] {
  precondition(
    logits.rank == 2 && logits.shape == targets.shape, "perExampleCrossEntropy: logits \(logits.shape) and targets \(targets.shape) must be [B,K]")
  let (rows, classes) = (logits.shape[0], logits.shape[1])
  return (0..<rows).map { b in
    let z = logits.data[(b * classes)..<((b + 1) * classes)]
    let zmax = z.max()!
    let logTotal = logf(z.reduce(0) { $0 + expf($1 - zmax) }) + zmax
    return (0..<classes).reduce(Float(0)) { loss, k in loss - targets.data[b * classes + k] * (z[z.startIndex + k] - logTotal) }
  }
}

// The keep probability of each loss: its rank F(ℓ) in `history` (which already holds the
// batch's own losses, as in the authors' code) raised to β. The largest loss seen gets 1.
public func selectionProbabilities(losses: [Float], history: [Float], beta: Double) -> [Float] {
  precondition(!history.isEmpty, "selectionProbabilities: empty loss history")
  let sorted = history.sorted()
  return losses.map { loss in
    // Number of history values <= loss, by binary search on the sorted window.
    var (lo, hi) = (0, sorted.count)
    while lo < hi {
      let mid = (lo + hi) / 2
      if sorted[mid] <= loss { lo = mid + 1 } else { hi = mid }
    }
    return Float(pow(Double(lo) / Double(sorted.count), beta))
  }
}

// Which examples to keep, given their probabilities and one uniform draw in [0, 1) each.
// At least `minimum` are kept (the highest-probability ones): batch norm needs a batch.
public func selectExamples(probabilities: [Float], uniforms: [Float], minimum: Int = 2) -> [Int] {
  precondition(probabilities.count == uniforms.count, "selectExamples: \(probabilities.count) probabilities, \(uniforms.count) draws")
  let kept = probabilities.indices.filter { uniforms[$0] < probabilities[$0] }
  guard kept.count < min(minimum, probabilities.count) else { return kept }
  return probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }.prefix(minimum).sorted()
}

// ## The algorithm
//
// Right after a batch is loaded: a forward pass in evaluation mode (no graph; batch norm on
// its running statistics, so the scoring pass leaves them alone) gives each example's loss;
// the losses join the window of the last R; each example is kept with probability F(ℓ)^β;
// the batch is cut to the kept rows. The loop then runs its training forward and backward
// on the smaller batch. All of this happens inside the step, so its time and FLOPs count.
public final class SelectiveBackprop: Algorithm {
  public let name = "selective-backprop"
  /// Selectivity exponent: the kept fraction is 1/(β+1) in expectation.
  public let beta: Double
  /// How many recent losses the percentile is taken against.
  public let window: Int
  private var history: [Float] = []
  /// The batch positions kept at the last step (for tests and traces).
  public private(set) var lastKept: [Int] = []

  public init(beta: Double = 1, window: Int = 1024) {
    precondition(beta > 0 && window > 0, "SelectiveBackprop(beta: \(beta), window: \(window)): both must be positive")
    self.beta = beta
    self.window = window
  }

  public func match(_ event: Event, _ state: TrainState) -> Bool { event == .afterDataLoad }

  public func apply(_ event: Event, _ state: TrainState) {
    let logits = Tensor.evaluating { state.model(state.inputs) }
    let losses = perExampleCrossEntropy(logits: logits, targets: state.targets)
    history.append(contentsOf: losses)
    if history.count > window { history.removeFirst(history.count - window) }
    let probabilities = selectionProbabilities(losses: losses, history: history, beta: beta)
    let uniforms = losses.map { _ in state.rng.uniform() }
    lastKept = selectExamples(probabilities: probabilities, uniforms: uniforms)
    state.inputs = state.inputs.gather(rows: lastKept)
    state.targets = state.targets.gather(rows: lastKept)
  }
}

// MARK: - Experiment
//
// The residual CNN on Fashion-MNIST: an image classifier like the paper's (CIFAR, SVHN), whose
// backward pass is about two thirds of a step, which is where the saving has to come from.
// β = 1 and a window of 1024 losses are the paper's and the card's defaults; we select from
// the first step, as the paper does (Composer's 50%-90% interval belongs to its deterministic
// top-k variant).
extension Examples {
  static let selectiveBackprop = Technique(slug: "selective-backprop", workload: .fashionCNN) {
    [SelectiveBackprop(beta: 1, window: 1024)]
  }
}
