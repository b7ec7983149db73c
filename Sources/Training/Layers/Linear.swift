// A fully connected layer:  y[B,N] = x[B,K] . W[K,N] + b[N]
// W is stored [in, out] so the forward pass is one sgemm with no transpose.
import Tensor

/// y = x W + b, with PyTorch's default initialisation (uniform in +-1/sqrt(in) for both).
public final class Linear: Module {
  public let weight: Tensor  // [in, out]
  public let bias: Tensor  // [out]
  let name: String

  public init(_ inFeatures: Int, _ outFeatures: Int, name: String, rng: inout RNG) {
    let bound = 1 / Float(inFeatures).squareRoot()
    func draw(_ n: Int) -> [Float] { (0..<n).map { _ in (rng.uniform() * 2 - 1) * bound } }
    weight = Tensor(shape: [inFeatures, outFeatures], data: draw(inFeatures * outFeatures), requiresGrad: true)
    bias = Tensor(shape: [outFeatures], data: draw(outFeatures), requiresGrad: true)
    self.name = name
  }

  public func callAsFunction(_ x: Tensor) -> Tensor { x.matmul(weight) + bias }

  public var parameters: [(name: String, tensor: Tensor)] {
    [("\(name).weight", weight), ("\(name).bias", bias)]
  }
}
