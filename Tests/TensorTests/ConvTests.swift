// Convolution (Ops/Conv.swift): the im2col + sgemm path against the naive seven-loop
// reference on odd shapes, strides and paddings, and finite-difference gradients for input,
// weight and bias (default tolerances; conv is bilinear, so the only error is rounding).
import Tensor
import Testing

@Suite struct ConvTests {
  let check = GradientCheck()

  @Test(arguments: [
    ([2, 3, 7, 6], [4, 3, 3, 3], 1, 1), ([1, 2, 8, 8], [3, 2, 3, 3], 2, 1),
    ([2, 1, 5, 5], [2, 1, 1, 1], 2, 0), ([1, 3, 6, 5], [2, 3, 2, 3], 1, 0),
  ])
  func fastPathMatchesNaive(xShape: [Int], wShape: [Int], stride: Int, padding: Int) {
    let x = randomTensor(xShape, seed: 1), w = randomTensor(wShape, seed: 2), b = randomTensor([wShape[0]], seed: 3)
    let fast = x.conv2d(w, bias: b, stride: stride, padding: padding)
    let slow = conv2dNaive(
      x: x.data, xShape: xShape, weight: w.data, weightShape: wShape, bias: b.data, stride: stride, padding: padding)
    let oh = (xShape[2] + 2 * padding - wShape[2]) / stride + 1, ow = (xShape[3] + 2 * padding - wShape[3]) / stride + 1
    #expect(fast.shape == [xShape[0], wShape[0], oh, ow])
    expectClose(fast.data, slow, tol: 1e-5, "conv2d \(xShape) * \(wShape) stride \(stride) padding \(padding)")
  }

  @Test func gradients() {
    let x = randomTensor([2, 2, 5, 4], seed: 4), w = randomTensor([3, 2, 3, 3], seed: 5), b = randomTensor([3], seed: 6)
    check.check("conv2d", inputs: [x, w, b]) { $0[0].conv2d($0[1], bias: $0[2], stride: 1, padding: 1) }
    check.check("conv2d-stride2", inputs: [x, w]) { $0[0].conv2d($0[1], stride: 2, padding: 1) }
  }
}
