// The one door to OpenBLAS: every matrix product in the engine goes through `gemm`.
// `gemmNaive` is the readable reference the tests hold the fast path to (llm.c keeps one too).
// A benchmark can record the GEMM shapes a training step issues (`recordingGEMMs`) and time
// those same calls alone (`timeGEMMs`), which gives the step's BLAS ceiling.
import Foundation

/// C[M,N] = alpha * op(A) * op(B) + beta * C, all row-major; op(X) is X or its transpose.
/// A is [M,K] (or [K,M] when `transA`), B is [K,N] (or [N,K] when `transB`).
@inline(__always)
func gemm(
  _ c: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
  m: Int, n: Int, k: Int, transA: Bool = false, transB: Bool = false,
  alpha: Float = 1, beta: Float = 0
) {
  if let r = Tensor.gemmRecorder { r.shapes.append(GEMMShape(m: m, n: n, k: k, transA: transA, transB: transB)) }
  OpenBLAS.shared.sgemm(
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
  public static var count: Int { Int(OpenBLAS.shared.getNumThreads()) }

  /// Sets the thread count, after starting OpenBLAS's thread pool once per process.
  ///
  /// Why: measured with OpenBLAS 0.3.21 (pthreads, Zen) on a 2-vCPU VM, a process whose first
  /// sgemm ran on one thread kept running single-threaded sgemm 2-3x slower (MLP step 39 ms,
  /// 9 GFLOP/s) than a process that had run one multithreaded sgemm first (14 ms, 24 GFLOP/s),
  /// pinned to one core or not. The cause inside OpenBLAS is not known; one 2-thread product
  /// at start-up avoids it.
  public static func set(_ n: Int) {
    _ = warmUp
    OpenBLAS.shared.setNumThreads(Int32(n))
  }

  private static let warmUp: Void = {
    let threads = OpenBLAS.shared.getNumThreads()
    OpenBLAS.shared.setNumThreads(Swift.max(2, threads))
    let a = [Float](repeating: 1, count: 256 * 256)
    var c = [Float](repeating: 0, count: 256 * 256)
    c.withUnsafeMutableBufferPointer { gemm($0.baseAddress!, a, a, m: 256, n: 256, k: 256) }
    OpenBLAS.shared.setNumThreads(threads)
  }()
  public static var config: String { OpenBLAS.shared.getConfig().map { String(cString: $0) } ?? "unknown" }

  /// Runs `body` with OpenBLAS on one thread, so that several of the engine's threads can each
  /// run their own products side by side. Nested and concurrent uses share one hold; the
  /// last to finish restores the thread count. (Measured here, two threads each running
  /// single-threaded 256x784x256 products reach 62-64 GFLOP/s together, against 46 for
  /// OpenBLAS's own two threads on one product at a time and 34-36 for one thread.)
  static func heldToOneThread<R>(_ body: () -> R) -> R {
    _ = warmUp
    hold.lock()
    if holders == 0 {
      threadsBeforeHold = OpenBLAS.shared.getNumThreads()
      OpenBLAS.shared.setNumThreads(1)
    }
    holders += 1
    hold.unlock()
    defer {
      hold.lock()
      holders -= 1
      if holders == 0 { OpenBLAS.shared.setNumThreads(threadsBeforeHold) }
      hold.unlock()
    }
    return body()
  }

  private static let hold = NSLock()
  nonisolated(unsafe) private static var holders = 0
  nonisolated(unsafe) private static var threadsBeforeHold: Int32 = 1
}

/// The dimensions of one sgemm call: C[M,N] = op(A) op(B) with inner dimension K.
public struct GEMMShape: Hashable, Sendable, Codable {
  public var m: Int, n: Int, k: Int, transA: Bool, transB: Bool
  public init(m: Int, n: Int, k: Int, transA: Bool = false, transB: Bool = false) {
    (self.m, self.n, self.k, self.transA, self.transB) = (m, n, k, transA, transB)
  }
  /// 2MNK.
  public var flops: Int { 2 * m * n * k }
}

/// Collects the shapes of the sgemm calls made inside `Tensor.recordingGEMMs`.
public final class GEMMRecorder: @unchecked Sendable {
  public internal(set) var shapes: [GEMMShape] = []
  public init() {}
}

extension Tensor {
  @TaskLocal static var gemmRecorder: GEMMRecorder?

  /// Runs `body` and appends the shape of every sgemm call it makes to `recorder`.
  public static func recordingGEMMs<R>(_ recorder: GEMMRecorder, _ body: () throws -> R) rethrows -> R {
    try $gemmRecorder.withValue(recorder) { try body() }
  }
}

/// Records products that an op runs on other threads (see `eachThreadCallingBLAS`), where
/// the task-local recorder is not visible; called on the op's own thread.
func noteGEMMs(_ shapes: @autoclosure () -> [GEMMShape]) {
  if let r = Tensor.gemmRecorder { r.shapes += shapes() }
}

/// Seconds to run every call in `shapes` once, as plain sgemm on preallocated buffers
/// (beta = 1 for all, as the engine's gradient accumulation mostly does). The best of
/// `rounds` rounds after one warm-up round, so a burst of load on the machine counts less.
public func timeGEMMs(_ shapes: [GEMMShape], rounds: Int = 5) -> Double {
  let buffers = shapes.map { s in
    ([Float](repeating: 0.5, count: s.m * s.k), [Float](repeating: 0.25, count: s.k * s.n),
     [Float](repeating: 0, count: s.m * s.n))
  }
  var c = buffers.map(\.2)
  var best = Double.infinity
  for round in 0...rounds {
    let start = ContinuousClock.now
    for (i, s) in shapes.enumerated() {
      c[i].withUnsafeMutableBufferPointer { cv in
        gemm(cv.baseAddress!, buffers[i].0, buffers[i].1, m: s.m, n: s.n, k: s.k, transA: s.transA, transB: s.transB, beta: 1)
      }
    }
    let d = start.duration(to: .now)
    let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    if round > 0 { best = min(best, seconds) }
  }
  return best
}
