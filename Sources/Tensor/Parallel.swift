// Splitting the engine's own loops across the BLAS threads. sgemm already runs on every
// thread it is given; the copies around it (im2col, col2im) would otherwise run on one, and
// at two threads they were as long as the products themselves in the CNN step.
import Dispatch

/// Calls `body` on contiguous chunks of 0..<count, one chunk per BLAS thread, in parallel
/// when there is more than one thread and `work` (elements touched) is worth a hand-off;
/// `body` gets its chunk and the chunk's index (for per-thread scratch).
@inline(__always)
func parallelChunks(_ count: Int, work: Int, _ body: (Range<Int>, Int) -> Void) {
  let threads = Swift.min(BLASThreads.count, count)
  guard threads > 1, work >= 1 << 16 else { return body(0..<count, 0) }
  // The chunks touch disjoint memory (the callers' contract), which the compiler cannot see.
  withoutActuallyEscaping(body) { body in
    let chunk = UncheckedSendable(body)
    DispatchQueue.concurrentPerform(iterations: threads) { t in chunk.value((t * count / threads)..<((t + 1) * count / threads), t) }
  }
}

/// A value handed to other threads under the caller's guarantee that they do not race.
struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
