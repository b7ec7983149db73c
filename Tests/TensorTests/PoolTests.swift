// Pooling (Ops/Pool.swift): values on a hand-checked image and finite-difference gradients.
// Max pooling uses inputs 0.1 apart so the h = 0.01 steps never change a window's maximum.
import Tensor
import Testing

@Suite struct PoolTests {
  let check = GradientCheck()

  @Test func valuesOnA4x4Image() {
    let x = Tensor(shape: [1, 1, 4, 4], data: (0..<16).map(Float.init))
    #expect(x.maxPool2d(kernel: 2).data == [5, 7, 13, 15])
    #expect(x.avgPool2d(kernel: 2).data == [2.5, 4.5, 10.5, 12.5])
    #expect(x.maxPool2d(kernel: 3, stride: 2, padding: 1).data == [5, 7, 13, 15])
    #expect(x.globalAvgPool().shape == [1, 1])
    #expect(x.globalAvgPool().data == [7.5])
  }

  @Test func gradients() {
    check.check("maxPool2d", inputs: [distinctTensor([2, 2, 4, 4], seed: 1)]) { $0[0].maxPool2d(kernel: 2) }
    check.check("maxPool2d-padded", inputs: [distinctTensor([1, 2, 5, 5], seed: 2)]) {
      $0[0].maxPool2d(kernel: 3, stride: 2, padding: 1)
    }
    check.check("avgPool2d", inputs: [randomTensor([2, 2, 4, 6], seed: 3)]) { $0[0].avgPool2d(kernel: 2) }
    check.check("globalAvgPool", inputs: [randomTensor([2, 3, 3, 3], seed: 4)]) { $0[0].globalAvgPool() }
  }
}
