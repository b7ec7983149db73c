// A 2-D convolution layer:  y[N,O,OH,OW] = conv2d(x[N,C,H,W], W[O,C,K,K]) + b[O]
// The op (im2col + sgemm) lives in Tensor's Ops/Conv.swift; this holds the parameters.
import Tensor

/// A square-kernel convolution with PyTorch's default initialisation (uniform in
/// +-1/sqrt(C*K*K) for weight and bias).
public final class Conv2d: Module {
  public let weight: Tensor  // [O, C, K, K]
  public let bias: Tensor?  // [O]
  public let stride: Int
  public let padding: Int
  let name: String

  public init(
    _ inChannels: Int, _ outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
    bias: Bool = true, name: String, rng: inout RNG
  ) {
    let fanIn = inChannels * kernel * kernel
    let bound = 1 / Float(fanIn).squareRoot()
    func draw(_ n: Int) -> [Float] { (0..<n).map { _ in (rng.uniform() * 2 - 1) * bound } }
    weight = Tensor(
      shape: [outChannels, inChannels, kernel, kernel], data: draw(outChannels * fanIn), requiresGrad: true)
    self.bias = bias ? Tensor(shape: [outChannels], data: draw(outChannels), requiresGrad: true) : nil
    self.stride = stride
    self.padding = padding
    self.name = name
  }

  /// x [N,C,H,W] -> [N,O,OH,OW].
  public func callAsFunction(_ x: Tensor) -> Tensor {
    x.conv2d(weight, bias: bias, stride: stride, padding: padding)
  }

  public var parameters: [(name: String, tensor: Tensor)] {
    [("\(name).weight", weight)] + (bias.map { [("\(name).bias", $0)] } ?? [])
  }
}
