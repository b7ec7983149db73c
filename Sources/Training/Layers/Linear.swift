// A fully connected layer:  y[B,N] = x[B,K] . W[K,N] + b[N]
// W is stored [in, out] so the forward pass is one sgemm with no transpose.
import Tensor

/// y = x W + b, with PyTorch's default initialisation (uniform in +-1/sqrt(in) for both).
public final class Linear: Model {
  public let weight: Tensor  // [in, out]
  public let bias: Tensor  // [out]
  /// A cast applied to the input, the weight and the product before the bias is added:
  /// y = cast(cast(x) . cast(W)) + b, as autocast computes a matrix product in a reduced
  /// precision (rounding to bfloat16, say) while the weight itself stays float32. Nil (the
  /// default) computes in float32.
  public var cast: ((Tensor) -> Tensor)?
  let name: String

  public init(_ inFeatures: Int, _ outFeatures: Int, name: String, rng: inout RNG) {
    let bound = 1 / Float(inFeatures).squareRoot()
    func draw(_ n: Int) -> [Float] { (0..<n).map { _ in (rng.uniform() * 2 - 1) * bound } }
    weight = Tensor(shape: [inFeatures, outFeatures], data: draw(inFeatures * outFeatures), requiresGrad: true)
    bias = Tensor(shape: [outFeatures], data: draw(outFeatures), requiresGrad: true)
    self.name = name
  }

  /// x [..,in] -> [..,out].
  public func callAsFunction(_ x: Tensor) -> Tensor {
    guard let cast else { return x.matmul(weight) + bias }
    return cast(cast(x).matmul(cast(weight))) + bias
  }

  public var parameters: [(name: String, tensor: Tensor)] {
    [("\(name).weight", weight), ("\(name).bias", bias)]
  }
}
