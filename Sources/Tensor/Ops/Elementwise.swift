// Elementwise ops. Binary ops broadcast (Broadcast.swift); each op gives its local derivative
// and the shared pullback multiplies by the output gradient and sums over stretched dimensions.
//
//   add: y = a + b      da = dy          db = dy
//   sub: y = a - b      da = dy          db = -dy
//   mul: y = a * b      da = dy * b      db = dy * a
//   div: y = a / b      da = dy / b      db = -dy * a / b^2
//   gelu: y = x * Phi(x)                 dx = dy * (Phi(x) + x * phi(x))   (exact, erf form)

import Foundation

extension Tensor {
  /// a + b with broadcasting.
  public static func + (a: Tensor, b: Tensor) -> Tensor {
    a.binary(b, "add", { $0 + $1 }, da: { _, _ in 1 }, db: { _, _ in 1 })
  }
  /// a - b with broadcasting.
  public static func - (a: Tensor, b: Tensor) -> Tensor {
    a.binary(b, "sub", { $0 - $1 }, da: { _, _ in 1 }, db: { _, _ in -1 })
  }
  /// a * b (elementwise) with broadcasting.
  public static func * (a: Tensor, b: Tensor) -> Tensor {
    a.binary(b, "mul", { $0 * $1 }, da: { _, b in b }, db: { a, _ in a })
  }
  /// a / b (elementwise) with broadcasting.
  public static func / (a: Tensor, b: Tensor) -> Tensor {
    a.binary(b, "div", { $0 / $1 }, da: { _, b in 1 / b }, db: { a, b in -a / (b * b) })
  }
  /// a * s for a constant s (written out like relu: attention scales every score).
  public static func * (a: Tensor, s: Float) -> Tensor {
    let y = a.data.map { $0 * s }
    countForward("scale", y.count)
    return Tensor(shape: a.shape, data: y, op: "scale", inputs: [a]) { out in
      guard var dy = out.grad else { return }
      countBackward("scale", dy.count)
      dy.withUnsafeMutableBufferPointer { g in for i in 0..<g.count { g[i] *= s } }
      a.accumulateGrad(dy)
    }
  }
  /// a + s for a constant s.
  public static func + (a: Tensor, s: Float) -> Tensor {
    a.unary("shift", { $0 + s }, derivative: { _, _ in 1 })
  }
  /// -a
  public static prefix func - (a: Tensor) -> Tensor { a * -1 }  // a * -1

  /// max(x, 0). Written out rather than through `unary`: it is the hottest elementwise op, and
  /// a derivative closure call per element costs more than the arithmetic.
  public func relu() -> Tensor {
    let x = self
    let y = x.data.map { Swift.max($0, 0) }
    countForward("relu", y.count)
    return Tensor(shape: shape, data: y, op: "relu", inputs: [x]) { out in
      guard var dy = out.grad else { return }
      countBackward("relu", dy.count)
      out.data.withUnsafeBufferPointer { yv in
        dy.withUnsafeMutableBufferPointer { g in for i in 0..<g.count where yv[i] <= 0 { g[i] = 0 } }
      }
      x.accumulateGrad(dy)
    }
  }
  /// e^x
  public func exp() -> Tensor { unary("exp", { expf($0) }, derivative: { _, y in y }) }
  /// ln x
  public func log() -> Tensor { unary("log", { logf($0) }, derivative: { x, _ in 1 / x }) }
  /// tanh x
  public func tanh() -> Tensor { unary("tanh", { tanhf($0) }, derivative: { _, y in 1 - y * y }) }
  /// 1 / (1 + e^-x)
  public func sigmoid() -> Tensor {
    unary("sigmoid", { 1 / (1 + expf(-$0)) }, derivative: { _, y in y * (1 - y) })
  }
  /// x * Phi(x), Phi the standard normal CDF (PyTorch's default, exact form of GELU).
  /// Written out: the forward pass keeps Phi(x) so the backward pass needs no second erf,
  /// which (with the closure calls) was a sixth of the Transformer step; erf itself is the
  /// branch-free rational form below, which the compiler vectorises (libm's erff was still
  /// 4% of the Transformer step).
  public func gelu() -> Tensor {
    let x = self
    let invSqrt2: Float = 0.70710678, invSqrt2Pi: Float = 0.39894228
    let cdf = x.data.map { 0.5 * (1 + fastErf($0 * invSqrt2)) }
    var y = x.data
    for i in 0..<y.count { y[i] *= cdf[i] }
    countForward("gelu", 3 * y.count)
    return Tensor(shape: shape, data: y, op: "gelu", inputs: [x]) { out in
      guard var dy = out.grad else { return }
      countBackward("gelu", 6 * dy.count)
      x.data.withUnsafeBufferPointer { xv in
        dy.withUnsafeMutableBufferPointer { g in
          for i in 0..<g.count {
            let v = xv[i]
            g[i] *= cdf[i] + v * invSqrt2Pi * expf(-0.5 * v * v)
          }
        }
      }
      x.accumulateGrad(dy)
    }
  }

  /// y = f(x) elementwise; `derivative(x, y)` is dy/dx.
  @inline(__always)
  func unary(_ name: String, _ f: (Float) -> Float, derivative: @escaping (Float, Float) -> Float) -> Tensor {
    let x = self
    let y = x.data.map(f)
    countForward(name, y.count)
    return Tensor(shape: shape, data: y, op: name, inputs: [x]) { out in
      guard let dy = out.grad else { return }
      countBackward(name, 2 * dy.count)
      x.accumulateGrad { dx in
        x.data.withUnsafeBufferPointer { xv in
          out.data.withUnsafeBufferPointer { yv in
            for i in 0..<dx.count { dx[i] += dy[i] * derivative(xv[i], yv[i]) }
          }
        }
      }
    }
  }

  /// y = f(a, b) with broadcasting; `da(a, b)` and `db(a, b)` are the partial derivatives.
  @inline(__always)
  func binary(
    _ b: Tensor, _ name: String, _ f: (Float, Float) -> Float,
    da: @escaping (Float, Float) -> Float, db: @escaping (Float, Float) -> Float
  ) -> Tensor {
    let a = self
    let plan = BroadcastPlan(a.shape, b.shape, op: name)
    var y = [Float](repeating: 0, count: plan.count)
    a.data.withUnsafeBufferPointer { av in
      b.data.withUnsafeBufferPointer { bv in
        y.withUnsafeMutableBufferPointer { yv in
          plan.forEach { o, i, j in yv[o] = f(av[i], bv[j]) }
        }
      }
    }
    countForward(name, plan.count)
    return Tensor(shape: plan.shape, data: y, op: name, inputs: [a, b]) { out in
      guard let dy = out.grad else { return }
      countBackward(name, 2 * plan.count * ((a.requiresGrad ? 1 : 0) + (b.requiresGrad ? 1 : 0)))
      // add and sub pass the gradient through (negated for b in sub): no per-element
      // derivative calls, and a same-shaped input takes dy over without a copy.
      if name == "add" || name == "sub" {
        if a.requiresGrad {
          if plan.same { a.accumulateGrad(dy) } else { a.accumulateGrad { ga in plan.forEach { o, i, _ in ga[i] += dy[o] } } }
        }
        if b.requiresGrad {
          if plan.same && name == "add" {
            b.accumulateGrad(dy)
          } else {
            let sign: Float = name == "add" ? 1 : -1
            b.accumulateGrad { gb in dy.withUnsafeBufferPointer { g in plan.forEach { o, _, j in gb[j] += sign * g[o] } } }
          }
        }
        return
      }
      a.data.withUnsafeBufferPointer { av in
        b.data.withUnsafeBufferPointer { bv in
          dy.withUnsafeBufferPointer { g in
            if a.requiresGrad {
              a.accumulateGrad { ga in plan.forEach { o, i, j in ga[i] += g[o] * da(av[i], bv[j]) } }
            }
            if b.requiresGrad {
              b.accumulateGrad { gb in plan.forEach { o, i, j in gb[j] += g[o] * db(av[i], bv[j]) } }
            }
          }
        }
      }
    }
  }
}

/// erf(x) to within a few float32 ulps, as a ratio of an odd and an even polynomial in x on
/// [-4, 4] (beyond which erf is ±1 in float32): the rational approximation Eigen and XLA use.
/// Branch-free, so loops over it vectorise.
@inline(__always)
func fastErf(_ value: Float) -> Float {
  let x = Swift.min(Swift.max(value, -4), 4)
  let x2 = x * x
  var p: Float = -2.72614225801306e-10
  p = p * x2 + 2.77068142495902e-08
  p = p * x2 - 2.10102402082508e-06
  p = p * x2 - 5.69250639462346e-05
  p = p * x2 - 7.34990630326855e-04
  p = p * x2 - 2.95459980854025e-03
  p = p * x2 - 1.60960333262415e-02
  var q: Float = -1.45660718464996e-05
  q = q * x2 - 2.13374055278905e-04
  q = q * x2 - 1.68282697438203e-03
  q = q * x2 - 7.37332916720468e-03
  q = q * x2 - 1.42647390514189e-02
  return x * p / q
}
