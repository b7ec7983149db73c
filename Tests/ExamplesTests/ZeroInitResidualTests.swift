// Zero-init-residual's mechanism: only the last batch-norm scale of each residual branch is
// zeroed, every block then starts as its shortcut (the identity where the shapes match), and
// the zeroed scales still receive gradients so the branches can come alive.
import Examples
import Tensor
import Testing
import Training

@Suite struct ZeroInitResidualTests {
  private func images(_ n: Int, side: Int, seed: UInt64) -> Tensor {
    var rng = RNG(seed: seed)
    return Tensor(shape: [n, 1, side, side], data: (0..<(n * side * side)).map { _ in rng.normal() })
  }

  @Test func blocksStartAsTheirShortcut() {
    var rng = RNG(seed: 1)
    let model = ResidualCNN(inChannels: 1, widths: [4, 8, 8], classes: 3, rng: &rng)
    let state = TrainState(
      model: model, optimizer: SGD(model.parameters.map(\.tensor)), recipe: Recipe(learningRate: 0.1, batchSize: 2, steps: 1),
      rng: RNG(seed: 2))
    let algorithm = ZeroInitResidual()
    #expect(algorithm.match(.initialize, state) && !algorithm.match(.batchStart, state))
    algorithm.apply(.initialize, state)
    for p in model.parameters where p.name.hasSuffix(".weight") && p.name.contains("bn") {
      #expect(p.tensor.data.allSatisfy { $0 == (p.name.hasSuffix("bn2.weight") ? 0 : 1) }, "\(p.name)")
    }
    // Each block equals the same block with its branch switched off: relu(shortcut(x)).
    var x = Tensor(shape: [2, 4, 8, 8], data: (0..<512).map { Float($0 % 7) * 0.1 })  // >= 0, as after a relu
    for block in model.blocks {
      let y = block(x)
      block.branchEnabled = false
      let shortcut = block(x)
      block.branchEnabled = true
      #expect(y.data == shortcut.data)
      if block.hasIdentityShortcut { #expect(y.data == x.data) }
      x = y
    }
    // The zeroed scales get gradients (the convolutions behind them do not, this first step).
    model(images(2, side: 8, seed: 4)).sum().backward()
    for block in model.blocks {
      #expect(block.branchNorm.weight.grad!.contains { $0 != 0 })
    }
  }

  @Test func registryTechniqueTrainsTheFashionCNN() {
    let technique = Examples.all["zero-init-residual"]!
    #expect(technique.workload.name == "fashion-cnn")
    let record = techniqueRunOnSyntheticImages("zero-init-residual", steps: 4)
    #expect(record.steps == 4 && !record.diverged)
    #expect(record.trace["zero-init-residual/initialize"] == 1)
  }
}
