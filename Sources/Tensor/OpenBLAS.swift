// OpenBLAS, loaded on first use instead of linked. Two reasons, both measured on this machine
// kind (2 cores, OpenBLAS 0.3.21):
// - OpenBLAS reads how long its idle threads spin (OPENBLAS_THREAD_TIMEOUT) only when it is
//   loaded. By default they spin for about 0.1 s after every product, on the cores the engine's
//   own threads need next: the Transformer step at two threads took 282-304 ms by default and
//   262-264 ms with the shortest spin; the MLP and CNN steps did not change. Loading OpenBLAS
//   ourselves lets us set the short spin first, unless the user has chosen one.
// - Loading OpenBLAS costs about 2 ms and starts a spinning thread; the knowledge-base
//   commands never multiply a matrix.
// No header either: the few CBLAS constants below are fixed by the CBLAS standard.
#if canImport(Glibc)
  import Glibc
#endif

/// CBLAS's layout and transpose arguments (C enums, passed as int).
let CblasRowMajor: Int32 = 101
let CblasNoTrans: Int32 = 111
let CblasTrans: Int32 = 112

/// The four OpenBLAS entry points the engine uses, resolved once.
struct OpenBLAS: @unchecked Sendable {
  /// cblas_sgemm(layout, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc), with
  /// OpenBLAS's 32-bit integers (the 64-bit build is a different library, libopenblas64).
  typealias SGEMM = @convention(c) (
    Int32, Int32, Int32, Int32, Int32, Int32,
    Float, UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32
  ) -> Void

  let sgemm: SGEMM
  let getNumThreads: @convention(c) () -> Int32
  let setNumThreads: @convention(c) (Int32) -> Void
  let getConfig: @convention(c) () -> UnsafeMutablePointer<CChar>?

  /// The library, loaded on first use; stops the process with a hint when it is missing.
  static let shared: OpenBLAS = {
    // Before loading: OpenBLAS reads its environment once, in its initialiser. Only this first
    // call sets a variable, so concurrent readers of the environment stay safe (glibc keeps
    // the previous array alive).
    setenv("OPENBLAS_THREAD_TIMEOUT", "4", 0)
    let names = ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"]
    guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
      fatalError("OpenBLAS not found (tried \(names.joined(separator: ", "))); install it: apt-get install libopenblas-dev")
    }
    func symbol<T>(_ name: String, as type: T.Type) -> T {
      guard let address = dlsym(handle, name) else { fatalError("OpenBLAS has no \(name); it is too old or not OpenBLAS") }
      return unsafeBitCast(address, to: type)
    }
    return OpenBLAS(
      sgemm: symbol("cblas_sgemm", as: SGEMM.self),
      getNumThreads: symbol("openblas_get_num_threads", as: (@convention(c) () -> Int32).self),
      setNumThreads: symbol("openblas_set_num_threads", as: (@convention(c) (Int32) -> Void).self),
      getConfig: symbol("openblas_get_config", as: (@convention(c) () -> UnsafeMutablePointer<CChar>?).self))
  }()
}
