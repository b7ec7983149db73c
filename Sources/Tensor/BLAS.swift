// The one door to OpenBLAS: every matrix product in the engine goes through `gemm`.
// `gemmNaive` is the readable reference the tests hold the fast path to (llm.c keeps one too).
import COpenBLAS

/// C[M,N] = alpha * op(A) * op(B) + beta * C, all row-major; op(X) is X or its transpose.
/// A is [M,K] (or [K,M] when `transA`), B is [K,N] (or [N,K] when `transB`).
@inline(__always)
func gemm(
  _ c: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
  m: Int, n: Int, k: Int, transA: Bool = false, transB: Bool = false,
  alpha: Float = 1, beta: Float = 0
) {
  cblas_sgemm(
    CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
    Int32(m), Int32(n), Int32(k), alpha,
    a, Int32(transA ? m : k), b, Int32(transB ? k : n), beta, c, Int32(n))
}

/// The textbook triple loop with the same contract as `gemm`; for tests only.
public func gemmNaive(
  a: [Float], b: [Float], c: [Float], m: Int, n: Int, k: Int,
  transA: Bool = false, transB: Bool = false, alpha: Float = 1, beta: Float = 0
) -> [Float] {
  var out = c
  for i in 0..<m {
    for j in 0..<n {
      var acc: Float = 0
      for p in 0..<k {
        let av = transA ? a[p * m + i] : a[i * k + p]
        let bv = transB ? b[j * k + p] : b[p * n + j]
        acc += av * bv
      }
      out[i * n + j] = alpha * acc + beta * out[i * n + j]
    }
  }
  return out
}

/// The BLAS-backed `gemm` on arrays, for tests against `gemmNaive`.
public func gemmBLAS(
  a: [Float], b: [Float], c: [Float], m: Int, n: Int, k: Int,
  transA: Bool = false, transB: Bool = false, alpha: Float = 1, beta: Float = 0
) -> [Float] {
  var out = c
  out.withUnsafeMutableBufferPointer { o in
    gemm(o.baseAddress!, a, b, m: m, n: n, k: k, transA: transA, transB: transB, alpha: alpha, beta: beta)
  }
  return out
}

/// Threads OpenBLAS may use (1 or 2 on this machine kind); part of a run's record.
public enum BLASThreads {
  public static var count: Int { Int(openblas_get_num_threads()) }
  public static func set(_ n: Int) { openblas_set_num_threads(Int32(n)) }
  public static var config: String { String(cString: openblas_get_config()) }
}
