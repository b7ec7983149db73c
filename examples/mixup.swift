// # Mixup
//
// Train on convex combinations of pairs of examples and of their labels, instead of on the
// examples themselves. For a batch (x, y) and a shuffled copy (x', y') of it:
//
//     lambda ~ Beta(alpha, alpha)
//     x~ = lambda * x + (1 - lambda) * x'
//     y~ = lambda * y + (1 - lambda) * y'
//
// and the loss is the ordinary cross-entropy against the mixed (soft) targets y~.
//
// **How it saves compute** (`fewer-steps`): mixup is a regulariser. It costs one extra
// elementwise pass per batch and aims to reach a better model in the same number of steps,
// so a target quality may be reached sooner. On small problems and short budgets it often
// needs *more* steps: our measurement says which.
//
// Paper: Zhang, Cisse, Dauphin & Lopez-Paz, "mixup: Beyond Empirical Risk Minimization",
// ICLR 2018 (`zhang2018mixup`, https://arxiv.org/abs/1710.09412).
import Tensor
import Training

// ## The functional form
//
// Mixes a batch with a permutation of itself. The randomness (`lambda`, `permutation`) is
// passed in, so a test can check the arithmetic exactly. Inputs are [B,D] and targets [B,C];
// because each target row sums to 1, each mixed row does too.
public func mixupBatch(
  inputs: Tensor, targets: Tensor, lambda: Float, permutation: [Int]
) -> (inputs: Tensor, targets: Tensor) {
  func mix(_ t: Tensor) -> Tensor {
    let width = t.count / t.shape[0]
    var out = t.data
    for (row, other) in permutation.enumerated() {
      for j in 0..<width {
        out[row * width + j] = lambda * t.data[row * width + j] + (1 - lambda) * t.data[other * width + j]
      }
    }
    return Tensor(shape: t.shape, data: out)
  }
  return (mix(inputs), mix(targets))
}

// ## The algorithm
//
// Right after a batch is loaded, draw lambda and a permutation from the run's technique
// stream and replace the batch by its mixture. Nothing else in the loop changes: the trainer
// already takes a target *distribution* per example, so cross-entropy against y~ is exactly
// lambda * CE(y) + (1 - lambda) * CE(y').
public final class Mixup: Algorithm {
  public let name = "mixup"
  /// Beta(alpha, alpha) concentration: small alpha keeps lambda near 0 or 1 (mild mixing).
  public let alpha: Double

  public init(alpha: Double = 0.2) {
    precondition(alpha > 0, "Mixup(alpha: \(alpha)): alpha must be > 0")
    self.alpha = alpha
  }

  public func match(_ event: Event, _ state: TrainState) -> Bool { event == .afterDataLoad }

  public func apply(_ event: Event, _ state: TrainState) {
    let lambda = Float(state.rng.beta(alpha, alpha))
    let permutation = state.rng.permutation(state.inputs.shape[0])
    (state.inputs, state.targets) = mixupBatch(
      inputs: state.inputs, targets: state.targets, lambda: lambda, permutation: permutation)
  }
}

// MARK: - Experiment
//
// The digits MLP with its tuned baseline recipe; alpha = 0.2 is the paper's setting for
// ImageNet-scale data and the usual default for small models, where strong mixing (alpha = 1)
// underfits.
extension Examples {
  static let mixup = Technique(slug: "mixup", workload: .digitsMLP) { [Mixup(alpha: 0.2)] }
}
