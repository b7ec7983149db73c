// Time to target: the first evaluation at which a run meets the target quality, in three
// currencies (steps, FLOPs, seconds of training). A run that never meets it took forever.
import Results

/// The cost of reaching a target, in each currency; infinite when it was never reached.
public struct Cost: Sendable, Equatable {
  public var steps: Double
  public var flops: Double
  public var seconds: Double

  public static let never = Cost(steps: .infinity, flops: .infinity, seconds: .infinity)

  public init(steps: Double, flops: Double, seconds: Double) {
    self.steps = steps
    self.flops = flops
    self.seconds = seconds
  }

  /// The cheaper of two costs, currency by currency.
  func cheapest(_ other: Cost) -> Cost {
    Cost(steps: min(steps, other.steps), flops: min(flops, other.flops), seconds: min(seconds, other.seconds))
  }
}

/// When `run` first met `target`. A diverged run counts only the points before it diverged.
public func timeToTarget(_ run: RunResult, _ target: Target) -> Cost {
  guard let hit = run.points.first(where: { $0.metric.map(target.isMet) ?? false }) else { return .never }
  return Cost(steps: Double(hit.step), flops: hit.flops, seconds: hit.seconds)
}

/// Per seed, the cheapest time to target of one arm over all budgets it was run at: a shorter
/// budget anneals earlier and may get there sooner, and the protocol credits each arm with its
/// best budget-matched run (DESIGN §4).
public func bestTimeToTarget(_ runs: [RunResult], arm: String, target: Target) -> [UInt64: Cost] {
  var best: [UInt64: Cost] = [:]
  for run in runs where run.arm == arm {
    best[run.seed] = (best[run.seed] ?? .never).cheapest(timeToTarget(run, target))
  }
  return best
}
