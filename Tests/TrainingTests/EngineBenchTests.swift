// The engine benchmark's bookkeeping (never its timings): one MLP step is counted with the
// expected GEMM FLOPs, and the results are internally consistent.
import Tensor
import Testing
import Training

@Suite struct EngineBenchTests {
  @Test func mlpStepCountsItsGEMMs() {
    let r = EngineBench.run(.mlp, threads: 1, steps: 1, warmup: 0)
    // Forward 2B(784*256 + 256*256 + 256*10); backward the same for weight gradients and
    // again for input gradients except the first layer's.
    let b = 256
    let forward = 2 * b * (784 * 256 + 256 * 256 + 256 * 10)
    let backward = 2 * forward - 2 * b * 784 * 256
    #expect(r.gemmFLOPs == forward + backward)
    #expect(r.flopsPerStep > r.gemmFLOPs)
    #expect(r.msPerStep > 0 && r.bestMsPerStep <= r.msPerStep)
    #expect(r.fractionOfSgemm > 0)
    #expect(r.finalLoss.isFinite)
    #expect(BLASThreads.count >= 1)
  }
}

@Suite struct EngineBenchProfileTests {
  @Test func profileNamesTheMLPOps() {
    let profile = EngineBench.profile(.mlp, threads: 1, steps: 2, warmup: 0)
    #expect(profile.stepCount == 2)
    #expect(profile.forward["matmul"] != nil && profile.backward["matmul"] != nil)
  }
}
