// # Sharpness-aware minimization (SAM)
//
// Minimise the worst loss in a small ball around the weights instead of the loss at the
// weights. To first order the worst point of the ball is one step of size ρ up the gradient,
// so a SAM step takes two gradients:
//
//     g   = ∇L(w)                       (the ordinary gradient on the batch)
//     ε   = ρ · g / ‖g‖                 (ascent to the worst nearby point; ‖·‖ over all layers)
//     g_s = ∇L(w + ε)                   (the gradient there, on the same batch)
//
// and the base optimizer (here the baseline's SGD, with its decay and momentum) takes its step
// from w using g_s instead of g.
//
// **How it saves compute** (`fewer-steps`): it does not; each step costs two forward and
// backward passes instead of one. SAM finds flatter minima that generalise better per epoch,
// so it saves compute only if that lets the target be reached in less than half the steps.
//
// Paper: Foret, Kleiner, Mobahi & Neyshabur, "Sharpness-Aware Minimization for Efficiently
// Improving Generalization", ICLR 2021 (`foret2021sharpness`, https://arxiv.org/abs/2010.01412).
import Tensor
import Training

// ## The functional form
//
// The ascent step ε = ρ g / ‖g‖, with the norm taken over every parameter tensor together
// (the gradient as one vector). Gradients are given per parameter tensor.
public func samPerturbation(_ gradients: [[Float]], rho: Float) -> [[Float]] {
  let norm = Float(gradients.reduce(0.0) { s, g in g.reduce(s) { $0 + Double($1) * Double($1) } }.squareRoot())
  let scale = rho / (norm + 1e-12)
  return gradients.map { g in g.map { $0 * scale } }
}

// The second pass: moves the weights to w + ε, recomputes the batch's loss and gradient there,
// and puts the weights back exactly (a saved copy, not w + ε − ε, which rounds). Batch norm's
// running statistics are restored too, so the perturbed forward pass leaves no trace in the
// statistics used for evaluation (the card's caveat). On return the parameters' gradients are
// g_s. Every op here runs inside the training step, so its time and FLOPs are counted.
public func gradientAtPerturbedWeights(_ model: any Model, inputs: Tensor, targets: Tensor, perturbation: [[Float]]) -> [[Float]] {
  let parameters = model.parameters.map(\.tensor)
  let weights = parameters.map(\.data)
  let statistics = model.buffers.map(\.tensor.data)
  for (p, e) in zip(parameters, perturbation) {
    p.data.withUnsafeMutableBufferPointer { w in for i in 0..<w.count { w[i] += e[i] } }
  }
  model.zeroGrad()
  model(inputs).softmaxCrossEntropy(targets: targets).backward()
  for (p, w) in zip(parameters, weights) { p.data = w }
  for (b, s) in zip(model.buffers, statistics) { b.tensor.data = s }
  return parameters.map { $0.grad ?? [Float](repeating: 0, count: $0.count) }
}

// ## The algorithm
//
// After the ordinary backward pass (`afterBackward`), replace the gradient by SAM's; the
// optimizer step that follows uses it at the original weights. The train loss the loop records
// stays the loss at w.
public final class SAM: Algorithm {
  public let name = "sam"
  /// Radius of the neighbourhood (ρ).
  public let rho: Float

  public init(rho: Float = 0.05) {
    precondition(rho > 0, "SAM(rho: \(rho)): rho must be > 0")
    self.rho = rho
  }

  public func match(_ event: Event, _ state: TrainState) -> Bool { event == .afterBackward }

  public func apply(_ event: Event, _ state: TrainState) {
    let gradients = state.model.parameters.map { $0.tensor.grad ?? [Float](repeating: 0, count: $0.tensor.count) }
    _ = gradientAtPerturbedWeights(
      state.model, inputs: state.inputs, targets: state.targets, perturbation: samPerturbation(gradients, rho: rho))
  }
}

// MARK: - Experiment
//
// The residual CNN on Fashion-MNIST with its tuned SGD recipe, unchanged (the card: SAM only
// changes where the gradient is taken). ρ = 0.05 is the card's default for SGD-trained ResNets.
// Batch norm makes the loss nearly invariant to the scale of most weights, the setting in
// which SAM's published CNN results were obtained. Each SAM step costs about two baseline
// steps; the time-per-step ratio in the result shows it.
extension Examples {
  static let sam = Technique(slug: "sam", workload: .fashionCNN) { [SAM(rho: 0.05)] }
}
