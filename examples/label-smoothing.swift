// # Label smoothing
//
// Train against targets that move a little probability mass from the labelled class to every
// class, instead of against one-hot vectors. For K classes and a target distribution y:
//
//     y~ = (1 − ε) · y + ε / K
//
// and the loss is the ordinary cross-entropy against y~. This equals (1 − ε) · CE(y) plus
// ε times the cross-entropy against the uniform distribution, a pull towards uniform that
// keeps the logits from growing without bound to make one class certain.
//
// **How it saves compute** (`fewer-steps`): it is a regulariser. It costs one arithmetic pass
// over a [B,K] target matrix per step (nothing next to the forward and backward passes) and
// can only save compute by reaching a target quality in fewer steps. In short runs, far from
// over-fitting, it often buys nothing: our measurement says which.
//
// Paper: Szegedy, Vanhoucke, Ioffe, Shlens & Wojna, "Rethinking the Inception Architecture for
// Computer Vision", CVPR 2016 (`szegedy2016rethinking`, https://arxiv.org/abs/1512.00567),
// section 7; analysed by Müller, Kornblith & Hinton, "When Does Label Smoothing Help?",
// NeurIPS 2019 (`muller2019when`, https://arxiv.org/abs/1906.02629).
import Tensor
import Training

// ## The functional form
//
// Smooths target distributions [B,K] towards uniform. Each row keeps its sum: a row summing
// to 1 maps to (1 − ε) · 1 + K · ε/K = 1. The engine's `crossEntropy(targets:labelSmoothing:)`
// (PyTorch's `label_smoothing`) smooths the same way inside the loss; doing it to the targets
// instead lets the training loop's own loss stay untouched and composes with other
// techniques that change targets (mixup).
public func smoothLabels(_ targets: Tensor, epsilon: Float) -> Tensor {
  precondition(targets.rank == 2, "smoothLabels: targets \(targets.shape) must be [B,K]")
  precondition(epsilon >= 0 && epsilon <= 1, "smoothLabels: epsilon \(epsilon) outside [0, 1]")
  let uniform = epsilon / Float(targets.shape[1])
  return Tensor(shape: targets.shape, data: targets.data.map { (1 - epsilon) * $0 + uniform })
}

// ## The algorithm
//
// Right after a batch is loaded, replace its targets by their smoothed version. Nothing else
// changes: the loop's cross-entropy already takes a target distribution per example.
public final class LabelSmoothing: Algorithm {
  public let name = "label-smoothing"
  /// Mass moved from the labelled class to the uniform prior.
  public let epsilon: Float

  public init(epsilon: Float = 0.1) {
    precondition(epsilon >= 0 && epsilon <= 1, "LabelSmoothing(epsilon: \(epsilon)): must lie in [0, 1]")
    self.epsilon = epsilon
  }

  public func match(_ event: Event, _ state: TrainState) -> Bool { event == .afterDataLoad }

  public func apply(_ event: Event, _ state: TrainState) {
    state.targets = smoothLabels(state.targets, epsilon: epsilon)
  }
}

// MARK: - Experiment
//
// The residual CNN on Fashion-MNIST: a 10-class image classifier like the paper's setting
// (ImageNet, Inception), where the classes that are easy to confuse (shirt, T-shirt,
// pullover, coat) give over-confident logits something to hurt. ε = 0.1 is the paper's value
// and the card's default; with K = 10 the labelled class keeps 0.91 of the mass.
extension Examples {
  static let labelSmoothing = Technique(slug: "label-smoothing", workload: .fashionCNN) { [LabelSmoothing(epsilon: 0.1)] }
}
