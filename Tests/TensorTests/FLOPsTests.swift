// FLOP counting (FLOPs.swift): matmul and conv counts follow 2MNK forward and 2MNK per input
// gradient backward, counting happens only inside a scope, and a whole MLP step adds up.
import Tensor
import Testing

@Suite struct FLOPsTests {
  @Test func matmulCountsForwardAndBackward() {
    let a = randomTensor([4, 3], seed: 1), b = randomTensor([3, 5], seed: 2)
    let counter = FLOPCounter()
    Tensor.countingFLOPs(counter) { a.matmul(b).sum().backward() }
    #expect(counter.forward["matmul"] == 2 * 4 * 5 * 3)
    #expect(counter.backward["matmul"] == 2 * (2 * 4 * 5 * 3))
    #expect(counter.forward["sum"] == 20)
    // Outside the scope nothing is counted.
    _ = a.matmul(b)
    #expect(counter.forward["matmul"] == 120)
  }

  @Test func conv2dCountsTheImplicitGEMM() {
    // [1,2,5,5] * [3,2,3,3], padding 1: output 3x5x5; each output does 2*3*3 multiply-adds.
    let x = Tensor(zeros: [1, 2, 5, 5]), w = randomTensor([3, 2, 3, 3], seed: 3)
    let counter = FLOPCounter()
    Tensor.countingFLOPs(counter) { x.conv2d(w, padding: 1).sum().backward() }
    #expect(counter.forward["conv2d"] == 2 * 75 * 18)
    #expect(counter.backward["conv2d"] == 2 * 75 * 18)  // weight only: x needs no gradient
  }

  @Test func mlpStepTotals() {
    // 8 x (64 -> 32 -> 10): matmuls 2*8*(64*32 + 32*10) forward; the first layer's input needs
    // no gradient, so backward is that twice minus the first layer's input gradient.
    let x = Tensor(zeros: [8, 64])
    let w1 = randomTensor([64, 32], seed: 4), w2 = randomTensor([32, 10], seed: 5)
    let counter = FLOPCounter()
    Tensor.countingFLOPs(counter) {
      x.matmul(w1).relu().matmul(w2).crossEntropy(labels: Array(repeating: 1, count: 8)).backward()
    }
    let fwd = 2 * 8 * (64 * 32 + 32 * 10)
    #expect(counter.forward["matmul"] == fwd)
    #expect(counter.backward["matmul"] == 2 * fwd - 2 * 8 * 64 * 32)
    #expect(counter.total > counter.forward["matmul"]! + counter.backward["matmul"]!)
  }
}
