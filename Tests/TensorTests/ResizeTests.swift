// Image resizing (Ops/Resize.swift): area downsampling is average pooling, bilinear keeps
// constants and same-size images, matches PyTorch's half-pixel rule on a ramp, and both modes
// have finite-difference gradients (default tolerances: the maps are linear).
import Tensor
import Testing

@Suite struct ResizeTests {
  let check = GradientCheck()

  @Test func knownValues() {
    let x = randomTensor([1, 2, 4, 6], seed: 1)
    expectClose(x.resize(height: 2, width: 3, mode: .area).data, x.avgPool2d(kernel: 2).data, tol: 1e-6, "area = avg pool")
    expectClose(x.resize(height: 4, width: 6, mode: .bilinear).data, x.data, tol: 1e-6, "bilinear identity")
    let c = Tensor(shape: [1, 1, 3, 3], data: [Float](repeating: 2, count: 9))
    #expect(c.resize(height: 5, width: 7, mode: .bilinear).data.allSatisfy { abs($0 - 2) < 1e-6 })
    // Upsampling [0, 1] to 4 columns: sources -0.25 (clamped to 0), 0.25, 0.75, 1.25 (edge).
    let ramp = Tensor(shape: [1, 1, 1, 2], data: [0, 1])
    expectClose(ramp.resize(height: 1, width: 4, mode: .bilinear).data, [0, 0.25, 0.75, 1], tol: 1e-6, "ramp")
  }

  @Test func gradients() {
    check.check("resize-bilinear-up", inputs: [randomTensor([1, 2, 3, 3], seed: 2)]) { $0[0].resize(height: 5, width: 4, mode: .bilinear) }
    check.check("resize-bilinear-down", inputs: [randomTensor([1, 1, 5, 6], seed: 3)]) { $0[0].resize(height: 3, width: 4, mode: .bilinear) }
    check.check("resize-area", inputs: [randomTensor([2, 1, 5, 7], seed: 4)]) { $0[0].resize(height: 3, width: 2, mode: .area) }
  }
}
