// Shape ops: reshape (a view: the storage is shared), permute/transpose, concat, slice and
// gather (embedding lookup). Everything but reshape copies, because the engine's kernels want
// contiguous inputs; the copies are single passes and count no FLOPs.
//
//   reshape  x [...] -> y [...'] same count        dx = dy (same layout)
//   permute  x [d0..dn] -> y [d_axes[0]..]          dx[src(o)] += dy[o]
//   concat   xs [.., Ni, ..] -> y [.., sum Ni, ..]  dxi = the slab of dy that xi filled
//   slice    x [.., N, ..] -> y [.., r.count, ..]   dx = dy in the slab, 0 elsewhere
//   gather   table [V,D], idx [N] -> y [N,D]        dtable[idx[n]] += dy[n]

extension Tensor {
  /// The same values viewed with another shape; one dimension may be -1 (inferred).
  public func reshape(_ newShape: [Int]) -> Tensor {
    var s = newShape
    if let i = s.firstIndex(of: -1) {
      let known = s.enumerated().filter { $0.offset != i }.reduce(1) { $0 * $1.element }
      precondition(known > 0 && count % known == 0, "reshape: cannot view \(shape) as \(newShape)")
      s[i] = count / known
    }
    precondition(
      s.allSatisfy { $0 >= 0 } && s.reduce(1, *) == count, "reshape: cannot view \(shape) as \(newShape)")
    let x = self
    return Tensor(shape: s, data: x.data, op: "reshape", inputs: [x]) { out in
      guard let dy = out.grad else { return }
      x.accumulateGrad(dy)
    }
  }

  /// Reorders the axes: output axis i is input axis `axes[i]` (a copy).
  public func permute(_ axes: [Int]) -> Tensor {
    let x = self
    let axes = axes.map { axisIndex($0, "permute") }
    precondition(axes.sorted() == Array(0..<rank), "permute: \(axes) is not a permutation of the axes of \(shape)")
    let outShape = axes.map { shape[$0] }
    let inStrides = Tensor.strides(shape)
    let src = axes.map { inStrides[$0] }
    var y = [Float](repeating: 0, count: count)
    x.data.withUnsafeBufferPointer { xv in
      y.withUnsafeMutableBufferPointer { yv in stridedWalk(outShape, src) { o, s in yv[o] = xv[s] } }
    }
    return Tensor(shape: outShape, data: y, op: "permute", inputs: [x]) { out in
      guard let dy = out.grad else { return }
      x.accumulateGrad { dx in
        dy.withUnsafeBufferPointer { g in stridedWalk(outShape, src) { o, s in dx[s] += g[o] } }
      }
    }
  }

  /// Swaps two axes (negative axes count from the end), as a copy.
  public func transpose(_ a: Int, _ b: Int) -> Tensor {
    var axes = Array(0..<rank)
    axes.swapAt(axisIndex(a, "transpose"), axisIndex(b, "transpose"))
    return permute(axes)
  }

  /// Joins tensors along `axis`; all other dimensions must agree.
  public static func concat(_ xs: [Tensor], axis: Int) -> Tensor {
    precondition(!xs.isEmpty, "concat: needs at least one tensor")
    let ax = xs[0].axisIndex(axis, "concat")
    for x in xs {
      var a = x.shape, b = xs[0].shape
      precondition(a.count == b.count, "concat: shapes \(xs.map(\.shape)) differ in rank")
      a[ax] = 0
      b[ax] = 0
      precondition(a == b, "concat: shapes \(xs.map(\.shape)) differ outside axis \(ax)")
    }
    let (outer, _, inner) = xs[0].split(at: ax)
    let slabs = xs.map { $0.shape[ax] * inner }  // contiguous run per outer index
    let total = slabs.reduce(0, +)
    var outShape = xs[0].shape
    outShape[ax] = xs.reduce(0) { $0 + $1.shape[ax] }
    var y = [Float](repeating: 0, count: outer * total)
    y.withUnsafeMutableBufferPointer { yv in
      var offset = 0
      for (x, slab) in zip(xs, slabs) {
        x.data.withUnsafeBufferPointer { xv in
          for o in 0..<outer {
            for j in 0..<slab { yv[o &* total &+ offset &+ j] = xv[o &* slab &+ j] }
          }
        }
        offset += slab
      }
    }
    return Tensor(shape: outShape, data: y, op: "concat", inputs: xs) { out in
      guard let dy = out.grad else { return }
      var offset = 0
      for (x, slab) in zip(xs, slabs) {
        if x.requiresGrad {
          x.accumulateGrad { dx in
            for o in 0..<outer {
              for j in 0..<slab { dx[o &* slab &+ j] += dy[o &* total &+ offset &+ j] }
            }
          }
        }
        offset += slab
      }
    }
  }

  /// The elements whose index along `axis` lies in `range` (a copy).
  public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
    let x = self
    let ax = axisIndex(axis, "slice")
    precondition(
      range.lowerBound >= 0 && range.upperBound <= shape[ax],
      "slice: range \(range) outside 0..<\(shape[ax]) on axis \(ax) of \(shape)")
    let (outer, dim, inner) = split(at: ax)
    let (slab, start, run) = (dim * inner, range.lowerBound * inner, range.count * inner)
    var outShape = shape
    outShape[ax] = range.count
    var y = [Float](repeating: 0, count: outer * run)
    x.data.withUnsafeBufferPointer { xv in
      y.withUnsafeMutableBufferPointer { yv in
        for o in 0..<outer {
          for j in 0..<run { yv[o &* run &+ j] = xv[o &* slab &+ start &+ j] }
        }
      }
    }
    return Tensor(shape: outShape, data: y, op: "slice", inputs: [x]) { out in
      guard let dy = out.grad else { return }
      x.accumulateGrad { dx in
        for o in 0..<outer {
          for j in 0..<run { dx[o &* slab &+ start &+ j] += dy[o &* run &+ j] }
        }
      }
    }
  }

  /// Rows of this [V,D] table at `indices` (an embedding lookup). The result is
  /// `shape + [D]` when `shape` is given (e.g. [B,T] token ids give [B,T,D]), else [N,D].
  public func gather(rows indices: [Int], shape outer: [Int]? = nil) -> Tensor {
    let table = self
    precondition(rank == 2, "gather: table must be [V,D], got \(shape)")
    let (v, d) = (shape[0], shape[1])
    let lead = outer ?? [indices.count]
    precondition(lead.reduce(1, *) == indices.count, "gather: shape \(lead) does not hold \(indices.count) indices")
    var y = [Float](repeating: 0, count: indices.count * d)
    table.data.withUnsafeBufferPointer { tv in
      y.withUnsafeMutableBufferPointer { yv in
        for (n, row) in indices.enumerated() {
          precondition(row >= 0 && row < v, "gather: index \(row) outside 0..<\(v)")
          for j in 0..<d { yv[n &* d &+ j] = tv[row &* d &+ j] }
        }
      }
    }
    return Tensor(shape: lead + [d], data: y, op: "gather", inputs: [table]) { out in
      guard let dy = out.grad else { return }
      table.accumulateGrad { dt in
        for (n, row) in indices.enumerated() {
          for j in 0..<d { dt[row &* d &+ j] += dy[n &* d &+ j] }
        }
      }
    }
  }
}

/// Calls `body(outIndex, sourceOffset)` for every element of an output of `shape`, in order,
/// where the source offset advances by `strides[d]` along output axis d (an odometer walk).
@inline(__always)
func stridedWalk(_ shape: [Int], _ strides: [Int], _ body: (Int, Int) -> Void) {
  let rank = shape.count
  guard rank > 0 else { return body(0, 0) }
  let (n, step) = (shape[rank - 1], strides[rank - 1])
  let outer = shape.dropLast().reduce(1, *)
  guard n > 0 && outer > 0 else { return }
  var idx = [Int](repeating: 0, count: rank)
  var base = 0, o = 0
  for _ in 0..<outer {
    var s = base
    for _ in 0..<n {
      body(o, s)
      o &+= 1
      s &+= step
    }
    var d = rank - 2
    while d >= 0 {
      idx[d] += 1
      base &+= strides[d]
      if idx[d] < shape[d] { break }
      base &-= strides[d] &* shape[d]
      idx[d] = 0
      d -= 1
    }
  }
}
