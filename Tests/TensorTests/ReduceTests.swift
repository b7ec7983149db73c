// Reductions along an axis (Ops/Reduce.swift): values and finite-difference gradients. max
// uses inputs whose entries are 0.1 apart, so the h = 0.01 steps never change the argmax.
import Tensor
import Testing

@Suite struct ReduceTests {
  let check = GradientCheck()

  @Test func valuesAlongEachAxis() {
    let x = Tensor(shape: [2, 3], data: [1, 5, 3, 4, 2, 6])
    #expect(x.sum(axis: 0).data == [5, 7, 9])
    #expect(x.sum(axis: 1, keepDims: true).shape == [2, 1])
    #expect(x.sum(axis: -1).data == [9, 12])
    #expect(x.mean(axis: 1).data == [3, 4])
    #expect(x.max(axis: 0).data == [4, 5, 6])
    #expect(x.max(axis: 1).data == [5, 6])
  }

  @Test func gradients() {
    check.check("sum-axis", inputs: [randomTensor([2, 3, 4], seed: 1)]) { $0[0].sum(axis: 1) }
    check.check("mean-axis", inputs: [randomTensor([2, 3, 4], seed: 2)]) { $0[0].mean(axis: 2, keepDims: true) }
    check.check("max-axis", inputs: [distinctTensor([3, 4, 2], seed: 3)]) { $0[0].max(axis: 1) }
  }
}
