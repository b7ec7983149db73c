// Behaviour of the engine outside single ops: BLAS against the naive reference, autodiff
// bookkeeping, and the RNG's determinism.
import Tensor
import Testing

@Suite struct EngineTests {
  @Test(arguments: [(1, 1, 1), (3, 5, 7), (17, 9, 33), (64, 31, 2)])
  func gemmMatchesNaiveOnOddShapes(m: Int, n: Int, k: Int) {
    var rng = RNG(seed: UInt64(m * 1000 + n * 10 + k))
    for (transA, transB) in [(false, false), (true, false), (false, true), (true, true)] {
      let a = (0..<(m * k)).map { _ in rng.normal() }
      let b = (0..<(k * n)).map { _ in rng.normal() }
      let c = (0..<(m * n)).map { _ in rng.normal() }
      let fast = gemmBLAS(a: a, b: b, c: c, m: m, n: n, k: k, transA: transA, transB: transB, alpha: 0.5, beta: 2)
      let slow = gemmNaive(a: a, b: b, c: c, m: m, n: n, k: k, transA: transA, transB: transB, alpha: 0.5, beta: 2)
      for i in fast.indices { #expect(abs(fast[i] - slow[i]) < 1e-3 * (1 + abs(slow[i]))) }
    }
  }

  @Test func gradientsAccumulateAcrossBackwardCalls() {
    let w = Tensor(shape: [2], data: [1, 2], requiresGrad: true)
    (w * 3).sum().backward()
    (w * 3).sum().backward()
    #expect(w.grad == [6, 6])
    w.zeroGrad()
    #expect(w.grad == nil)
  }

  @Test func noGradRecordsNoGraph() {
    let w = Tensor(shape: [2], data: [1, 2], requiresGrad: true)
    let y = Tensor.noGrad { (w * 3).sum() }
    #expect(!y.requiresGrad)
    #expect(y.item == 9)
  }

  @Test func rngIsDeterministicAndSplitsIndependently() {
    var a = RNG(seed: 42), b = RNG(seed: 42)
    #expect((0..<5).map { _ in a.next() } == (0..<5).map { _ in b.next() })
    var parent = RNG(seed: 1)
    var child = parent.split()
    #expect(child.next() != parent.next())
    var r = RNG(seed: 3)
    #expect(r.permutation(10).sorted() == Array(0..<10))
  }

  @Test func betaSamplesHaveTheRightMean() {
    // Beta(a, b) has mean a / (a + b); 20k draws put the sample mean within ~0.01.
    var rng = RNG(seed: 9)
    for (a, b) in [(0.2, 0.2), (2.0, 5.0)] {
      let draws = (0..<20_000).map { _ in rng.beta(a, b) }
      #expect(draws.allSatisfy { $0 >= 0 && $0 <= 1 })
      let mean = draws.reduce(0, +) / Double(draws.count)
      #expect(abs(mean - a / (a + b)) < 0.01)
    }
  }
}
