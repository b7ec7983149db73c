// Losses. Softmax and cross-entropy are fused: computing log-softmax with the max subtracted
// is the numerically stable form, and the joint gradient is a single expression.
//
//   logits z [B,C], targets t [B,C] (a distribution per row: one-hot, smoothed or mixed)
//   loss = -(1/B) sum_b sum_c t[b,c] * log softmax(z[b])[c]
//   dz[b,j] = (softmax(z[b])[j] * sum_c t[b,c] - t[b,j]) / B
//   label smoothing eps: t' = (1 - eps) t + eps / C
//   MSE:  mean((x - t)^2), composed from primitives
//   KL:   (1/B) sum t (log t - logq) for log-probabilities logq [B,C]   dlogq = -t / B

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
      for c in 0..<classes { zmax = Swift.max(zmax, z.data[base + c]) }
      var total: Float = 0
      for c in 0..<classes {
        let e = fastExp(z.data[base + c] - zmax)
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
    countForward("crossEntropy", 5 * z.count)
    return Tensor(shape: [], data: [value], op: "softmaxCrossEntropy", inputs: [z]) { out in
      guard let dy = out.grad?[0] else { return }
      countBackward("crossEntropy", 3 * z.count)
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

  /// Mean cross-entropy of logits [B,C] against target distributions [B,C], the targets
  /// smoothed towards uniform by `labelSmoothing` (PyTorch's `label_smoothing`).
  public func crossEntropy(targets: Tensor, labelSmoothing eps: Float = 0) -> Tensor {
    precondition(eps >= 0 && eps <= 1, "crossEntropy: labelSmoothing \(eps) outside [0, 1]")
    guard eps > 0 else { return softmaxCrossEntropy(targets: targets) }
    let uniform = eps / Float(targets.shape.last ?? 1)
    let smoothed = Tensor(shape: targets.shape, data: targets.data.map { (1 - eps) * $0 + uniform })
    return softmaxCrossEntropy(targets: smoothed)
  }

  /// Mean cross-entropy of logits [N,C] against integer class labels [N], with optional label
  /// smoothing; the language model's loss (N = B*T positions, C = V). No one-hot is built.
  public func crossEntropy(labels: [Int], labelSmoothing eps: Float = 0) -> Tensor {
    let z = self
    precondition(
      z.rank == 2 && z.shape[0] == labels.count,
      "crossEntropy: logits \(z.shape) must be [N,C] with N = \(labels.count) labels")
    let (rows, classes) = (z.shape[0], z.shape[1])
    let (hit, uniform) = (1 - eps, eps / Float(classes))
    var probs = [Float](repeating: 0, count: z.count)
    var loss: Double = 0
    z.data.withUnsafeBufferPointer { zv in
      probs.withUnsafeMutableBufferPointer { p in
        for b in 0..<rows {
          let (base, label) = (b * classes, labels[b])
          precondition(label >= 0 && label < classes, "crossEntropy: label \(label) outside 0..<\(classes)")
          var zmax = -Float.infinity
          for c in 0..<classes { zmax = Swift.max(zmax, zv[base + c]) }
          var total: Float = 0
          var logitSum: Float = 0
          for c in 0..<classes {
            let e = fastExp(zv[base + c] - zmax)
            p[base + c] = e
            total += e
            logitSum += zv[base + c]
          }
          let logZ = zmax + logf(total)
          // -log p_label weighted by (1 - eps), plus eps times the mean of -log p_c.
          loss += Double(hit * (logZ - zv[base + label]) + uniform * (Float(classes) * logZ - logitSum))
          let inv = 1 / total
          for c in 0..<classes { p[base + c] *= inv }
        }
      }
    }
    countForward("crossEntropy", 5 * z.count)
    return Tensor(shape: [], data: [Float(loss / Double(rows))], op: "crossEntropy", inputs: [z]) { out in
      guard let dy = out.grad?[0] else { return }
      countBackward("crossEntropy", 2 * z.count)
      let scale = dy / Float(rows)
      z.accumulateGrad { dz in
        for b in 0..<rows {
          let base = b * classes
          for c in 0..<classes { dz[base + c] += scale * (probs[base + c] - uniform) }
          dz[base + labels[b]] -= scale * hit
        }
      }
    }
  }

  /// Mean squared error against `target` of the same shape (a constant or a tensor).
  public func mseLoss(_ target: Tensor) -> Tensor {
    precondition(shape == target.shape, "mseLoss: shapes \(shape) and \(target.shape) differ")
    let d = self - target
    return (d * d).mean()
  }

  /// KL(target || q) averaged over the batch, where `self` holds log-probabilities log q
  /// [B,C] and `target` probabilities [B,C] (PyTorch's kl_div with reduction "batchmean").
  /// Terms with target 0 contribute 0. Both inputs may carry gradients.
  public func klDivergence(target: Tensor) -> Tensor {
    let logq = self
    precondition(
      logq.rank >= 1 && logq.shape == target.shape,
      "klDivergence: log-probabilities \(logq.shape) and target \(target.shape) must match [B,C]")
    let rows = Swift.max(logq.shape[0], 1)
    var loss: Double = 0
    for i in 0..<logq.count {
      let t = target.data[i]
      if t > 0 { loss += Double(t * (logf(t) - logq.data[i])) }
    }
    countForward("klDivergence", 3 * logq.count)
    return Tensor(shape: [], data: [Float(loss / Double(rows))], op: "klDivergence", inputs: [logq, target]) { out in
      guard let dy = out.grad?[0] else { return }
      let scale = dy / Float(rows)
      if logq.requiresGrad {
        logq.accumulateGrad { d in for i in 0..<d.count { d[i] -= scale * target.data[i] } }
      }
      if target.requiresGrad {
        target.accumulateGrad { d in
          for i in 0..<d.count where target.data[i] > 0 {
            d[i] += scale * (logf(target.data[i]) + 1 - logq.data[i])
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
