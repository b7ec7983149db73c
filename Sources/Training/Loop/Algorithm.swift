// An algorithm is a technique plugged into the training loop: it says which events it acts on
// and what it does to the state there. Several compose: they run in the order given on
// before-events and in reverse on after-events, and every application is traced.

/// A technique that changes training by acting on loop events.
public protocol Algorithm: AnyObject {
  /// A short stable name, used in traces and results ("mixup").
  var name: String { get }
  /// Whether to act on `event` in the current state.
  func match(_ event: Event, _ state: TrainState) -> Bool
  /// Acts on `event`, changing `state` (batch, loss, model, optimizer, schedule).
  func apply(_ event: Event, _ state: TrainState)
}

/// Runs algorithms on events in the defined order and counts what ran, for the run's record.
public final class AlgorithmEngine {
  public let algorithms: [any Algorithm]
  /// How many times each "algorithm/event" pair ran.
  public private(set) var trace: [String: Int] = [:]

  public init(_ algorithms: [any Algorithm]) { self.algorithms = algorithms }

  public func fire(_ event: Event, _ state: TrainState) {
    let ordered = event.isAfter ? Array(algorithms.reversed()) : algorithms
    for algorithm in ordered where algorithm.match(event, state) {
      algorithm.apply(event, state)
      trace["\(algorithm.name)/\(event.rawValue)", default: 0] += 1
    }
  }
}
