// Splitting the engine's own loops across threads. sgemm already runs on every thread BLAS is
// given; the loops around it would otherwise run on one. Measured at two threads: im2col and
// col2im split by images, about 4% of the CNN step; GELU, softmax and layer norm split by
// elements or rows, within the noise of the Transformer step (304-344 ms per step either way,
// where OpenBLAS's idle threads spin on the same two cores). Batch norm stays on one thread.
// Splitting the products themselves over our threads, with OpenBLAS on one, was slower:
// Debian's pthreads OpenBLAS runs concurrent calls no faster than one after another.
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
    DispatchQueue.concurrentPerform(iterations: chunks) { t in chunk.value((t * count / chunks)..<((t + 1) * count / chunks), t) }
  }
}

/// A value handed to other threads under the caller's guarantee that they do not race.
struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
