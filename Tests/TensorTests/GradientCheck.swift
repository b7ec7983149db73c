// Finite-difference gradient checking for the engine's ops.
//
// The engine computes in Float32, so the check uses central differences with step h = 1e-2:
// the truncation error is O(h^2 * f''') ~ 1e-4 and the rounding error ~ ulp(f) / h ~ 1e-5 for
// the O(1) losses used here, so a tolerance of 1e-3 absolute + 1e-2 relative separates a
// correct gradient from a wrong one (a wrong rule is off by O(1), not by 1e-3). Outputs are
// reduced to a scalar with fixed random weights, so every output element's gradient matters.
import Tensor
import Testing

struct GradientCheck {
  var h: Float = 1e-2
  var atol: Float = 1e-3
  var rtol: Float = 1e-2

  /// Checks d(sum(f(inputs) * w))/d(input) against central differences for every input.
  func check(
    _ name: String, inputs: [Tensor], _ f: ([Tensor]) -> Tensor,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    var rng = RNG(seed: 7)
    let probe = f(inputs)
    let weights = Tensor(shape: probe.shape, data: (0..<probe.count).map { _ in rng.normal() })
    func loss() -> Tensor { (f(inputs) * weights).sum() }

    for x in inputs { x.zeroGrad() }
    loss().backward()
    for (n, x) in inputs.enumerated() where x.requiresGrad {
      let analytic = x.grad ?? [Float](repeating: 0, count: x.count)
      for i in 0..<x.count {
        let saved = x.data[i]
        x.data[i] = saved + h
        let up = Tensor.noGrad { loss().item }
        x.data[i] = saved - h
        let down = Tensor.noGrad { loss().item }
        x.data[i] = saved
        let numeric = (up - down) / (2 * h)
        let ok = abs(analytic[i] - numeric) <= atol + rtol * max(abs(analytic[i]), abs(numeric))
        #expect(
          ok, "\(name): input \(n) element \(i): analytic \(analytic[i]) vs numeric \(numeric)",
          sourceLocation: sourceLocation)
        if !ok { return }
      }
    }
  }
}

/// A parameter-like tensor with normal entries, kept away from 0 by `margin` (for relu's kink).
func randomTensor(_ shape: [Int], seed: UInt64, margin: Float = 0, scale: Float = 1) -> Tensor {
  var rng = RNG(seed: seed)
  let data = (0..<shape.reduce(1, *)).map { _ -> Float in
    var v = rng.normal() * scale
    if abs(v) < margin { v = v < 0 ? v - margin : v + margin }
    return v
  }
  return Tensor(shape: shape, data: data, requiresGrad: true)
}

/// A tensor whose entries are distinct and at least `gap` apart (a shuffled ramp), for ops
/// with kinks at ties (max, max pooling): a step h < gap / 2 never changes which is largest.
func distinctTensor(_ shape: [Int], seed: UInt64, gap: Float = 0.1) -> Tensor {
  var rng = RNG(seed: seed)
  let n = shape.reduce(1, *)
  let data = rng.permutation(n).map { (Float($0) - Float(n) / 2) * gap }
  return Tensor(shape: shape, data: data, requiresGrad: true)
}

/// Asserts two arrays agree elementwise within `tol * (1 + |expected|)`.
func expectClose(
  _ actual: [Float], _ expected: [Float], tol: Float = 1e-5, _ what: String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(actual.count == expected.count, "\(what): \(actual.count) vs \(expected.count) values", sourceLocation: sourceLocation)
  for i in 0..<min(actual.count, expected.count) where abs(actual[i] - expected[i]) > tol * (1 + abs(expected[i])) {
    Issue.record("\(what): element \(i): \(actual[i]) vs expected \(expected[i])", sourceLocation: sourceLocation)
    return
  }
}
