// Keeping freed memory in the process. Every op allocates its output and every backward pass
// its gradients; with glibc's defaults, large blocks are returned to the kernel when freed and
// the next step faults fresh zeroed pages back in (measured: a quarter of the Transformer
// benchmark's step time went to page faults and page clearing). Raising the trim and mmap
// thresholds lets malloc reuse those blocks, which is what PyTorch's caching allocator
// achieves on its side. Process-wide, so it is opt-in: the trainer and the benchmark call it.
#if canImport(Glibc)
  import Glibc
#endif

/// Process-wide allocator settings for training.
public enum Memory {
  /// Asks malloc to keep freed blocks for reuse instead of returning them to the kernel.
  /// Idempotent; a no-op where the C library has no `mallopt`.
  public static func keepFreedBlocks() {
    #if canImport(Glibc)
      // <malloc.h> is not part of Swift's Glibc module, so look mallopt up at run time.
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      guard let symbol = dlsym(nil, "mallopt") else { return }
      let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
      let (trimThreshold, topPad, mmapThreshold): (Int32, Int32, Int32) = (-1, -2, -3)  // M_* in malloc.h
      _ = mallopt(mmapThreshold, 32 << 20)  // glibc's maximum; larger blocks still use mmap
      _ = mallopt(trimThreshold, 1 << 30)
      _ = mallopt(topPad, 64 << 20)
    #endif
  }
}
