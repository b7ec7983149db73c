// Modules: things with named, ordered parameters. A model is a Module that maps a batch of
// inputs to outputs. Names are stable ("fc1.weight"), so a state dict can be saved and a
// technique can address a layer by name (freezing, say).
import Foundation
import Tensor

/// Something with named, ordered trainable parameters.
public protocol Module: AnyObject {
  /// Parameters in a fixed order, each with a dotted name unique within the module.
  var parameters: [(name: String, tensor: Tensor)] { get }
  /// State that is saved with the parameters but not trained (batch norm's running
  /// statistics), in a fixed order with dotted names. Empty by default.
  var buffers: [(name: String, tensor: Tensor)] { get }
}

/// A Module that maps inputs [B,D] to outputs (logits [B,C] for a classifier).
public protocol Model: Module {
  func callAsFunction(_ x: Tensor) -> Tensor
}

extension Module {
  public var buffers: [(name: String, tensor: Tensor)] { [] }

  /// Total number of trainable scalars.
  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.tensor.count } }
  /// The L2 norm of all parameters' gradients together (0 where none was computed).
  public func gradientNorm() -> Float {
    var sum: Double = 0
    for p in parameters {
      guard let g = p.tensor.grad else { continue }
      for v in g { sum += Double(v) * Double(v) }
    }
    return Float(sum.squareRoot())
  }

  /// Clears every parameter's gradient.
  public func zeroGrad() { for p in parameters { p.tensor.zeroGrad() } }
}

// MARK: - State dicts

extension Module {
  /// Parameters then buffers, by name, as values (a snapshot; later training does not change it).
  public func stateDict() -> StateDict {
    StateDict(entries: (parameters + buffers).map { .init(name: $0.name, shape: $0.tensor.shape, values: $0.tensor.data) })
  }

  /// Copies values from `state` into the parameters and buffers. Names and shapes must match
  /// exactly; on a mismatch nothing is changed.
  public func loadStateDict(_ state: StateDict) throws {
    let own = parameters + buffers
    let byName = Dictionary(state.entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    for (name, tensor) in own {
      guard let e = byName[name] else { throw StateDictError.missing(name: name) }
      guard e.shape == tensor.shape else { throw StateDictError.shapeMismatch(name: name, expected: tensor.shape, found: e.shape) }
    }
    let names = Set(own.map(\.name))
    if let extra = state.entries.first(where: { !names.contains($0.name) }) { throw StateDictError.unexpected(name: extra.name) }
    for (name, tensor) in own { tensor.data = byName[name]!.values }
  }

  /// Writes the state dict to `url` (see StateDict for the format).
  public func save(to url: URL) throws { try stateDict().write(to: url) }

  /// Loads a state dict written by `save(to:)`.
  public func load(from url: URL) throws { try loadStateDict(StateDict(contentsOf: url)) }
}
