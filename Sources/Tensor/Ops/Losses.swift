// Losses. Softmax and cross-entropy are fused: computing log-softmax with the max subtracted
// is the numerically stable form, and the joint gradient is a single expression.
//
//   logits z [B,C], targets t [B,C] (a distribution per row: one-hot, smoothed or mixed)
//   loss = -(1/B) sum_b sum_c t[b,c] * log softmax(z[b])[c]
//   dz[b,j] = (softmax(z[b])[j] * sum_c t[b,c] - t[b,j]) / B

import Foundation

extension Tensor {
  /// Mean cross-entropy between softmax(self) [B,C] and target distributions `targets` [B,C].
  /// Targets need not be one-hot; rows that sum to one give the usual (p - t) / B gradient.
  public func softmaxCrossEntropy(targets: Tensor) -> Tensor {
    let z = self
    precondition(
      z.shape.count == 2 && targets.shape == z.shape,
      "softmaxCrossEntropy: logits \(z.shape) and targets \(targets.shape) must both be [B,C]")
    let (rows, classes) = (z.shape[0], z.shape[1])
    var probs = [Float](repeating: 0, count: z.count)
    var loss: Double = 0
    for b in 0..<rows {
      let base = b * classes
      var zmax = -Float.infinity
      for c in 0..<classes { zmax = max(zmax, z.data[base + c]) }
      var total: Float = 0
      for c in 0..<classes {
        let e = expf(z.data[base + c] - zmax)
        probs[base + c] = e
        total += e
      }
      let logTotal = logf(total)
      for c in 0..<classes {
        probs[base + c] /= total
        let t = targets.data[base + c]
        if t != 0 { loss -= Double(t * (z.data[base + c] - zmax - logTotal)) }
      }
    }
    let value = Float(loss / Double(rows))
    return Tensor(shape: [], data: [value], op: "softmaxCrossEntropy", inputs: [z]) { out in
      guard let dy = out.grad?[0] else { return }
      let scale = dy / Float(rows)
      z.accumulateGrad { dz in
        for b in 0..<rows {
          let base = b * classes
          var mass: Float = 0
          for c in 0..<classes { mass += targets.data[base + c] }
          for c in 0..<classes {
            dz[base + c] += scale * (probs[base + c] * mass - targets.data[base + c])
          }
        }
      }
    }
  }

  /// One-hot rows [B,C] for integer class labels.
  public static func oneHot(_ labels: [Int], classes: Int) -> Tensor {
    var data = [Float](repeating: 0, count: labels.count * classes)
    for (b, label) in labels.enumerated() {
      precondition(label >= 0 && label < classes, "oneHot: label \(label) outside 0..<\(classes)")
      data[b * classes + label] = 1
    }
    return Tensor(shape: [labels.count, classes], data: data)
  }

  /// Index of the largest value in each row of a [B,C] tensor (predicted classes).
  public func argmaxRows() -> [Int] {
    precondition(shape.count == 2, "argmaxRows: expects [B,C], got \(shape)")
    let classes = shape[1]
    return (0..<shape[0]).map { b in
      var best = 0
      for c in 1..<classes where data[b * classes + c] > data[b * classes + best] { best = c }
      return best
    }
  }
}
