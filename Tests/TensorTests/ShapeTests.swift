// Shape ops (Ops/Shape.swift): values moved to the right places, and gradients by finite
// differences (GradientCheck's default tolerances: these ops are linear, so the only error is
// float rounding).
import Tensor
import Testing

@Suite struct ShapeTests {
  let check = GradientCheck()

  @Test func reshapeIsAViewWithInferredDimension() {
    let x = randomTensor([2, 3, 4], seed: 1)
    let y = x.reshape([6, -1])
    #expect(y.shape == [6, 4])
    #expect(y.data == x.data)
    check.check("reshape", inputs: [x]) { $0[0].reshape([4, 6]) }
  }

  @Test func permuteAndTransposeMoveElements() {
    let x = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6])
    #expect(x.transpose(0, 1).shape == [3, 2])
    #expect(x.transpose(0, 1).data == [1, 4, 2, 5, 3, 6])
    let z = Tensor(shape: [2, 2, 2], data: [0, 1, 2, 3, 4, 5, 6, 7])
    // y[i,j,k] = z[k,i,j]: axes [1, 2, 0].
    #expect(z.permute([1, 2, 0]).data == [0, 4, 1, 5, 2, 6, 3, 7])
    check.check("permute", inputs: [randomTensor([2, 3, 4], seed: 2)]) { $0[0].permute([2, 0, 1]) }
    check.check("transpose", inputs: [randomTensor([2, 3, 4, 2], seed: 3)]) { $0[0].transpose(1, -1) }
  }

  @Test func concatAndSliceAreInverse() {
    let a = randomTensor([2, 3, 2], seed: 4), b = randomTensor([2, 1, 2], seed: 5)
    let c = Tensor.concat([a, b], axis: 1)
    #expect(c.shape == [2, 4, 2])
    #expect(c.slice(axis: 1, 0..<3).data == a.data)
    #expect(c.slice(axis: 1, 3..<4).data == b.data)
    check.check("concat", inputs: [a, b]) { Tensor.concat([$0[0], $0[1]], axis: 1) }
    check.check("concat-last", inputs: [a, randomTensor([2, 3, 3], seed: 6)]) { Tensor.concat([$0[0], $0[1]], axis: -1) }
    check.check("slice", inputs: [randomTensor([3, 5], seed: 7)]) { $0[0].slice(axis: 1, 1..<4) }
  }

  @Test func gatherLooksUpRowsAndAccumulatesRepeats() {
    let table = randomTensor([5, 3], seed: 8)
    let y = table.gather(rows: [4, 0, 4, 2], shape: [2, 2])
    #expect(y.shape == [2, 2, 3])
    #expect(Array(y.data[0..<3]) == Array(table.data[12..<15]))
    // Row 4 is used twice, so its gradient is the sum of two contributions.
    check.check("gather", inputs: [table]) { $0[0].gather(rows: [4, 0, 4, 2]) }
  }
}
