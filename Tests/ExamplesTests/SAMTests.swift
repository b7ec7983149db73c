// SAM's mechanism: the ascent step has length rho along the gradient; the second pass returns
// the gradient at w + e and restores the weights and batch-norm statistics bit for bit; the
// algorithm hands that gradient to the optimizer; a SAM step's counted FLOPs are twice a
// plain step's.
import Examples
import Tensor
import Testing
import Training

@Suite struct SAMTests {
  @Test func perturbationHasLengthRhoAlongTheGradient() {
    let e = samPerturbation([[3, 0], [4]], rho: 0.05)
    #expect(abs(e[0][0] - 0.03) < 1e-7 && e[0][1] == 0 && abs(e[1][0] - 0.04) < 1e-7)
  }

  /// A batch for the fashion-cnn model on 8x8 synthetic images.
  func batch(_ n: Int = 16) -> (Tensor, Tensor) {
    let data = syntheticSplits(featureCount: 64).train
    let b = data.batch(Array(0..<n)[...])
    return (b.inputs, b.targets)
  }

  func gradients(_ model: any Model) -> [[Float]] { model.parameters.map { $0.tensor.grad! } }

  @Test func secondPassIsTheGradientAtThePerturbedWeightsAndLeavesNoTrace() {
    let model = freshState(.fashionCNN).model
    let (x, t) = batch()
    model(x).softmaxCrossEntropy(targets: t).backward()
    let e = samPerturbation(gradients(model), rho: 0.05)
    let weights = model.parameters.map(\.tensor.data), statistics = model.buffers.map(\.tensor.data)

    let gs = gradientAtPerturbedWeights(model, inputs: x, targets: t, perturbation: e)
    #expect(model.parameters.map(\.tensor.data) == weights)
    #expect(model.buffers.map(\.tensor.data) == statistics)
    #expect(gradients(model) == gs)

    // The same gradient, computed by hand at w + e.
    for (p, d) in zip(model.parameters, e) { p.tensor.data = zip(p.tensor.data, d).map { $0 + $1 } }
    model.zeroGrad()
    model(x).softmaxCrossEntropy(targets: t).backward()
    for (a, b) in zip(gradients(model), gs) { for i in 0..<a.count { #expect(abs(a[i] - b[i]) < 1e-5) } }
  }

  @Test func algorithmReplacesTheGradientAfterBackward() {
    let state = freshState(.fashionCNN)
    (state.inputs, state.targets) = batch()
    state.model(state.inputs).softmaxCrossEntropy(targets: state.targets).backward()
    let g = gradients(state.model)
    let sam = SAM(rho: 0.05)
    #expect(sam.match(.afterBackward, state) && !sam.match(.afterLoss, state))
    sam.apply(.afterBackward, state)
    #expect(gradients(state.model) != g)
  }

  @Test func aStepCountsTheSecondPass() {
    let records = smokeRecords(Technique(slug: "sam", workload: .fashionCNN) { [SAM(rho: 0.05)] }, budget: 0.02)
    #expect(records.map(\.steps) == [8, 8])
    #expect(records[1].trace["sam/afterBackward"] == 8)
    let ratio = Double(records[1].flopsPerStep!) / Double(records[0].flopsPerStep!)
    #expect(ratio > 1.95 && ratio < 2.05)
  }
}
