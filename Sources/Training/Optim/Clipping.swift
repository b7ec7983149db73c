// Gradient clipping by global norm (Pascanu et al. 2013; torch.nn.utils.clip_grad_norm_):
// if the L2 norm of all gradients together exceeds maxNorm, scale them all by
// maxNorm / (norm + 1e-6). Returns the norm before clipping, which doubles as the cheap
// divergence check (a non-finite norm means a NaN or Inf somewhere in the backward pass).
import Tensor

/// Clips the gradients of `parameters` to global L2 norm `maxNorm`; returns the norm before.
@discardableResult
public func clipGradNorm(_ parameters: [Tensor], maxNorm: Float) -> Float {
  precondition(maxNorm > 0, "clipGradNorm: maxNorm \(maxNorm) must be > 0")
  var s = 0.0
  for p in parameters { if let g = p.grad { for v in g { s += Double(v) * Double(v) } } }
  let total = Float(s.squareRoot())
  guard total.isFinite, total > maxNorm else { return total }
  let scale = maxNorm / (total + 1e-6)
  for p in parameters where p.grad != nil {
    p.grad!.withUnsafeMutableBufferPointer { g in for i in 0..<g.count { g[i] *= scale } }
  }
  return total
}
