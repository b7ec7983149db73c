// # Zero-initialized residual branches (zero-gamma)
//
// Initialize the scale γ of the last batch norm in every residual branch to zero. A block
// computes relu(BN₂(conv₂(…)) + shortcut(x)) with BN₂(z) = γ·ẑ + β; with γ = 0 (and β = 0,
// its default) the branch outputs zero, so at the start
//
//     block(x) = relu(shortcut(x))      (= x for an identity shortcut, since x ≥ 0)
//
// and the network behaves like a shallow one whose blocks pass their input through. The
// branches come to life as γ is learned: ∂L/∂γ = Σ ∂L/∂y · ẑ is not zero, even though the
// gradients reaching the branch's convolutions are zero on the very first step.
//
// **How it saves compute** (`fewer-steps`): it costs nothing per step; it changes only initial
// values. A network that starts near the identity tolerates larger learning rates and
// batches early in training, which is where its savings come from; in short small-batch runs
// the effect is expected to be small, and our measurement says how small.
//
// Papers: Goyal et al., "Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour", 2017
// (`goyal2017accurate`, https://arxiv.org/abs/1706.02677); He et al., "Bag of Tricks for Image
// Classification with Convolutional Neural Networks", CVPR 2019 (`he2019bag`).
import Tensor
import Training

// ## The functional form
//
// Zeroes γ of each block's last batch norm (`branchNorm`) and nothing else: zeroing every
// batch norm in a branch would stop its gradients altogether.
public func zeroInitResidualBranches(_ model: ResidualCNN) {
  for block in model.blocks {
    let gamma = block.branchNorm.weight
    gamma.data = [Float](repeating: 0, count: gamma.count)
  }
}

// ## The algorithm
//
// Acts once, at initialization (set-up, before the first step). The optimizer holds the same
// tensors, so nothing else needs to change.
public final class ZeroInitResidual: Algorithm {
  public let name = "zero-init-residual"

  public init() {}

  public func match(_ event: Event, _ state: TrainState) -> Bool { event == .initialize }

  public func apply(_ event: Event, _ state: TrainState) {
    guard let model = state.model as? ResidualCNN else { preconditionFailure("ZeroInitResidual: needs a ResidualCNN, got \(type(of: state.model))") }
    zeroInitResidualBranches(model)
  }
}

// MARK: - Experiment
//
// The fashion CNN is the only workload with batch-normalized residual branches: three blocks,
// one with an identity shortcut and two with projection shortcuts (those start as
// relu(BN(conv1x1(x))), a plain downsampling layer). Everything else is the tuned baseline,
// so the run isolates the initialization. The card also suggests no weight decay on γ and β
// and a warm-up at large batches; neither applies here: the batch is 64, and the recipe's decay
// (5e-4 at learning rate 0.1 with momentum 0.9 over 400 cosine steps) shrinks a weight by
// about 10% over the whole run, too little to undo the initialization.
extension Examples {
  static let zeroInitResidual = Technique(slug: "zero-init-residual", workload: .fashionCNN) { [ZeroInitResidual()] }
}
