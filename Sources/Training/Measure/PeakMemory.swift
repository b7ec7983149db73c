// Peak memory of a piece of work: how far the process's resident memory rose above where it
// stood when the work began. Linux keeps a resettable high-water mark of resident memory
// (VmHWM in /proc/self/status, reset by writing 5 to /proc/self/clear_refs); before resetting
// it, malloc hands its cached free pages back to the kernel, so memory an earlier piece of work
// freed is not counted against this one. The number covers everything the process touches
// (tensors, gradients, optimizer state, BLAS and im2col scratch), at page granularity.
// Elsewhere (macOS) there is no resettable mark and the measurement is nil.
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The rise of resident memory during a piece of work.
public enum PeakMemory {
  /// Runs `body` and returns the peak resident memory during it minus the resident memory at its
  /// start, in bytes; nil where the operating system offers no resettable high-water mark.
  public static func measure(_ body: () throws -> Void) rethrows -> Int? {
    #if os(Linux)
      releaseFreeMemory()
      guard let start = status("VmRSS"), resetHighWaterMark() else {
        try body()
        return nil
      }
      try body()
      guard let peak = status("VmHWM") else { return nil }
      return max(0, peak - start)
    #else
      try body()
      return nil
    #endif
  }

  #if os(Linux)
    /// A "Vm..." line of /proc/self/status, in bytes.
    static func status(_ field: String) -> Int? {
      guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
      for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        // "VmRSS:\t   13588 kB"
        let kB = line.dropFirst(field.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Int($0) }
        return kB.map { $0 * 1024 }
      }
      return nil
    }

    /// Sets the high-water mark to the current resident size (Linux 4.0 and later).
    static func resetHighWaterMark() -> Bool {
      guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
      defer { try? handle.close() }
      return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    /// Returns malloc's free pages to the kernel (malloc_trim, looked up at run time because
    /// <malloc.h> is not part of Swift's Glibc module).
    static func releaseFreeMemory() {
      typealias MallocTrim = @convention(c) (Int) -> Int32
      guard let symbol = dlsym(nil, "malloc_trim") else { return }
      _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
    }
  #endif
}
