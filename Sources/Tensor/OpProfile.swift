// Wall time per op, forward and backward: where a training step goes (`hasten bench engine
// --profile`). Execution is eager, so an op's forward work runs just before it records its
// output; the time since the previous op recorded its output is charged to it. Pullbacks are
// timed one by one. Time outside any op (an optimizer step, data preparation, the Swift code
// between ops) is charged to "(between ops)" rather than to the next op, as far as the scope
// can tell: a marker is set when the scope starts, after every pullback and when it ends.
// Outside a profiling scope the hook is one task-local read per op.

/// Accumulated wall time by op name, forward and backward.
public final class OpProfile: @unchecked Sendable {
  /// Time per op name in forward passes.
  public private(set) var forward: [String: Duration] = [:]
  /// Time per op name in backward passes (the op's pullback).
  public private(set) var backward: [String: Duration] = [:]
  /// Time inside the scope that belongs to no op.
  public private(set) var betweenOps: Duration = .zero
  /// Scopes (`profilingOps` calls) measured: divide by it for per-step figures.
  public private(set) var stepCount = 0
  private var mark = ContinuousClock.now

  public init() {}

  /// Everything measured: forward + backward + between ops.
  public var total: Duration {
    forward.values.reduce(.zero, +) + backward.values.reduce(.zero, +) + betweenOps
  }

  func start() {
    stepCount += 1
    mark = .now
  }
  func recordForward(_ op: String) {
    let now = ContinuousClock.now
    forward[op, default: .zero] += now - mark
    mark = now
  }
  func recordBackward(_ op: String, since start: ContinuousClock.Instant) {
    let now = ContinuousClock.now
    backward[op, default: .zero] += now - start
    mark = now
  }
  func recordBetween() {
    let now = ContinuousClock.now
    betweenOps += now - mark
    mark = now
  }
}

extension Tensor {
  /// The profile ops report to, if any (set by `profilingOps`).
  @TaskLocal static var opProfile: OpProfile?

  /// Runs `body` with the wall time of every op it runs (forward and backward) added to
  /// `profile`. Each call of `body` should be a whole unit (a training step): time before its
  /// first op and after its last pullback counts as between ops.
  public static func profilingOps<R>(_ profile: OpProfile, _ body: () throws -> R) rethrows -> R {
    profile.start()
    defer { profile.recordBetween() }
    return try $opProfile.withValue(profile) { try body() }
  }
}
