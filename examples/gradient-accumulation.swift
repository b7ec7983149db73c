// # Gradient accumulation
//
// Split each batch of B examples into k micro-batches of B/k, run forward and backward on them
// one after another, add up their gradients, and take one optimizer step. Scaling each
// micro-batch's mean loss by 1/k makes the sum the gradient of the whole batch's mean loss:
//
//     ∇ (1/B) Σᵢ ℓᵢ  =  Σⱼ (1/k) ∇ (k/B) Σ_{i ∈ micro-batch j} ℓᵢ
//
// so the update is the full-batch update up to float32 rounding (for layers that do not mix
// examples; batch norm normalises each micro-batch with its own statistics).
//
// **How it saves compute** (`less-memory`): it saves memory, not FLOPs. The activations kept
// for the backward pass belong to one micro-batch at a time, so peak memory falls toward that
// of a B/k batch while the optimisation stays that of batch B; the same FLOPs run in smaller
// matrix products, which is usually slower. The measurement reports both (peak memory in
// `hasten run`'s memory line).
//
// Background: there is no introducing paper; Ott, Edunov, Grangier & Auli, "Scaling Neural
// Machine Translation", WMT 2018 (`ott2018scaling`, https://aclanthology.org/W18-6301) use it
// to reach large effective batches on one machine.
import Tensor
import Training

// ## The functional form
//
// The rows of a batch cut into k consecutive micro-batches, and the accumulated gradient of a
// model over them, which a test can compare with the full-batch gradient: each micro-batch's
// loss is scaled by 1/k and back-propagated into the same gradient buffers, and each graph is
// released before the next micro-batch's is built.
public func microBatches(_ x: Tensor, _ k: Int) -> [Tensor] {
  let rows = x.shape[0]
  precondition(k >= 1 && rows % k == 0, "microBatches: \(rows) rows do not split into \(k) equal micro-batches")
  let width = x.count / rows, size = rows / k
  return (0..<k).map { j in
    Tensor(shape: [size] + x.shape.dropFirst(), data: Array(x.data[(j * size * width)..<((j + 1) * size * width)]))
  }
}

/// Accumulates the gradients of micro-batches whose losses are scaled by 1/k (k: the number of
/// micro-batches in the whole batch, all of them by default) and returns their scaled losses' sum.
@discardableResult
public func accumulateGradients(_ model: any Model, inputs: [Tensor], targets: [Tensor], k: Int? = nil) -> Float {
  let scale = 1 / Float(k ?? inputs.count)
  var loss: Float = 0
  for (x, t) in zip(inputs, targets) {
    let scaled = model(x).softmaxCrossEntropy(targets: t) * scale
    scaled.backward()
    loss += scaled.item
  }
  return loss
}

// ## The algorithm
//
// The loop runs one forward and backward pass per step and clears the gradients just before
// its backward pass, so the algorithm works around that pass rather than replacing it:
//
// - afterDataLoad: cut the batch into k micro-batches; accumulate the first k − 1 of them into
//   the gradients (each graph is freed before the next is built), then move those gradients
//   aside and leave the last micro-batch as the step's batch.
// - afterLoss: the loop's loss is the last micro-batch's; scale it by 1/k and add the earlier
//   micro-batches' scaled losses as a constant, so the reported loss is the whole batch's mean
//   and back-propagating it gives only the last micro-batch's share.
// - afterBackward: add the gradients moved aside back in. The optimizer (and the schedule,
//   which counts optimizer steps) then steps once on the accumulated gradient.
public final class GradientAccumulation: Algorithm {
  public let name = "gradient-accumulation"
  /// Micro-batches per optimizer step.
  public let k: Int
  private var earlierLoss: Float = 0
  private var earlierGradients: [[Float]?] = []

  public init(k: Int = 4) {
    precondition(k >= 1, "GradientAccumulation(k: \(k)): k must be >= 1")
    self.k = k
  }

  public func match(_ event: Event, _ state: TrainState) -> Bool {
    k > 1 && [.afterDataLoad, .afterLoss, .afterBackward].contains(event)
  }

  public func apply(_ event: Event, _ state: TrainState) {
    let parameters = state.model.parameters.map(\.tensor)
    switch event {
    case .afterDataLoad:
      let xs = microBatches(state.inputs, k), ts = microBatches(state.targets, k)
      state.model.zeroGrad()
      earlierLoss = accumulateGradients(state.model, inputs: Array(xs.dropLast()), targets: Array(ts.dropLast()), k: k)
      earlierGradients = parameters.map(\.grad)
      for p in parameters { p.grad = nil }
      (state.inputs, state.targets) = (xs[k - 1], ts[k - 1])
    case .afterLoss:
      state.loss = state.loss! * (1 / Float(k)) + earlierLoss
    case .afterBackward:
      for (p, earlier) in zip(parameters, earlierGradients) {
        guard let earlier else { continue }
        if p.grad == nil { p.grad = earlier; continue }
        p.grad!.withUnsafeMutableBufferPointer { g in for i in g.indices { g[i] += earlier[i] } }
      }
      earlierGradients = []
    default:
      break
    }
  }
}

// MARK: - Experiment
//
// The residual CNN on Fashion-MNIST at its tuned batch of 64, as k = 4 micro-batches of 16
// (the card's example k): the optimisation is that of batch 64 with the baseline's learning
// rate and schedule, while activations are kept for 16 examples at a time. Batch norm sees
// micro-batches of 16, the card's caveat, so the runs are not identical to the baseline's.
extension Examples {
  static let gradientAccumulation = Technique(slug: "gradient-accumulation", workload: .fashionCNN) { [GradientAccumulation(k: 4)] }
}
