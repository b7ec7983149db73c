// Layers and models: output shapes, parameter names and counts, and mode behaviour.
import Tensor
import Testing
import Training

@Suite struct LayerTests {
  @Test func conv2dShapes() {
    var rng = RNG(seed: 1)
    let conv = Conv2d(3, 8, kernel: 3, stride: 2, padding: 1, name: "c", rng: &rng)
    #expect(conv(Tensor(zeros: [2, 3, 9, 9])).shape == [2, 8, 5, 5])
    #expect(conv.parameters.map(\.name) == ["c.weight", "c.bias"])
    #expect(Conv2d(3, 8, kernel: 1, bias: false, name: "p", rng: &rng).parameters.count == 1)
  }

  @Test func batchNormUsesRunningStatisticsInEvaluation() {
    let bn = BatchNorm(2, name: "bn")
    let x = Tensor(shape: [2, 2, 1, 1], data: [1, 10, 3, 30])
    #expect(bn(x).shape == [2, 2, 1, 1])
    #expect(bn.runningMean.data == [0.2, 2])  // 0.1 * batch means [2, 20]
    let before = bn.runningMean.data
    let y = Tensor.evaluating { bn(x) }
    #expect(bn.runningMean.data == before)
    #expect(abs(y.data[0] - (1 - 0.2) / (bn.runningVar.data[0] + 1e-5).squareRoot()) < 1e-5)
    #expect(bn.buffers.map(\.name) == ["bn.runningMean", "bn.runningVar"])
  }

  @Test func layerNormAndEmbeddingShapes() {
    var rng = RNG(seed: 2)
    #expect(LayerNorm(6, name: "ln")(Tensor(zeros: [2, 3, 6])).shape == [2, 3, 6])
    let emb = Embedding(10, 4, name: "e", rng: &rng)
    #expect(emb([1, 2, 3, 4, 5, 6], shape: [2, 3]).shape == [2, 3, 4])
  }

  @Test func residualCNNShapes() {
    var rng = RNG(seed: 3)
    let model = ResidualCNN(rng: &rng)
    let x = Tensor(shape: [2, 1, 28, 28], data: (0..<1568).map { _ in rng.normal() })
    #expect(model(x).shape == [2, 10])
    #expect(model(x.reshape([2, 784])).shape == [2, 10])
    // stem 144 + 2 BN; stage1 2 x 2304; stage2 4608 + 9216 + 512; stage3 18432 + 36864 + 2048;
    // BN weights and biases 2 x (16 + 16 + 16 + 32 + 32 + 32 + 64 + 64 + 64); head 650.
    #expect(model.parameterCount == 144 + 4608 + 14336 + 57344 + 672 + 650)
    #expect(model.buffers.count == 2 * model.parameters.filter { $0.name.contains("bn") && $0.name.hasSuffix("weight") }.count)
  }

  @Test func transformerShapesAndCausality() {
    var rng = RNG(seed: 4)
    let model = Transformer(vocab: 11, context: 8, dModel: 16, heads: 4, layers: 2, rng: &rng)
    let ids = Tensor(shape: [2, 5], data: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    let logits = model(ids)
    #expect(logits.shape == [2, 5, 11])
    #expect(model.parameters.first?.name == "tok.weight")
    #expect(model.parameters.contains { $0.name == "blocks.1.attn.qkv.weight" })
    // Changing the last token leaves the logits at earlier positions unchanged.
    let changed = Tensor(shape: [2, 5], data: [1, 2, 3, 4, 0, 6, 7, 8, 9, 0])
    let other = model(changed)
    for b in 0..<2 {
      for i in 0..<(4 * 11) { #expect(abs(other.data[b * 55 + i] - logits.data[b * 55 + i]) < 1e-6) }
    }
  }
}
