// The importer's independent per-file work (parsing YAML, decoding result files) on every core.
import Foundation

extension Array {
  /// `transform` applied to every element, the elements spread over all cores; results in order.
  func concurrentMap<T>(_ transform: (Element) -> T?) -> [T?] {
    // Each iteration writes only its own slot, so the unsynchronized buffer is safe.
    nonisolated(unsafe) let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    withoutActuallyEscaping(transform) { transform in
      nonisolated(unsafe) let transform = transform
      self.withUnsafeBufferPointer { elements in
        nonisolated(unsafe) let elements = elements
        DispatchQueue.concurrentPerform(iterations: elements.count) { i in results[i] = transform(elements[i]) }
      }
    }
    return [T?](results)
  }
}
