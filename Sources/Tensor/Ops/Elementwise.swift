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
    let y = a.data.mapped { $0 * s }
    countForward("scale", y.count)
    return Tensor(shape: a.shape, data: y, op: "scale", inputs: [a]) { out in
      guard let dy = out.grad else { return }
      countBackward("scale", dy.count)
      dy.withUnsafeBufferPointer { g in a.accumulateGrad { i in g[i] * s } }
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
  /// Both passes split across the engine's threads (pointers bound inside the chunk, as GELU's).
  public func relu() -> Tensor {
    let x = self
    let (n, threads) = (count, Tensor.loopThreadCount)
    let y = [Float](unsafeUninitializedCapacity: n) { yv, initialized in
      x.data.withUnsafeBufferPointer { xv in
        parallelChunks(n, threads: threads, work: n) { part, _ in
          let (xp, yp) = (xv.baseAddress!, yv.baseAddress!)
          for i in part { yp[i] = Swift.max(xp[i], 0) }
        }
      }
      initialized = n
    }
    countForward("relu", n)
    return Tensor(shape: shape, data: y, op: "relu", inputs: [x]) { out in
      guard let dy = out.grad else { return }
      countBackward("relu", n)
      out.data.withUnsafeBufferPointer { yv in
        dy.withUnsafeBufferPointer { g in
          x.accumulateGrad(beta: { dx, beta in
            parallelChunks(n, threads: threads, work: n) { part, _ in
              let (yp, gp, dp) = (yv.baseAddress!, g.baseAddress!, dx.baseAddress!)
              if beta == 0 {
                for i in part { dp[i] = yp[i] <= 0 ? 0 : gp[i] }
              } else {
                for i in part { dp[i] += yp[i] <= 0 ? 0 : gp[i] }
              }
            }
          })
        }
      }
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
  /// The forward pass keeps Phi(x) so the backward pass needs no second erf; both passes are
  /// plain loops over buffers with the branch-free erf and exp of FastMath.swift, so they
  /// vectorise (with libm's expf, or `map` and a closure, GELU was a tenth of the Transformer step).
  public func gelu() -> Tensor {
    let x = self
    let invSqrt2: Float = 0.707_106_78, invSqrt2Pi: Float = 0.398_942_28
    let (n, threads) = (count, Tensor.loopThreadCount)
    var y: [Float] = []
    let cdf = [Float](unsafeUninitializedCapacity: n) { c, cdfCount in
      y = [Float](unsafeUninitializedCapacity: n) { yv, yCount in
        x.data.withUnsafeBufferPointer { xv in
          parallelChunks(n, threads: threads, work: 8 * n) { part, _ in
            // Pointers as locals: read through the closure's captures, they were reloaded on
            // every iteration (the stores might alias them) and the loop did not vectorise.
            let (xp, cp, yp) = (xv.baseAddress!, c.baseAddress!, yv.baseAddress!)
            for i in part {
              let v = xp[i], phi = 0.5 * (1 + fastErf(v * invSqrt2))
              cp[i] = phi
              yp[i] = v * phi
            }
          }
        }
        yCount = n
      }
      cdfCount = n
    }
    countForward("gelu", 3 * n)
    return Tensor(shape: shape, data: y, op: "gelu", inputs: [x]) { out in
      guard let dy = out.grad else { return }
      countBackward("gelu", 6 * n)
      x.data.withUnsafeBufferPointer { xv in
        cdf.withUnsafeBufferPointer { c in
          dy.withUnsafeBufferPointer { g in
            x.accumulateGrad(beta: { dx, beta in
              parallelChunks(n, threads: threads, work: 8 * n) { part, _ in
                let (xp, cp, gp, dp) = (xv.baseAddress!, c.baseAddress!, g.baseAddress!, dx.baseAddress!)
                for i in part {
                  let v = xp[i]
                  let term = gp[i] * (cp[i] + v * invSqrt2Pi * fastExp(-0.5 * v * v))
                  dp[i] = beta == 0 ? term : dp[i] + term
                }
              }
            })
          }
        }
      }
    }
  }

  /// y = f(x) elementwise; `derivative(x, y)` is dy/dx.
  @inline(__always)
  func unary(_ name: String, _ f: (Float) -> Float, derivative: @escaping (Float, Float) -> Float) -> Tensor {
    let x = self
    let y = x.data.mapped(f)
    countForward(name, y.count)
    return Tensor(shape: shape, data: y, op: name, inputs: [x]) { out in
      guard let dy = out.grad else { return }
      countBackward(name, 2 * dy.count)
      x.data.withUnsafeBufferPointer { xv in
        out.data.withUnsafeBufferPointer { yv in
          dy.withUnsafeBufferPointer { g in x.accumulateGrad { i in g[i] * derivative(xv[i], yv[i]) } }
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
    // forEach visits every output index once, so the output needs no zero-fill first.
    let y = [Float](unsafeUninitializedCapacity: plan.count) { yv, initialized in
      a.data.withUnsafeBufferPointer { av in
        b.data.withUnsafeBufferPointer { bv in
          plan.forEach { o, i, j in yv[o] = f(av[i], bv[j]) }
        }
      }
      initialized = plan.count
    }
    countForward(name, plan.count)
    return Tensor(shape: plan.shape, data: y, op: name, inputs: [a, b]) { out in
      guard let dy = out.grad else { return }
      countBackward(name, 2 * plan.count * ((a.requiresGrad ? 1 : 0) + (b.requiresGrad ? 1 : 0)))
      // add and sub pass the gradient through (negated for b in sub): no per-element
      // derivative calls, and an input of the output's shape (the activations of x + bias,
      // not only of x + y) takes dy over without a copy.
      if name == "add" || name == "sub" {
        if a.requiresGrad {
          if a.shape == plan.shape { a.accumulateGrad(dy) } else { a.accumulateGrad { ga in plan.forEach { o, i, _ in ga[i] += dy[o] } } }
        }
        if b.requiresGrad {
          if b.shape == plan.shape && name == "add" {
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

extension Array where Element == Float {
  /// `map` as a plain loop over buffers, which vectorises where `map`'s append loop does not.
  @inline(__always)
  func mapped(_ f: (Float) -> Float) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { out, initialized in
      withUnsafeBufferPointer { v in for i in 0..<v.count { out[i] = f(v[i]) } }
      initialized = count
    }
  }
}
