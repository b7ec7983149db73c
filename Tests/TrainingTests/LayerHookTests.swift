// The layers' hooks for techniques (Linear.swift, MLP.swift, ResidualCNN.swift): a cast
// around a linear layer's product, replaceable MLP layers, residual branches that can be
// switched off or scaled in evaluation, and a frozen prefix that backward never reaches.
import Tensor
import Testing
import Training

@Suite struct LayerHookTests {
  func image(_ n: Int, _ c: Int, _ side: Int, seed: UInt64) -> Tensor {
    var rng = RNG(seed: seed)
    return Tensor(shape: [n, c, side, side], data: (0..<(n * c * side * side)).map { _ in rng.normal() })
  }

  @Test func linearCastWrapsInputWeightAndProduct() {
    var rng = RNG(seed: 1)
    let layer = Linear(3, 2, name: "fc", rng: &rng)
    let x = Tensor(shape: [2, 3], data: [0.1234, -1.777, 3.3333, 2.71828, 0.0001, -0.5555])
    let plain = layer(x)
    layer.cast = { $0.roundedToBFloat16() }
    let cast = layer(x)
    let xr = x.data.map(bfloat16Rounded), wr = layer.weight.data.map(bfloat16Rounded)
    for i in 0..<2 {
      for j in 0..<2 {
        let dot = (0..<3).reduce(Float(0)) { $0 + xr[i * 3 + $1] * wr[$1 * 2 + j] }
        #expect(abs(cast.data[i * 2 + j] - (bfloat16Rounded(dot) + layer.bias.data[j])) < 1e-6)
      }
    }
    #expect(cast.data != plain.data)
    // The weight stays float32; its gradient arrives rounded to bfloat16.
    #expect(layer.weight.data.contains { $0.bitPattern & 0xFFFF != 0 })
    cast.sum().backward()
    #expect(layer.weight.grad!.allSatisfy { $0.bitPattern & 0xFFFF == 0 })
  }

  @Test func mlpLayersCanBeReplaced() {
    var rng = RNG(seed: 2)
    let model = MLP(widths: [4, 5, 3], rng: &rng)
    let replacement = Linear(4, 5, name: "other", rng: &rng)
    model.layers[0] = replacement
    #expect(model.parameters.map(\.name) == ["other.weight", "other.bias", "fc2.weight", "fc2.bias"])
    #expect(model(Tensor(zeros: [2, 4])).shape == [2, 3])
  }

  @Test func disabledBranchIsTheShortcutAloneAndCostsNothing() {
    var rng = RNG(seed: 3)
    for (inC, outC, stride) in [(4, 4, 1), (4, 8, 2)] {
      let block = BasicBlock(inC, outC, stride: stride, name: "b", rng: &rng)
      let x = Tensor(shape: [2, inC, 6, 6], data: image(2, inC, 6, seed: 4).relu().data, requiresGrad: true)
      let full = FLOPCounter()
      Tensor.countingFLOPs(full) { block(x).sum().backward() }
      block.zeroGrad()
      block.branchEnabled = false
      let cut = FLOPCounter()
      let y = Tensor.countingFLOPs(cut) { () -> Tensor in
        let y = block(x)
        y.sum().backward()
        return y
      }
      // No convolution of the branch ran, forward or backward, and its weights got no gradient.
      #expect(cut.total < full.total)
      let branch = block.parameters.filter { !$0.name.contains("shortcut") }
      #expect(branch.allSatisfy { $0.tensor.grad == nil })
      if block.hasIdentityShortcut {
        #expect(cut.forward["conv2d"] == nil)
        #expect(y.data == x.data)  // relu(x) = x for x >= 0
      } else {
        #expect(y.shape == [2, outC, 3, 3])
      }
    }
  }

  @Test func evaluationBranchScaleScalesOnlyInEvaluation() {
    var rng = RNG(seed: 5)
    let block = BasicBlock(4, 4, stride: 1, name: "b", rng: &rng)
    let x = image(2, 4, 5, seed: 6).relu()
    let train1 = block(x)
    let eval1 = Tensor.evaluating { block(x) }
    let branch = Tensor.evaluating { () -> Tensor in
      block.branchEnabled = false
      defer { block.branchEnabled = true }
      return block(x)
    }
    #expect(branch.data == x.data)
    block.evaluationBranchScale = 0.5
    let eval2 = Tensor.evaluating { block(x) }
    // In evaluation, output = relu(0.5 * f(x) + x); recover f(x) from scale 1 where positive.
    for i in 0..<x.count where eval1.data[i] > 0 && eval2.data[i] > 0 {
      let f = eval1.data[i] - x.data[i]
      #expect(abs(eval2.data[i] - (0.5 * f + x.data[i])) < 1e-5)
    }
    #expect(eval2.data != eval1.data)
    // Training mode ignores the scale (batch statistics make repeated calls equal).
    #expect(block(x).data == train1.data)
  }

  @Test func frozenUnitsAreNotBackpropagated() {
    func run(frozen: Int) -> (model: ResidualCNN, logits: Tensor, counter: FLOPCounter) {
      var rng = RNG(seed: 7)
      let model = ResidualCNN(inChannels: 1, widths: [4, 8, 8], classes: 3, rng: &rng)
      model.frozenUnits = frozen
      let counter = FLOPCounter()
      let logits = Tensor.countingFLOPs(counter) { () -> Tensor in
        let logits = model(image(2, 1, 8, seed: 8))
        logits.sum().backward()
        return logits
      }
      return (model, logits, counter)
    }
    let full = run(frozen: 0), frozen = run(frozen: 2)
    #expect(full.model.units.count == 5)  // stem, three blocks, head
    #expect(frozen.logits.data == full.logits.data)  // the forward pass is unchanged
    #expect(frozen.counter.forwardTotal == full.counter.forwardTotal)
    #expect(frozen.counter.backwardTotal < full.counter.backwardTotal)
    for (u, unit) in frozen.model.units.enumerated() {
      #expect(unit.allSatisfy { ($0.tensor.grad == nil) == (u < 2) })
    }
  }
}
