// Tensor: a float32 array with a shape, and the node of the autodiff graph that produced it.
//
// Storage is contiguous and row-major. A tensor made by an op remembers its inputs and a
// `backward` closure that adds its gradient contribution into theirs (micrograd's design,
// at tensor granularity). Reverse-mode differentiation lives in Autograd.swift; the ops live
// in Ops/. Shape letters used across the engine: B batch, C classes/channels, D features,
// H/W image height and width, T sequence length, V vocabulary, M/N/K matrix dimensions.
// Ops that need a view (reshape) share the storage array: Swift arrays are copy-on-write, so
// nothing is copied unless one side is later written.

/// A float32 tensor with contiguous row-major storage and an optional gradient.
public final class Tensor: @unchecked Sendable {
  /// The size of each dimension, outermost first.
  public let shape: [Int]
  /// The values, row-major, `shape.reduce(1, *)` of them.
  public var data: [Float]
  /// The gradient of the last `backward()` root with respect to this tensor, same layout as
  /// `data`; nil until a backward pass reaches it. Gradients accumulate across backward calls.
  public var grad: [Float]?
  /// Whether gradients flow to this tensor (parameters, and everything computed from them).
  public let requiresGrad: Bool
  /// A short label of the op that produced this tensor, for descriptions and debugging.
  public let op: String

  // Graph bookkeeping (see Autograd.swift): the inputs and the pullback that reads this
  // tensor's gradient and accumulates into theirs.
  let inputs: [Tensor]
  let backwardFn: ((Tensor) -> Void)?

  /// A leaf tensor, such as a parameter or a batch of data.
  public init(shape: [Int], data: [Float], requiresGrad: Bool = false) {
    precondition(
      shape.reduce(1, *) == data.count,
      "Tensor(shape: \(shape)): expects \(shape.reduce(1, *)) values, got \(data.count)")
    self.shape = shape
    self.data = data
    self.requiresGrad = requiresGrad
    self.op = "leaf"
    self.inputs = []
    self.backwardFn = nil
  }

  /// An op output. Records the graph only when an input needs gradients and grad mode is on.
  init(shape: [Int], data: [Float], op: String, inputs: [Tensor], backward: @escaping (Tensor) -> Void) {
    self.shape = shape
    self.data = data
    self.op = op
    let tracked = Tensor.isGradEnabled && inputs.contains { $0.requiresGrad }
    self.requiresGrad = tracked
    self.inputs = tracked ? inputs : []
    self.backwardFn = tracked ? backward : nil
    if let profile = Tensor.opProfile { profile.recordForward(op) }
  }

  /// A tensor of zeros.
  public convenience init(zeros shape: [Int], requiresGrad: Bool = false) {
    self.init(shape: shape, data: [Float](repeating: 0, count: shape.reduce(1, *)), requiresGrad: requiresGrad)
  }

  /// A 0-d tensor holding one value.
  public convenience init(scalar: Float) { self.init(shape: [], data: [scalar]) }

  /// Number of elements.
  public var count: Int { data.count }
  /// Number of dimensions.
  public var rank: Int { shape.count }

  /// Row-major strides of `shape`, in elements.
  static func strides(_ shape: [Int]) -> [Int] {
    var st = [Int](repeating: 1, count: shape.count)
    var acc = 1
    for d in stride(from: shape.count - 1, through: 0, by: -1) {
      st[d] = acc
      acc *= shape[d]
    }
    return st
  }

  /// `axis` with negative values counted from the end (-1 is the last), checked against rank.
  func axisIndex(_ axis: Int, _ op: String) -> Int {
    let a = axis < 0 ? axis + rank : axis
    precondition(a >= 0 && a < rank, "\(op): axis \(axis) out of range for shape \(shape)")
    return a
  }

  /// (product of dims before `axis`, dim at `axis`, product of dims after): the view of the
  /// tensor as [outer, dim, inner] that axis ops loop over.
  func split(at axis: Int) -> (outer: Int, dim: Int, inner: Int) {
    (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
  }
  /// The single value of a one-element tensor (a loss, say).
  public var item: Float {
    precondition(data.count == 1, "item: tensor of shape \(shape) has \(data.count) elements")
    return data[0]
  }

  /// Adds `delta` into this tensor's gradient, allocating it on first use.
  @inline(__always)
  func accumulateGrad(_ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
    if grad == nil { grad = [Float](repeating: 0, count: data.count) }
    grad!.withUnsafeMutableBufferPointer { body($0) }
  }

  /// Adds a whole gradient array of this tensor's layout; takes it over without a copy when
  /// no gradient exists yet (the common case in a first backward pass).
  func accumulateGrad(_ delta: [Float]) {
    if grad == nil {
      grad = delta
      return
    }
    grad!.withUnsafeMutableBufferPointer { g in
      delta.withUnsafeBufferPointer { d in for i in 0..<g.count { g[i] += d[i] } }
    }
  }

  /// Lets a BLAS pullback write or add its whole gradient in one go: `body` gets the buffer
  /// and the sgemm beta to use, 0 on fresh uninitialised storage (no zero-fill pass) or 1 to
  /// accumulate into an existing gradient. `body` must write every element when beta is 0.
  func accumulateGrad(beta body: (UnsafeMutableBufferPointer<Float>, Float) -> Void) {
    if grad == nil {
      grad = [Float](unsafeUninitializedCapacity: data.count) { buffer, initialized in
        body(buffer, 0)
        initialized = buffer.count
      }
      return
    }
    grad!.withUnsafeMutableBufferPointer { body($0, 1) }
  }

  /// Writes (first use) or adds `term(i)` into every element of the gradient: the
  /// elementwise pullbacks' version of the above, with no zero-fill pass on first use.
  @inline(__always)
  func accumulateGrad(elementwise term: (Int) -> Float) {
    accumulateGrad(beta: { dx, beta in
      if beta == 0 {
        for i in 0..<dx.count { dx[i] = term(i) }
      } else {
        for i in 0..<dx.count { dx[i] += term(i) }
      }
    })
  }

  /// Clears the gradient (keeps nothing allocated; the next backward pass reallocates).
  public func zeroGrad() { grad = nil }
}

extension Tensor: CustomStringConvertible {
  public var description: String {
    let preview = data.prefix(6).map { "\($0)" }.joined(separator: ", ")
    let more = data.count > 6 ? ", ..." : ""
    return "Tensor(\(op), shape: \(shape)\(requiresGrad ? ", grad" : ""), [\(preview)\(more)])"
  }
}
