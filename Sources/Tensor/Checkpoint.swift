// Activation checkpointing (Chen et al. 2016, "Training Deep Nets with Sublinear Memory
// Cost"): run a segment of the network without recording its graph, keep only its input, and
// recompute the segment's graph during the backward pass, when its gradient is needed. Memory
// for the segment's inner activations is traded for one more forward pass of it.
//
// The segment must compute the same values when run again on the same input: no fresh random
// draws (dropout masks, dropped branches) inside it. Layers that update state in training
// (batch norm's running statistics) check `Tensor.isRecomputing` so that the second pass does
// not update it twice.

extension Tensor {
  /// True while a checkpointed segment is being recomputed for its backward pass.
  @TaskLocal public static var isRecomputing = false

  /// `segment(input)`, computed without keeping the segment's intermediate activations: the
  /// result's pullback recomputes them. `parameters` are the tensors the segment reads that
  /// may need gradients (its weights); they receive the same gradients as without the
  /// checkpoint. Outside grad mode this is just `segment(input)`.
  public static func checkpoint(_ input: Tensor, parameters: [Tensor], _ segment: @escaping (Tensor) -> Tensor) -> Tensor {
    guard isGradEnabled, input.requiresGrad || parameters.contains(where: \.requiresGrad) else { return segment(input) }
    let training = isTraining
    let output = noGrad { segment(input) }
    return Tensor(shape: output.shape, data: output.data, op: "checkpoint", inputs: [input] + parameters) { out in
      guard let upstream = out.grad else { return }
      // A fresh leaf with the input's values, so the recomputed graph ends here and the
      // gradient that reaches it can be handed on to the real input.
      let leaf = Tensor(shape: input.shape, data: input.data, requiresGrad: input.requiresGrad)
      let recomputed = $isGradEnabled.withValue(true) {
        $isTraining.withValue(training) { $isRecomputing.withValue(true) { segment(leaf) } }
      }
      guard recomputed.requiresGrad else { return }
      recomputed.backward(seed: upstream)
      if input.requiresGrad, let g = leaf.grad { input.accumulateGrad(g) }
    }
  }

  /// The bytes of tensor data that the autodiff graph behind this tensor holds for the
  /// backward pass: every op output reachable from it (leaves such as parameters and the
  /// batch excluded). Buffers an op keeps privately (im2col columns, masks) are not counted.
  public var graphActivationBytes: Int {
    var seen = Set<ObjectIdentifier>()
    var stack = [self]
    var bytes = 0
    while let node = stack.popLast() {
      guard !node.inputs.isEmpty, seen.insert(ObjectIdentifier(node)).inserted else { continue }
      bytes += node.count * MemoryLayout<Float>.stride
      stack += node.inputs
    }
    return bytes
  }
}
