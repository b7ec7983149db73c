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
    // 256 columns per image: groups of 4, the last one partial.
    ([5, 2, 16, 16], [3, 2, 3, 3], 1, 1),
    // Output channels beyond one 32-row sgemm block.
    ([5, 2, 16, 16], [40, 2, 3, 3], 1, 1), ([2, 3, 7, 6], [33, 3, 3, 3], 2, 1),
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
    let odd = randomTensor([2, 2, 2, 3], seed: 9)  // 2x3 kernel: rows clipped differently per offset
    check.check("conv2d-2x3-no-padding", inputs: [x, odd]) { $0[0].conv2d($0[1], stride: 1, padding: 0) }
    check.check("conv2d-2x3-stride2-padding2", inputs: [x, odd]) { $0[0].conv2d($0[1], stride: 2, padding: 2) }
    // Output channels beyond one 32-row sgemm block. The loss sums 1,320 outputs, so float32
    // rounding in it (~1e-4) over 2h would swamp the tolerance at h = 0.01; conv is linear in
    // each input, so a central difference is exact at any step, and h = 0.5 leaves only the
    // rounding, 50 times smaller.
    let wide = randomTensor([33, 2, 3, 3], seed: 7), wideBias = randomTensor([33], seed: 8)
    GradientCheck(h: 0.5).check("conv2d-33-channels", inputs: [x, wide, wideBias]) {
      $0[0].conv2d($0[1], bias: $0[2], stride: 1, padding: 1)
    }
  }

  // Both pullbacks (ConvBackward.swift): through dy's columns (stride 1, "same" padding) and
  // through x's columns (stride 2).
  @Test(arguments: [(1, [5, 3, 16, 16]), (2, [5, 3, 8, 8])])
  func groupedGradientsEqualPerImageGradients(stride: Int, yShape: [Int]) {
    // 5 images of 256 output columns (64 at stride 2) run as sgemm groups. Convolution is
    // linear in each image, so the batch's gradients must equal those of the images run one at
    // a time (a single-image batch is one group, checked by finite differences above). A direct
    // finite-difference check is not used here: with 2,560 outputs, float32 rounding in the
    // weighted sum (~1e-4) divided by 2h swamps the tolerance.
    let x = randomTensor([5, 2, 16, 16], seed: 7), w = randomTensor([3, 2, 3, 3], seed: 8)
    let weights = randomTensor(yShape, seed: 9).detached(), perImage = yShape.dropFirst().reduce(1, *)
    (x.conv2d(w, stride: stride, padding: 1) * weights).sum().backward()
    var dwSum = [Float](repeating: 0, count: w.count)
    for n in 0..<5 {
      let xn = Tensor(shape: [1, 2, 16, 16], data: Array(x.data[(n * 512)..<((n + 1) * 512)]), requiresGrad: true)
      let wn = Tensor(shape: w.shape, data: w.data, requiresGrad: true)
      let weightsN = Tensor(shape: [1] + yShape.dropFirst(), data: Array(weights.data[(n * perImage)..<((n + 1) * perImage)]))
      (xn.conv2d(wn, stride: stride, padding: 1) * weightsN).sum().backward()
      expectClose(Array(x.grad![(n * 512)..<((n + 1) * 512)]), xn.grad!, tol: 1e-5, "dx of image \(n)")
      for i in 0..<w.count { dwSum[i] += wn.grad![i] }
    }
    expectClose(w.grad!, dwSum, tol: 1e-4, "dweight")
  }

  @Test(arguments: [1, 2])
  func frozenWeightGivesTheSameInputGradient(stride: Int) {
    // A weight that needs no gradient (a frozen layer after trainable ones): the input
    // gradient is unchanged, the weight gets none, through either pullback.
    let x = randomTensor([8, 2, 16, 16], seed: 14), w = randomTensor([3, 2, 3, 3], seed: 15)
    let frozen = Tensor(shape: w.shape, data: w.data)
    let weights = randomTensor(x.conv2d(w, stride: stride, padding: 1).shape, seed: 16).detached()
    (x.conv2d(w, stride: stride, padding: 1) * weights).sum().backward()
    let dx = x.grad!
    x.zeroGrad()
    (x.conv2d(frozen, stride: stride, padding: 1) * weights).sum().backward()
    #expect(x.grad! == dx)
    #expect(frozen.grad == nil)
  }

  @Test(arguments: [1, 2])
  func twoThreadsGiveTheOneThreadResults(stride: Int) {
    // Four groups of four images at stride 1 (72 rows x 1,024 columns), two per thread at two
    // threads, each thread with its own scratch and single-threaded sgemm; at stride 2, four
    // groups of sixteen 8x8 outputs. Groups and the weight gradient's summation order do not
    // depend on the thread count, so the results must be identical to the bit.
    func run(threads: Int) -> [[Float]] {
      Tensor.$loopThreads.withValue(threads) {
        let x = randomTensor([16 * stride * stride, 8, 16, 16], seed: 11), w = randomTensor([8, 8, 3, 3], seed: 12)
        let y = x.conv2d(w, stride: stride, padding: 1)
        (y * randomTensor(y.shape, seed: 13).detached()).sum().backward()
        return [y.data, x.grad!, w.grad!]
      }
    }
    let one = run(threads: 1), two = run(threads: 2)
    for (name, (a, b)) in zip(["output", "dx", "dweight"], zip(two, one)) { #expect(a == b, "\(name) differs between one and two threads") }
  }

  @Test func recordsEveryProductOnceOnAnyThreadCount() {
    // The groups' products run on other threads, where the task-local recorder is not
    // visible; the op records them on its own thread instead. Forward, weight and input
    // gradients: 3 x 2 O R N P FLOPs, on one thread or two, nothing missing or counted twice.
    for threads in [1, 2] {
      let recorder = GEMMRecorder()
      Tensor.recordingGEMMs(recorder) {
        Tensor.$loopThreads.withValue(threads) {
          let x = randomTensor([16, 8, 16, 16], seed: 11), w = randomTensor([8, 8, 3, 3], seed: 12)
          x.conv2d(w, padding: 1).sum().backward()
        }
      }
      #expect(recorder.shapes.count == 3 * 4, "\(threads) threads: four groups, three products each")
      let recorded = recorder.shapes.map(\.flops).reduce(0, +), expected = 3 * 2 * 8 * 72 * 16 * 256
      #expect(recorded == expected, "\(threads) threads")
    }
  }
}
