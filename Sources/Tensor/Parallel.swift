// Splitting the engine's own loops across threads. sgemm runs on every thread BLAS is given;
// the loops around it would otherwise run on one. ReLU, GELU, softmax and layer norm split by
// elements or rows, batch norm by channels. Convolution splits its image groups, bmm its
// batch entries and matmul its rows: each thread runs its share's products on a
// single-threaded sgemm (`eachThreadCallingBLAS`), which took the CNN step at two threads
// from 380-400 ms to about 217. Measured here with OpenBLAS 0.3.21, two concurrent
// single-threaded products run 1.8x as fast as one; OpenBLAS's own two threads gain little on
// small products.
import Dispatch

extension Tensor {
  /// Threads for the engine's own loops; nil (the default) means as many as BLAS uses. Task-
  /// local, so a test can pin it without changing OpenBLAS's process-wide setting while other
  /// work is running.
  @TaskLocal public static var loopThreads: Int?

  /// The thread count the engine's loops use now. Callers read it once per op and size any
  /// per-thread scratch with the same number they pass to `parallelChunks`.
  static var loopThreadCount: Int { Swift.max(1, loopThreads ?? BLASThreads.count) }
}

/// Calls `body` on contiguous chunks of 0..<count, one chunk per thread (at most `threads`),
/// in parallel when there is more than one and `work` (elements touched) is worth a hand-off;
/// `body` gets its chunk and the chunk's index (< threads, for per-thread scratch).
@inline(__always)
func parallelChunks(_ count: Int, threads: Int, work: Int, _ body: (Range<Int>, Int) -> Void) {
  let chunks = Swift.min(threads, count)
  guard chunks > 1, work >= 1 << 16 else { return body(0..<count, 0) }
  // The chunks touch disjoint memory (the callers' contract), which the compiler cannot see.
  withoutActuallyEscaping(body) { body in
    let chunk = UncheckedSendable(body)
    DispatchQueue.concurrentPerform(iterations: chunks) { t in chunk.value(share(of: t, among: chunks, count), t) }
  }
}

/// Chunk `t` of `0..<count` cut into `chunks` contiguous, near-equal ranges.
@inline(__always)
func share(of t: Int, among chunks: Int, _ count: Int) -> Range<Int> {
  (t * count / chunks)..<((t + 1) * count / chunks)
}

/// Calls `body(t)` for every t in 0..<threads, each on its own thread, where `body` may call
/// `gemm`: OpenBLAS is held to one thread meanwhile, so the products run side by side instead
/// of queueing for OpenBLAS's own pool. The task-local GEMM recorder is unbound inside (other
/// threads cannot see it); the caller records the shapes with `noteGEMMs`.
func eachThreadCallingBLAS(_ threads: Int, _ body: (Int) -> Void) {
  // Held on one thread as well, so a product gives the same bits on any thread count
  // (OpenBLAS's threads split a product into blocks with different edge kernels).
  Tensor.$gemmRecorder.withValue(nil) {
    BLASThreads.heldToOneThread {
      guard threads > 1 else { return body(0) }
      withoutActuallyEscaping(body) { body in
        let each = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: threads) { each.value($0) }
      }
    }
  }
}

/// Shares 0..<count among the engine's threads (at most `count` of them), one contiguous range
/// each, through `eachThreadCallingBLAS`: `body` may call `gemm`, single-threaded.
func shareCallingBLAS(_ count: Int, _ body: (Range<Int>) -> Void) {
  let threads = Swift.max(1, Swift.min(Tensor.loopThreadCount, count))
  eachThreadCallingBLAS(threads) { t in body(share(of: t, among: threads, count)) }
}

/// A value handed to other threads under the caller's guarantee that they do not race.
struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
