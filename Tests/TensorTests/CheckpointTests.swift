// Activation checkpointing (Checkpoint.swift): the checkpointed segment gives the same values
// and gradients as the plain one, finite differences agree, the graph holds only the
// segment's input, and recomputation leaves state-updating layers alone.
import Tensor
import Testing

@Suite struct CheckpointTests {
  /// A two-layer segment with a nonlinearity, so recomputation has real work to redo.
  func segment(_ w1: Tensor, _ w2: Tensor) -> (Tensor) -> Tensor {
    { x in (x.matmul(w1).tanh()).matmul(w2).tanh() }
  }

  @Test func gradientsEqualThoseOfThePlainSegment() {
    let x = randomTensor([4, 3], seed: 1), w1 = randomTensor([3, 5], seed: 2), w2 = randomTensor([5, 2], seed: 3)
    let f = segment(w1, w2)
    let plain = f(x).sum()
    plain.backward()
    let expected = [x, w1, w2].map { $0.grad! }
    for t in [x, w1, w2] { t.zeroGrad() }
    let checkpointed = Tensor.checkpoint(x, parameters: [w1, w2], f).sum()
    #expect(checkpointed.item == plain.item)
    checkpointed.backward()
    for (t, g) in zip([x, w1, w2], expected) { expectClose(t.grad!, g, tol: 1e-6, "gradient") }
  }

  @Test func finiteDifferencesAgree() {
    let w1 = randomTensor([3, 5], seed: 2), w2 = randomTensor([5, 2], seed: 3)
    GradientCheck().check("checkpoint", inputs: [randomTensor([4, 3], seed: 1), w1, w2]) {
      Tensor.checkpoint($0[0], parameters: [$0[1], $0[2]], segment($0[1], $0[2]))
    }
  }

  @Test func theGraphKeepsOnlyTheSegmentsInput() {
    let x = randomTensor([8, 16], seed: 1), w1 = randomTensor([16, 64], seed: 2), w2 = randomTensor([64, 16], seed: 3)
    let plain = segment(w1, w2)(x)
    let checkpointed = Tensor.checkpoint(x, parameters: [w1, w2], segment(w1, w2))
    // Plain: x·w1 [8,64], tanh [8,64], ·w2 [8,16], tanh [8,16]; checkpointed: the output only.
    #expect(plain.graphActivationBytes == (8 * 64 * 2 + 8 * 16 * 2) * 4)
    #expect(checkpointed.graphActivationBytes == 8 * 16 * 4)
  }

  @Test func gradientReachesParametersEvenWhenTheInputNeedsNone() {
    let x = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6]), w = randomTensor([3, 2], seed: 4)
    Tensor.checkpoint(x, parameters: [w]) { $0.matmul(w) }.sum().backward()
    // d sum(x·w) / dw[i][j] = sum over rows of x[:, i].
    expectClose(w.grad!, [5, 5, 7, 7, 9, 9], "dw")
    #expect(x.grad == nil)
  }

  @Test func recomputationIsFlaggedAndUsesTheForwardPassMode() {
    var seen: [(recomputing: Bool, training: Bool)] = []
    let x = randomTensor([2, 2], seed: 5)
    let y = Tensor.$isTraining.withValue(true) {
      Tensor.checkpoint(x, parameters: []) { t in
        seen.append((Tensor.isRecomputing, Tensor.isTraining))
        return t * 2
      }
    }
    Tensor.$isTraining.withValue(false) { y.sum().backward() }
    #expect(seen.map(\.recomputing) == [false, true])
    #expect(seen.map(\.training) == [true, true])
    expectClose(x.grad!, [2, 2, 2, 2], "dx")
  }

  @Test func withoutGradModeItIsThePlainSegment() {
    let x = randomTensor([2, 2], seed: 6)
    let y = Tensor.noGrad { Tensor.checkpoint(x, parameters: []) { $0 * 3 } }
    #expect(y.op != "checkpoint" && !y.requiresGrad)
  }
}
