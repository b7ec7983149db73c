// Adam (Kingma & Ba 2015) and AdamW (Loshchilov & Hutter 2019), as torch.optim defines them:
//   Adam:   g = grad + weightDecay * w                 (L2 decay folded into the gradient)
//   AdamW:  w *= 1 - lr * weightDecay                  (decoupled decay), g = grad
//   m = beta1 m + (1 - beta1) g;   v = beta2 v + (1 - beta2) g^2
//   w -= lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
// Moments are allocated on a parameter's first step.
import Foundation
import Tensor

/// Adam with optional L2 weight decay (or decoupled decay: see `AdamW`).
public class Adam: Optimizer {
  public let parameters: [Tensor]
  public let betas: (Float, Float)
  public let eps: Float
  public let weightDecay: Float
  /// True for AdamW's decoupled weight decay.
  public let decoupledWeightDecay: Bool
  var m: [[Float]], v: [[Float]]
  /// Steps taken so far (t in the bias corrections).
  public private(set) var steps = 0

  public init(
    _ parameters: [Tensor], betas: (Float, Float) = (0.9, 0.999), eps: Float = 1e-8,
    weightDecay: Float = 0, decoupledWeightDecay: Bool = false
  ) {
    precondition(
      betas.0 >= 0 && betas.0 < 1 && betas.1 >= 0 && betas.1 < 1 && eps >= 0 && weightDecay >= 0,
      "Adam: betas \(betas) must be in [0, 1), eps \(eps) and weightDecay \(weightDecay) >= 0")
    self.parameters = parameters
    self.betas = betas
    self.eps = eps
    self.weightDecay = weightDecay
    self.decoupledWeightDecay = decoupledWeightDecay
    m = parameters.map { _ in [] }
    v = parameters.map { _ in [] }
  }

  public func step(lr: Float) {
    steps += 1
    let (b1, b2, eps, wd, decoupled) = (betas.0, betas.1, eps, weightDecay, decoupledWeightDecay)
    let c1 = 1 - powf(b1, Float(steps)), c2 = 1 - powf(b2, Float(steps))
    for (p, w) in parameters.enumerated() {
      guard let grad = w.grad else { continue }
      if m[p].isEmpty {
        m[p] = [Float](repeating: 0, count: w.count)
        v[p] = [Float](repeating: 0, count: w.count)
      }
      w.data.withUnsafeMutableBufferPointer { wv in
        m[p].withUnsafeMutableBufferPointer { mv in
          v[p].withUnsafeMutableBufferPointer { vv in
            for i in 0..<wv.count {
              var g = grad[i]
              if decoupled { wv[i] *= 1 - lr * wd } else { g += wd * wv[i] }
              mv[i] = b1 * mv[i] + (1 - b1) * g
              vv[i] = b2 * vv[i] + (1 - b2) * g * g
              wv[i] -= lr * (mv[i] / c1) / ((vv[i] / c2).squareRoot() + eps)
            }
          }
        }
      }
    }
  }
}

/// Adam with decoupled weight decay (PyTorch's default weightDecay for AdamW is 0.01).
public final class AdamW: Adam {
  public init(_ parameters: [Tensor], betas: (Float, Float) = (0.9, 0.999), eps: Float = 1e-8, weightDecay: Float = 0.01) {
    super.init(parameters, betas: betas, eps: eps, weightDecay: weightDecay, decoupledWeightDecay: true)
  }
}
