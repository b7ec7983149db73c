// Layer-wise adaptive optimizers for large batches: each parameter tensor's step is rescaled
// by a trust ratio ||w|| / ||update||, so every layer moves by a similar relative amount.
//
//   LARS (You, Gitman & Ginsburg 2017, Algorithm 1):
//     trust = eta ||w|| / (||grad|| + weightDecay ||w||)       (1 when either norm is 0)
//     v = momentum v + lr * trust * (grad + weightDecay w);  w -= v
//   LAMB (You et al. 2020, Algorithm 2, identity scaling function):
//     m, v and bias corrections as Adam;  r = mhat / (sqrt(vhat) + eps) + weightDecay w
//     w -= lr * (||w|| / ||r||) r                              (1 when either norm is 0)
import Foundation
import Tensor

/// The L2 norm of an array, accumulated in Double.
func norm(_ x: [Float]) -> Float {
  var s = 0.0
  for v in x { s += Double(v) * Double(v) }
  return Float(s.squareRoot())
}

/// LARS: SGD with momentum and a per-layer trust ratio.
public final class LARS: Optimizer {
  public let parameters: [Tensor]
  public let momentum: Float, weightDecay: Float, eta: Float
  var velocity: [[Float]]

  public init(_ parameters: [Tensor], momentum: Float = 0.9, weightDecay: Float = 0, eta: Float = 0.001) {
    precondition(momentum >= 0 && weightDecay >= 0 && eta > 0, "LARS: momentum, weightDecay must be >= 0 and eta > 0")
    self.parameters = parameters
    (self.momentum, self.weightDecay, self.eta) = (momentum, weightDecay, eta)
    velocity = parameters.map { _ in [] }
  }

  public func step(lr: Float) {
    for (p, w) in parameters.enumerated() {
      guard let grad = w.grad else { continue }
      if velocity[p].isEmpty { velocity[p] = [Float](repeating: 0, count: w.count) }
      let (wn, gn) = (norm(w.data), norm(grad))
      let trust = wn > 0 && gn > 0 ? eta * wn / (gn + weightDecay * wn) : 1
      let (mu, wd, scale) = (momentum, weightDecay, lr * trust)
      w.data.withUnsafeMutableBufferPointer { wv in
        velocity[p].withUnsafeMutableBufferPointer { v in
          for i in 0..<wv.count {
            v[i] = mu * v[i] + scale * (grad[i] + wd * wv[i])
            wv[i] -= v[i]
          }
        }
      }
    }
  }
}

/// LAMB: Adam's direction with decoupled decay, rescaled per layer by a trust ratio.
public final class LAMB: Optimizer {
  public let parameters: [Tensor]
  public let betas: (Float, Float), eps: Float, weightDecay: Float
  var m: [[Float]], v: [[Float]]
  public private(set) var steps = 0

  public init(_ parameters: [Tensor], betas: (Float, Float) = (0.9, 0.999), eps: Float = 1e-6, weightDecay: Float = 0) {
    precondition(betas.0 >= 0 && betas.0 < 1 && betas.1 >= 0 && betas.1 < 1, "LAMB: betas \(betas) must be in [0, 1)")
    self.parameters = parameters
    (self.betas, self.eps, self.weightDecay) = (betas, eps, weightDecay)
    m = parameters.map { _ in [] }
    v = parameters.map { _ in [] }
  }

  public func step(lr: Float) {
    steps += 1
    let (b1, b2) = betas
    let c1 = 1 - powf(b1, Float(steps)), c2 = 1 - powf(b2, Float(steps))
    for (p, w) in parameters.enumerated() {
      guard let grad = w.grad else { continue }
      if m[p].isEmpty {
        m[p] = [Float](repeating: 0, count: w.count)
        v[p] = [Float](repeating: 0, count: w.count)
      }
      var r = [Float](repeating: 0, count: w.count)
      let (eps, wd) = (eps, weightDecay)
      // Buffer pointers, as in Adam: indexing the nested moment arrays element by element
      // made a LAMB step cost half again as much as the forward and backward pass of the MLP.
      w.data.withUnsafeBufferPointer { wv in
        grad.withUnsafeBufferPointer { gv in
          m[p].withUnsafeMutableBufferPointer { mv in
            v[p].withUnsafeMutableBufferPointer { vv in
              r.withUnsafeMutableBufferPointer { rv in
                for i in 0..<wv.count {
                  mv[i] = b1 * mv[i] + (1 - b1) * gv[i]
                  vv[i] = b2 * vv[i] + (1 - b2) * gv[i] * gv[i]
                  rv[i] = (mv[i] / c1) / ((vv[i] / c2).squareRoot() + eps) + wd * wv[i]
                }
              }
            }
          }
        }
      }
      let (wn, rn) = (norm(w.data), norm(r))
      let scale = lr * (wn > 0 && rn > 0 ? wn / rn : 1)
      w.data.withUnsafeMutableBufferPointer { wv in
        r.withUnsafeBufferPointer { rv in for i in 0..<wv.count { wv[i] -= scale * rv[i] } }
      }
    }
  }
}
