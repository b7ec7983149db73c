// # Activation checkpointing
//
// Backpropagation needs every layer's forward activations, so a plain step keeps them all
// until the backward pass reaches them. Checkpointing cuts the network into segments, keeps
// only each segment's input during the forward pass, and recomputes the segment's
// activations when the backward pass needs them:
//
//     forward:   yⱼ = fⱼ(xⱼ) without a graph; store xⱼ only
//     backward:  rebuild fⱼ's graph from xⱼ, then  ∂L/∂xⱼ, ∂L/∂θⱼ  from  ∂L/∂yⱼ
//
// The gradients are exactly those of the plain step (same ops, same order); what changes is
// what is held in memory and how much is computed.
//
// **How it saves compute** (`less-memory`): it does not; it saves memory by spending compute.
// Each segment runs forward twice, about a third more work per step when backward costs twice
// forward. On an accelerator the freed memory buys a larger batch or a model that would not
// fit; on our CPU workload the batch already fits, so the measurement shows the price (slower
// steps, the same steps to target) and the memory line shows what it bought.
//
// Chen, Xu, Zhang & Guestrin, "Training Deep Nets with Sublinear Memory Cost", 2016
// (`chen2016training`, https://arxiv.org/abs/1604.06174): checkpoints every √n layers give
// O(√n) activation memory for one extra forward pass.
import Tensor
import Training

// ## The functional form
//
// The engine's `Tensor.checkpoint(input, parameters:, segment)` is the whole mechanism: it
// runs `segment` under no-grad, returns a node holding only `input`, and its pullback
// recomputes `segment` with a graph and back-propagates the incoming gradient through it.
// A residual block is the natural segment: it is a function of its input alone (batch norm's
// running statistics are left alone while recomputing), and its output is the next
// block's input.
public func checkpointedBlock(_ block: BasicBlock, _ x: Tensor) -> Tensor {
  Tensor.checkpoint(x, parameters: block.parameters.map(\.tensor)) { block($0) }
}

// ## The algorithm
//
// At initialization, make the residual CNN run every block through its checkpoint. Nothing
// else changes: the same loss, the same optimizer, the same schedule.
public final class ActivationCheckpointing: Algorithm {
  public let name = "activation-checkpointing"
  public init() {}

  public func match(_ event: Event, _ state: TrainState) -> Bool { event == .initialize }

  public func apply(_ event: Event, _ state: TrainState) {
    guard let cnn = state.model as? ResidualCNN else { preconditionFailure("ActivationCheckpointing: needs a ResidualCNN, got \(type(of: state.model))") }
    cnn.blockRunner = checkpointedBlock
  }
}

// MARK: - Experiment
//
// The residual CNN on Fashion-MNIST, each of its three residual blocks a segment: the
// forward pass keeps the blocks' inputs and the stem's and head's activations, not the
// convolutions and batch norms inside the blocks. Expect the same steps to target (the
// gradients are the same up to rounding), slower steps, and a smaller peak.
extension Examples {
  static let activationCheckpointing = Technique(slug: "activation-checkpointing", workload: .fashionCNN) { [ActivationCheckpointing()] }
}
