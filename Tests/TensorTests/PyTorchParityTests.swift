// Parity with PyTorch: a small conv/BN/pool/GELU/linear network with label-smoothed
// cross-entropy gives the loss and gradients PyTorch computed for the same inputs
// (PyTorchParityFixture.swift, made by scripts/make-parity-fixture.py). Both sides compute in
// float32, so agreement to 1e-4 relative separates a convention difference (padding, biased
// variance, smoothing) from rounding.
import Foundation
import Tensor
import Testing

@Suite struct PyTorchParityTests {
  func ramp(_ shape: [Int], _ f: (Int) -> Double) -> Tensor {
    Tensor(shape: shape, data: (0..<shape.reduce(1, *)).map { Float(f($0)) }, requiresGrad: true)
  }

  @Test func smallNetworkMatchesPyTorch() {
    let x = ramp([2, 1, 5, 5]) { sin(0.7 * Double($0)) }
    let w = ramp([3, 1, 3, 3]) { 0.5 * cos(0.3 * Double($0)) }
    let b = ramp([3]) { 0.1 * Double($0) - 0.1 }
    let lw = ramp([3, 4]) { 0.4 * sin(1.3 * Double($0) + 0.5) }
    let lb = ramp([4]) { 0.05 * Double($0) }
    let (ones, zeros) = (Tensor(shape: [3], data: [1, 1, 1]), Tensor(zeros: [3]))
    var h = x.conv2d(w, bias: b, stride: 2, padding: 1)
    h = h.batchNorm(
      weight: ones, bias: zeros, runningMean: Tensor(zeros: [3]), runningVar: Tensor(shape: [3], data: [1, 1, 1]),
      training: true)
    h = h.relu().maxPool2d(kernel: 2, stride: 1).gelu()
    let logits = h.globalAvgPool().matmul(lw) + lb
    let loss = logits.crossEntropy(labels: [1, 3], labelSmoothing: 0.1)
    loss.backward()
    let f = PyTorchParityFixture.self
    expectClose([loss.item], [f.loss], tol: 1e-4, "loss")
    expectClose(logits.data, f.logits, tol: 1e-4, "logits")
    expectClose(x.grad ?? [], f.dx, tol: 1e-4, "dx")
    expectClose(w.grad ?? [], f.dw, tol: 1e-4, "dw")
    expectClose(b.grad ?? [], f.db, tol: 1e-4, "db")
    expectClose(lw.grad ?? [], f.dlw, tol: 1e-4, "dlinear.weight")
    expectClose(lb.grad ?? [], f.dlb, tol: 1e-4, "dlinear.bias")
  }
}
