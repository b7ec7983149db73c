// Reverse-mode automatic differentiation over the graph that ops record.
//
// backward() has two phases, as in micrograd: order the graph so that every tensor comes after
// its inputs (iterative depth-first search), then seed the root's gradient and call each
// tensor's pullback in reverse order. Pullbacks add into their inputs' gradients, so a tensor
// used twice needs no special case, and gradients accumulate across backward calls until
// `zeroGrad()`.

extension Tensor {
  /// Whether ops record the graph. Off inside `Tensor.noGrad { ... }` (evaluation).
  @TaskLocal static var isGradEnabled = true

  /// Runs `body` without recording the autodiff graph: faster evaluation, no memory kept.
  public static func noGrad<R>(_ body: () throws -> R) rethrows -> R {
    try $isGradEnabled.withValue(false) { try body() }
  }

  /// Whether layers run in training mode: batch norm uses batch statistics and updates its
  /// running ones, dropout drops. Off inside `Tensor.evaluating { ... }`.
  @TaskLocal public static var isTraining = true

  /// Runs `body` in evaluation mode (running statistics, no dropout) without recording a graph.
  public static func evaluating<R>(_ body: () throws -> R) rethrows -> R {
    try $isTraining.withValue(false) { try $isGradEnabled.withValue(false) { try body() } }
  }

  /// Back-propagates from this tensor, seeding its gradient with ones (1 for a scalar loss).
  public func backward() {
    precondition(requiresGrad, "backward(): \(self) does not require grad; did a parameter have requiresGrad: true?")
    backward(seed: nil)
  }

  /// Back-propagates from this tensor with `seed` as its gradient (ones when nil): how a
  /// checkpointed segment passes the gradient it received into its recomputed graph.
  func backward(seed: [Float]?) {
    // Phase 1: topological order by iterative post-order DFS.
    var ordered: [Tensor] = []
    var visited = Set<ObjectIdentifier>()
    var stack: [(Tensor, Bool)] = [(self, false)]
    while let (node, expanded) = stack.popLast() {
      if expanded { ordered.append(node); continue }
      guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
      stack.append((node, true))
      for input in node.inputs where input.requiresGrad { stack.append((input, false)) }
    }
    // Phase 2: seed and sweep in reverse.
    if let seed {
      precondition(seed.count == count, "backward(seed:): \(seed.count) values for shape \(shape)")
      accumulateGrad(seed)
    } else {
      accumulateGrad { g in for i in g.indices { g[i] += 1 } }
    }
    if let profile = Tensor.opProfile {
      profile.recordBetween()  // the forward pass's tail (the loss's reduction is an op)
      for node in ordered.reversed() {
        guard let pullback = node.backwardFn else { continue }
        let start = ContinuousClock.now
        pullback(node)
        profile.recordBackward(node.op, since: start)
      }
      return
    }
    for node in ordered.reversed() { node.backwardFn?(node) }
  }

  /// Detaches from the graph: same values, no history, no gradient.
  public func detached() -> Tensor { Tensor(shape: shape, data: data) }
}
