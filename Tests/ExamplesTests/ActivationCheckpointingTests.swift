// Activation checkpointing's mechanism on the workload's residual CNN: the same loss and
// gradients as the plain network, batch norm's running statistics updated once per step, and
// an autodiff graph that holds less.
import Examples
import Tensor
import Testing
import Training

@Suite struct ActivationCheckpointingTests {
  func cnn() -> ResidualCNN {
    var rng = RNG(seed: 1)
    return ResidualCNN(inChannels: 1, widths: [4, 8, 8], classes: 10, rng: &rng)
  }

  let batch = Dataset.syntheticDigits(count: 16, seed: 3).batch(Array(0..<16)[...])

  @Test func gradientsAndRunningStatisticsMatchThePlainNetwork() {
    let plain = cnn(), checkpointed = cnn()
    checkpointed.blockRunner = checkpointedBlock
    let plainLoss = plain(batch.inputs).softmaxCrossEntropy(targets: batch.targets)
    let loss = checkpointed(batch.inputs).softmaxCrossEntropy(targets: batch.targets)
    #expect(loss.item == plainLoss.item)
    plainLoss.backward()
    loss.backward()
    for (c, p) in zip(checkpointed.parameters, plain.parameters) {
      let scale = p.tensor.grad!.map(abs).max()!
      #expect(zip(c.tensor.grad!, p.tensor.grad!).allSatisfy { abs($0 - $1) <= 1e-5 * max(scale, 1e-3) }, "\(c.name)")
    }
    // The recomputation in backward did not move the running statistics a second time.
    for (c, p) in zip(checkpointed.buffers, plain.buffers) { #expect(c.tensor.data == p.tensor.data, "\(c.name)") }
  }

  @Test func theGraphHoldsLessThanThePlainNetworks() {
    let plain = cnn(), checkpointed = cnn()
    checkpointed.blockRunner = checkpointedBlock
    let plainBytes = plain(batch.inputs).graphActivationBytes
    let bytes = checkpointed(batch.inputs).graphActivationBytes
    // Each block keeps its output only, instead of six to eight intermediate tensors.
    #expect(bytes * 2 < plainBytes, "checkpointed \(bytes) vs plain \(plainBytes) bytes")
  }

  @Test func theAlgorithmSwitchesTheModelOverAtInitialization() throws {
    let technique = try #require(Examples.all["activation-checkpointing"])
    let state = technique.makeState(seed: 1, recipe: technique.workload.baseline)
    let model = try #require(state.model as? ResidualCNN)
    #expect(model.blockRunner == nil)
    ActivationCheckpointing().apply(.initialize, state)
    #expect(model.blockRunner != nil)
    let records = smokeRun("activation-checkpointing")
    #expect(records.allSatisfy { !$0.diverged })
    #expect((records[1].trace["activation-checkpointing/initialize"] ?? 0) == 1)
  }
}
