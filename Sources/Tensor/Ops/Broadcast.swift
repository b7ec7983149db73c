// Numpy-style broadcasting for binary elementwise ops: shapes align on the right, and a
// dimension of size 1 (or a missing one) stretches to match. Backward sums the gradient over
// the stretched dimensions, which `BroadcastPlan.forEach` makes a single loop.

/// How the elements of two broadcast operands map onto their output.
struct BroadcastPlan {
  let shape: [Int]
  let count: Int
  let aStrides: [Int]  // 0 where a is stretched
  let bStrides: [Int]
  /// True when b repeats along a's leading dimensions (b's shape is a suffix of a's): the
  /// common bias case, handled without index arithmetic.
  let bIsSuffix: Bool
  let same: Bool
  let bCount: Int

  init(_ a: [Int], _ b: [Int], op: String) {
    let rank = max(a.count, b.count)
    let pa = [Int](repeating: 1, count: rank - a.count) + a
    let pb = [Int](repeating: 1, count: rank - b.count) + b
    var shape = [Int](repeating: 1, count: rank)
    for d in 0..<rank {
      precondition(
        pa[d] == pb[d] || pa[d] == 1 || pb[d] == 1,
        "\(op): shapes \(a) and \(b) do not broadcast (dimension \(d): \(pa[d]) vs \(pb[d]))")
      shape[d] = max(pa[d], pb[d])
    }
    func strides(_ s: [Int]) -> [Int] {
      var st = [Int](repeating: 0, count: rank)
      var acc = 1
      for d in stride(from: rank - 1, through: 0, by: -1) {
        st[d] = s[d] == 1 ? 0 : acc
        acc *= s[d]
      }
      return st
    }
    self.shape = shape
    self.count = shape.reduce(1, *)
    self.aStrides = strides(pa)
    self.bStrides = strides(pb)
    self.same = a == b
    self.bCount = b.reduce(1, *)
    self.bIsSuffix = a == shape && b.count <= a.count && Array(a.suffix(b.count)) == b
  }

  /// Calls `body(outIndex, aIndex, bIndex)` for every output element, in order.
  @inline(__always)
  func forEach(_ body: (Int, Int, Int) -> Void) {
    if same {
      for i in 0..<count { body(i, i, i) }
      return
    }
    if bIsSuffix {  // nested loops: a modulo per element costs more than the op itself
      var i = 0
      for _ in 0..<(bCount == 0 ? 0 : count / bCount) {
        for j in 0..<bCount {
          body(i, i, j)
          i &+= 1
        }
      }
      return
    }
    let rank = shape.count
    var idx = [Int](repeating: 0, count: rank)
    var ai = 0, bi = 0
    for o in 0..<count {
      body(o, ai, bi)
      var d = rank - 1
      while d >= 0 {
        idx[d] += 1
        ai += aStrides[d]
        bi += bStrides[d]
        if idx[d] < shape[d] { break }
        ai -= aStrides[d] * shape[d]
        bi -= bStrides[d] * shape[d]
        idx[d] = 0
        d -= 1
      }
    }
  }

}
