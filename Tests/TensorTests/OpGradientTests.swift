// Every differentiable op, checked against finite differences (GradientCheck.swift).
import Tensor
import Testing

@Suite struct OpGradientTests {
  let check = GradientCheck()

  @Test func matmul() {
    check.check("matmul", inputs: [randomTensor([3, 5], seed: 1), randomTensor([5, 4], seed: 2)]) {
      $0[0].matmul($0[1])
    }
  }

  @Test func addSubMulDivSameShape() {
    let a = randomTensor([2, 3], seed: 3)
    let b = randomTensor([2, 3], seed: 4, margin: 0.5)
    check.check("add", inputs: [a, b]) { $0[0] + $0[1] }
    check.check("sub", inputs: [a, b]) { $0[0] - $0[1] }
    check.check("mul", inputs: [a, b]) { $0[0] * $0[1] }
    check.check("div", inputs: [a, b]) { $0[0] / $0[1] }
  }

  @Test func broadcastBiasAndColumns() {
    // [B,N] + [N] (a bias), and [B,N] * [B,1] (a per-row factor): the two shapes layers use.
    check.check("add-bias", inputs: [randomTensor([4, 3], seed: 5), randomTensor([3], seed: 6)]) {
      $0[0] + $0[1]
    }
    check.check("mul-column", inputs: [randomTensor([4, 3], seed: 7), randomTensor([4, 1], seed: 8)]) {
      $0[0] * $0[1]
    }
    check.check("sub-leading", inputs: [randomTensor([1, 3], seed: 9), randomTensor([2, 2, 3], seed: 10)]) {
      $0[0] - $0[1]
    }
  }

  @Test func unaryOps() {
    check.check("relu", inputs: [randomTensor([3, 4], seed: 11, margin: 0.05)]) { $0[0].relu() }
    check.check("exp", inputs: [randomTensor([3, 4], seed: 12, scale: 0.5)]) { $0[0].exp() }
    check.check("tanh", inputs: [randomTensor([3, 4], seed: 13)]) { $0[0].tanh() }
    check.check("sigmoid", inputs: [randomTensor([3, 4], seed: 14)]) { $0[0].sigmoid() }
    check.check("scale", inputs: [randomTensor([3, 4], seed: 15)]) { $0[0] * 2.5 }
    check.check("neg", inputs: [randomTensor([3, 4], seed: 16)]) { -$0[0] }
    check.check("shift", inputs: [randomTensor([3, 4], seed: 25)]) { $0[0] + 0.5 }
    check.check("gelu", inputs: [randomTensor([3, 4], seed: 26, scale: 2)]) { $0[0].gelu() }
    let positive = Tensor(shape: [5], data: [0.5, 1, 2, 3, 4], requiresGrad: true)
    check.check("log", inputs: [positive]) { $0[0].log() }
  }

  @Test func reductions() {
    check.check("sum", inputs: [randomTensor([3, 4], seed: 17)]) { $0[0].sum() }
    check.check("mean", inputs: [randomTensor([3, 4], seed: 18)]) { $0[0].mean() }
  }

  @Test func softmaxCrossEntropyWithHardAndSoftTargets() {
    let hard = Tensor.oneHot([2, 0, 1], classes: 4)
    check.check("ce-hard", inputs: [randomTensor([3, 4], seed: 19)]) {
      $0[0].softmaxCrossEntropy(targets: hard)
    }
    // Soft targets (rows sum to 1, as mixup and label smoothing make them).
    let soft = Tensor(shape: [2, 3], data: [0.7, 0.2, 0.1, 0.05, 0.05, 0.9])
    check.check("ce-soft", inputs: [randomTensor([2, 3], seed: 20, scale: 3)]) {
      $0[0].softmaxCrossEntropy(targets: soft)
    }
  }

  @Test func composedMLPGraph() {
    // A tensor used twice and a two-layer chain: gradients must accumulate, not overwrite.
    let x = randomTensor([4, 3], seed: 21)
    let w1 = randomTensor([3, 5], seed: 22)
    let b1 = randomTensor([5], seed: 23)
    let w2 = randomTensor([5, 2], seed: 24)
    let y = Tensor.oneHot([0, 1, 1, 0], classes: 2)
    check.check("mlp", inputs: [x, w1, b1, w2]) { p in
      let h = (p[0].matmul(p[1]) + p[2]).tanh()
      return (h.matmul(p[3]) + h.matmul(p[3]) * 0.5).softmaxCrossEntropy(targets: y)
    }
  }
}
