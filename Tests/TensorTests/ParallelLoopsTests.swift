// The engine's own loops split across threads (ReLU, GELU, softmax, layer norm, batch norm,
// matmul's rows, bmm's batch entries) compute every element exactly as one thread does, so
// two threads must give identical results, forward and backward. Sizes are above the
// hand-off threshold, so the split really happens.
import Testing

@testable import Tensor

@Suite struct ParallelLoopsTests {
  func run(threads: Int, _ op: (Tensor) -> Tensor, shape: [Int]) -> [[Float]] {
    Tensor.$loopThreads.withValue(threads) {
      let x = randomTensor(shape, seed: 5)
      let y = op(x)
      (y * randomTensor(y.shape, seed: 6).detached()).sum().backward()
      return [y.data, x.grad!]
    }
  }

  @Test func splitLoopsMatchOneThread() {
    let weight = randomTensor([64], seed: 7), bias = randomTensor([64], seed: 8)
    let weight16 = randomTensor([16], seed: 9), bias16 = randomTensor([16], seed: 10)
    func zeros16() -> Tensor { Tensor(shape: [16], data: [Float](repeating: 0, count: 16)) }
    let ops: [(String, (Tensor) -> Tensor, [Int])] = [
      ("gelu", { $0.gelu() }, [64, 1100]),
      ("softmax", { $0.softmax() }, [40, 33, 64]),
      ("causal softmax", { $0.softmax(causal: true) }, [8, 2, 64, 64]),
      ("layer norm", { $0.layerNorm(weight: weight, bias: bias) }, [30, 40, 64]),
      ("batch norm", { $0.batchNorm(weight: weight16, bias: bias16, runningMean: zeros16(), runningVar: zeros16(), training: true) }, [16, 16, 16, 16]),
      ("relu", { $0.relu() }, [64, 1100]),
      ("bmm", { $0.bmm($0) }, [5, 16, 16]),
      ("bmm transposed", { $0.bmm($0, transposeB: true, alpha: 0.5) }, [6, 16, 8]),
    ]
    for (name, op, shape) in ops {
      #expect(run(threads: 2, op, shape: shape) == run(threads: 1, op, shape: shape), "\(name) differs between one and two threads")
    }
  }

  @Test func bmmRecordsEachProductOnce() {
    // Batch entries run on other threads, where the task-local recorder is not visible; bmm
    // records them on its own thread. Forward and both gradients: three products per entry.
    for threads in [1, 2] {
      let recorder = GEMMRecorder()
      Tensor.recordingGEMMs(recorder) {
        Tensor.$loopThreads.withValue(threads) {
          let a = randomTensor([5, 16, 8], seed: 1), b = randomTensor([5, 8, 12], seed: 2)
          a.bmm(b).sum().backward()
        }
      }
      let recorded = recorder.shapes.map(\.flops).reduce(0, +), expected = 3 * 5 * 2 * 16 * 8 * 12
      #expect(recorder.shapes.count == 15 && recorded == expected, "\(threads) threads")
    }
  }

  @Test func matmulMatchesOneThread() {
    // 600 rows and 160 columns: the product and the input gradient split by rows, the weight
    // gradient by columns, each block a whole single-threaded product.
    func run(threads: Int) -> [[Float]] {
      Tensor.$loopThreads.withValue(threads) {
        let x = randomTensor([600, 64], seed: 1), w = randomTensor([64, 160], seed: 2)
        let y = x.matmul(w)
        (y * randomTensor(y.shape, seed: 3).detached()).sum().backward()
        return [y.data, x.grad!, w.grad!]
      }
    }
    let (one, two) = (run(threads: 1), run(threads: 2))
    for (name, (a, b)) in zip(["output", "dx", "dweight"], zip(two, one)) { #expect(a == b, "matmul \(name) differs between one and two threads") }
  }
}
