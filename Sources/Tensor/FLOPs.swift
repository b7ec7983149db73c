// FLOP counting per op, forward and backward, for the measurement protocol: wrap a training
// step in `Tensor.countingFLOPs(counter) { ... }` and read the counter. Ops report their work
// as they run, so the count is exact for the shapes actually used, including the backward
// pass (which runs inside the same scope when `backward()` is called there).
//
// Conventions (those of most papers and of PyTorch's FlopCounterMode for matmuls):
// - a multiply-add is 2 FLOPs, so [M,K].[K,N] costs 2MNK and its backward 4MNK (both inputs);
// - elementwise ops and reductions count one FLOP per element per arithmetic step, and a
//   transcendental function (exp, log, tanh, erf) counts as one;
// - data movement (reshape, permute, concat, slice, gather, im2col) counts zero.
// Outside a counting scope the hook is a single task-local read per op.

/// Accumulates FLOPs by op name, separately for the forward and the backward pass.
public final class FLOPCounter: @unchecked Sendable {
  /// FLOPs per op name in forward passes.
  public private(set) var forward: [String: Int] = [:]
  /// FLOPs per op name in backward passes.
  public private(set) var backward: [String: Int] = [:]

  public init() {}

  /// All forward FLOPs.
  public var forwardTotal: Int { forward.values.reduce(0, +) }
  /// All backward FLOPs.
  public var backwardTotal: Int { backward.values.reduce(0, +) }
  /// Forward plus backward.
  public var total: Int { forwardTotal + backwardTotal }

  /// Forgets everything counted so far.
  public func reset() {
    forward = [:]
    backward = [:]
  }

  func add(_ op: String, forward n: Int) { forward[op, default: 0] += n }
  func add(_ op: String, backward n: Int) { backward[op, default: 0] += n }
}

extension Tensor {
  /// The counter ops report to, if any (set by `countingFLOPs`).
  @TaskLocal static var flopCounter: FLOPCounter?

  /// Runs `body` with every op's FLOPs (forward and backward) added to `counter`.
  public static func countingFLOPs<R>(_ counter: FLOPCounter, _ body: () throws -> R) rethrows -> R {
    try $flopCounter.withValue(counter) { try body() }
  }
}

/// Reports `n` forward FLOPs of `op` to the active counter.
@inline(__always)
func countForward(_ op: String, _ n: Int) {
  if let c = Tensor.flopCounter { c.add(op, forward: n) }
}

/// Reports `n` backward FLOPs of `op` to the active counter.
@inline(__always)
func countBackward(_ op: String, _ n: Int) {
  if let c = Tensor.flopCounter { c.add(op, backward: n) }
}
