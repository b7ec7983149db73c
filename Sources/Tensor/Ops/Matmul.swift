// Matrix product through BLAS, with its pullback.
//   y[M,N] = a[M,K] . b[K,N]
//   da += dy . bT      db += aT . dy       (both as sgemm with beta = 1, accumulating)

extension Tensor {
  /// Matrix product of a [M,K] and b [K,N] tensor.
  public func matmul(_ b: Tensor) -> Tensor {
    let a = self
    precondition(
      a.shape.count == 2 && b.shape.count == 2 && a.shape[1] == b.shape[0],
      "matmul: shapes \(a.shape) and \(b.shape) do not chain ([M,K] . [K,N])")
    let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
    var y = [Float](repeating: 0, count: m * n)
    y.withUnsafeMutableBufferPointer { gemm($0.baseAddress!, a.data, b.data, m: m, n: n, k: k) }
    return Tensor(shape: [m, n], data: y, op: "matmul", inputs: [a, b]) { out in
      guard let dy = out.grad else { return }
      if a.requiresGrad {
        a.accumulateGrad { da in gemm(da.baseAddress!, dy, b.data, m: m, n: k, k: n, transB: true, beta: 1) }
      }
      if b.requiresGrad {
        b.accumulateGrad { db in gemm(db.baseAddress!, a.data, dy, m: k, n: n, k: m, transA: true, beta: 1) }
      }
    }
  }
}
