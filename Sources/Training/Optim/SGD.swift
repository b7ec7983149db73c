// Stochastic gradient descent with momentum, Nesterov momentum and classic (L2) weight
// decay, as PyTorch's torch.optim.SGD defines them:
//   g = grad + weightDecay * w
//   v = momentum * v + g                      (v = g on the first step)
//   w -= lr * (nesterov ? g + momentum * v : v)
import Tensor

/// Something that updates parameters from their gradients.
public protocol Optimizer: AnyObject {
  /// Applies one update with learning rate `lr` (the schedule's value for this step).
  func step(lr: Float)
}

/// SGD with optional momentum, Nesterov momentum and weight decay.
public final class SGD: Optimizer {
  public let parameters: [Tensor]
  public let momentum: Float
  public let nesterov: Bool
  public let weightDecay: Float
  private var velocity: [[Float]]

  public init(_ parameters: [Tensor], momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
    precondition(momentum >= 0 && weightDecay >= 0, "SGD: momentum and weightDecay must be >= 0")
    precondition(!nesterov || momentum > 0, "SGD: Nesterov momentum needs momentum > 0")
    self.parameters = parameters
    self.momentum = momentum
    self.nesterov = nesterov
    self.weightDecay = weightDecay
    self.velocity = parameters.map { _ in [] }  // allocated on first use
  }

  public func step(lr: Float) {
    for (p, w) in parameters.enumerated() {
      guard let grad = w.grad else { continue }
      let first = momentum > 0 && velocity[p].isEmpty
      if first { velocity[p] = [Float](repeating: 0, count: w.count) }
      let (mu, wd) = (momentum, weightDecay)
      // One branch-free loop per case, so each vectorises (a per-element test on momentum,
      // Nesterov and the first step cost 5% of the MLP benchmark step).
      w.data.withUnsafeMutableBufferPointer { wv in
        grad.withUnsafeBufferPointer { gv in
          if mu == 0 {
            for i in 0..<wv.count { wv[i] -= lr * (gv[i] + wd * wv[i]) }
            return
          }
          velocity[p].withUnsafeMutableBufferPointer { v in
            let decay: Float = first ? 0 : mu  // v = g on the first step
            if nesterov {
              for i in 0..<wv.count {
                let g = gv[i] + wd * wv[i]
                v[i] = decay * v[i] + g
                wv[i] -= lr * (g + mu * v[i])
              }
            } else {
              for i in 0..<wv.count {
                let g = gv[i] + wd * wv[i]
                v[i] = decay * v[i] + g
                wv[i] -= lr * v[i]
              }
            }
          }
        }
      }
    }
  }
}
