// OpenBLAS is loaded on first use (OpenBLAS.swift): it must be found, answer for itself, and
// have been given the short idle spin unless the environment already chose one.
import Testing

@testable import Tensor

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct OpenBLASTests {
  @Test func loadsOnFirstUseWithAShortSpin() {
    #expect(BLASThreads.count >= 1)
    #expect(BLASThreads.config.contains("OpenBLAS"), "config: \(BLASThreads.config)")
    let spin = getenv("OPENBLAS_THREAD_TIMEOUT").map { String(cString: $0) }
    #expect(spin != nil, "OPENBLAS_THREAD_TIMEOUT is set before OpenBLAS loads")
  }

  @Test func productsGoThroughTheLoadedLibrary() {
    // 2x3 . 3x2 through cblas_sgemm, against the triple loop.
    let a: [Float] = [1, 2, 3, 4, 5, 6], b: [Float] = [7, 8, 9, 10, 11, 12]
    #expect(gemmBLAS(a: a, b: b, c: [0, 0, 0, 0], m: 2, n: 2, k: 3) == [58, 64, 139, 154])
  }
}
