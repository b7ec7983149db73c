// # LookSAM
//
// A cheaper SAM (see `sam`): only every k-th step pays for SAM's second pass. On that step the
// SAM gradient g_s is split into its part along the ordinary gradient g and the rest,
//
//     g_v = g_s − (⟨g_s, g⟩ / ‖g‖²) · g          (orthogonal to g: the flatness-seeking part)
//
// and g_v is stored. On the k − 1 steps in between only g is computed, and the stored part is
// added back, rescaled to the current gradient's size:
//
//     g̃ = g + α · (‖g‖ / ‖g_v‖) · g_v
//
// Everything else is SAM's: ρ, the ascent step ρ g / ‖g‖, the base optimizer.
//
// **How it saves compute** (`cheaper-steps` relative to SAM): with k = 5 the average step costs
// about 1.2 plain steps instead of SAM's 2. Against the plain optimizer it saves compute only
// if the flatness it keeps reaches the target in enough fewer steps to pay for that 1.2.
//
// Paper: Liu, Mai, Chen, Hsieh & You, "Towards Efficient and Scalable Sharpness-Aware
// Minimization", CVPR 2022 (`liu2022towards`, https://arxiv.org/abs/2203.02714).
import Tensor
import Training

// ## The functional form
//
// Both formulas on gradients given per parameter tensor and treated as one vector.
private func dot(_ a: [[Float]], _ b: [[Float]]) -> Double {
  zip(a, b).reduce(0.0) { s, pair in zip(pair.0, pair.1).reduce(s) { $0 + Double($1.0) * Double($1.1) } }
}

/// g_v: the component of the SAM gradient `gs` orthogonal to the ordinary gradient `g`.
public func orthogonalComponent(of gs: [[Float]], to g: [[Float]]) -> [[Float]] {
  let gg = dot(g, g)
  let c = gg > 0 ? Float(dot(gs, g) / gg) : 0
  return zip(gs, g).map { s, v in zip(s, v).map { $0 - c * $1 } }
}

/// g + α (‖g‖ / ‖g_v‖) g_v: the ordinary gradient with the stored flatness component added back.
public func lookSAMGradient(_ g: [[Float]], reusing gv: [[Float]], alpha: Float) -> [[Float]] {
  let (gn, vn) = (dot(g, g).squareRoot(), dot(gv, gv).squareRoot())
  let c = vn > 0 ? alpha * Float(gn / vn) : 0
  return zip(g, gv).map { a, v in zip(a, v).map { $0 + c * $1 } }
}

// ## The algorithm
//
// After the ordinary backward pass: on every k-th step (counting from the first), run SAM's
// second pass, store g_v and step with g_s; on the other steps, step with g̃. The second pass
// is SAM's own `gradientAtPerturbedWeights`, inside the step, so its cost is counted.
public final class LookSAM: Algorithm {
  public let name = "looksam"
  public let k: Int
  public let alpha: Float
  public let rho: Float
  /// The stored orthogonal component g_v (empty until the first SAM step).
  public private(set) var gv: [[Float]] = []

  public init(k: Int = 5, alpha: Float = 0.7, rho: Float = 0.05) {
    precondition(k >= 1 && alpha >= 0 && rho > 0, "LookSAM: k \(k) >= 1, alpha \(alpha) >= 0, rho \(rho) > 0")
    (self.k, self.alpha, self.rho) = (k, alpha, rho)
  }

  public func match(_ event: Event, _ state: TrainState) -> Bool { event == .afterBackward }

  public func apply(_ event: Event, _ state: TrainState) {
    let parameters = state.model.parameters.map(\.tensor)
    let g = parameters.map { $0.grad ?? [Float](repeating: 0, count: $0.count) }
    if state.step % k == 0 || gv.isEmpty {
      let gs = gradientAtPerturbedWeights(
        state.model, inputs: state.inputs, targets: state.targets, perturbation: samPerturbation(g, rho: rho))
      gv = orthogonalComponent(of: gs, to: g)
    } else {
      for (p, grad) in zip(parameters, lookSAMGradient(g, reusing: gv, alpha: alpha)) { p.grad = grad }
    }
  }
}

// MARK: - Experiment
//
// The same workload and ρ = 0.05 as the `sam` example, so the two compare directly; k = 5 and
// α = 0.7 are the card's defaults (LookSAM-5, the paper's main setting).
extension Examples {
  static let looksam = Technique(slug: "looksam", workload: .fashionCNN) { [LookSAM(k: 5, alpha: 0.7, rho: 0.05)] }
}
