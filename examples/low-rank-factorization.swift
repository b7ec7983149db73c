// # Low-rank factorization of linear layers
//
// Replace a dense weight W [in,out] by the product of two thin factors of rank r,
// U [in,r] and V [r,out], and train the factors instead:
//
//     y = x W + b        becomes        y = (x U) V + b
//
// **How it saves compute** (`cheaper-steps`): a dense layer costs in·out multiply-adds per
// example in the forward pass (and twice that backward); the factorized one costs
// r·(in + out). That is a saving only below the break-even rank
//
//     r* = in·out / (in + out)
//
// (128 for a 256x256 layer, about 193 for 784x256). Parameters, gradients and optimizer state shrink
// by the same ratio. The price is capacity: UV can only express rank-r maps.
//
// Initialization follows Khodak et al.: draw the dense W as usual, take its truncated SVD
// W ≈ Σ_{k<r} σ_k u_k v_kᵀ, and split each singular value evenly between the factors,
//
//     U = [u_k √σ_k]    V = [√σ_k v_kᵀ]
//
// so training starts from the best rank-r approximation of the dense initialization.
//
// Papers: Sainath et al., "Low-rank matrix factorization for deep neural network training
// with high-dimensional output targets", ICASSP 2013 (`sainath2013low`); Khodak, Tenenholtz,
// Mackey & Fusi, "Initialization and Regularization of Factorized Neural Layers", ICLR 2021
// (`khodak2021initialization`, https://arxiv.org/abs/2105.01029).
import Foundation
import Tensor
import Training

// ## The functional form
//
// The truncated SVD by one-sided Jacobi rotations (Hestenes 1958): rotate pairs of columns of
// A = W until all columns are orthogonal. The rotations accumulate in an orthogonal Q with
// A = W Q, so W = A Qᵀ = Σ_k σ_k u_k q_kᵀ with σ_k = ‖a_k‖ and u_k = a_k / σ_k. It needs no
// library beyond the standard one and is exact to float precision; it runs once, at set-up.
// W is [rows, cols] row-major; the result has the singular values in decreasing order, the
// left vectors as the columns of `u` [rows, cols] and the right ones as the rows of `vt`.
public func singularValueDecomposition(_ w: [Float], rows: Int, cols: Int) -> (u: [Float], s: [Float], vt: [Float]) {
  precondition(w.count == rows * cols && rows >= cols, "singularValueDecomposition: W [\(rows),\(cols)] needs rows >= cols")
  // Columns of A and of Q, each contiguous, in double precision.
  var a = [Double](repeating: 0, count: rows * cols), q = [Double](repeating: 0, count: cols * cols)
  for i in 0..<rows { for j in 0..<cols { a[j * rows + i] = Double(w[i * cols + j]) } }
  for j in 0..<cols { q[j * cols + j] = 1 }
  a.withUnsafeMutableBufferPointer { a in
    q.withUnsafeMutableBufferPointer { q in
      func rotate(_ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ n: Int, _ c: Double, _ s: Double) {
        for i in 0..<n { (x[i], y[i]) = (c * x[i] - s * y[i], s * x[i] + c * y[i]) }
      }
      for _ in 0..<60 {
        var rotated = false
        for p in 0..<(cols - 1) {
          for r in (p + 1)..<cols {
            let ap = a.baseAddress! + p * rows, ar = a.baseAddress! + r * rows
            var alpha = 0.0, beta = 0.0, gamma = 0.0
            for i in 0..<rows { alpha += ap[i] * ap[i]; beta += ar[i] * ar[i]; gamma += ap[i] * ar[i] }
            guard abs(gamma) > 1e-12 * (alpha * beta).squareRoot() else { continue }
            rotated = true
            // The rotation that zeroes the pair's inner product.
            let zeta = (beta - alpha) / (2 * gamma)
            let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
            let c = 1 / (1 + t * t).squareRoot()
            rotate(ap, ar, rows, c, c * t)
            rotate(q.baseAddress! + p * cols, q.baseAddress! + r * cols, cols, c, c * t)
          }
        }
        if !rotated { break }
      }
    }
  }
  let norms = (0..<cols).map { j in (0..<rows).reduce(0.0) { $0 + a[j * rows + $1] * a[j * rows + $1] }.squareRoot() }
  let order = (0..<cols).sorted { norms[$0] > norms[$1] }
  var u = [Float](repeating: 0, count: rows * cols), vt = [Float](repeating: 0, count: cols * cols)
  for (k, j) in order.enumerated() {
    for i in 0..<rows { u[i * cols + k] = norms[j] > 0 ? Float(a[j * rows + i] / norms[j]) : 0 }
    for i in 0..<cols { vt[k * cols + i] = Float(q[j * cols + i]) }
  }
  return (u, order.map { Float(norms[$0]) }, vt)
}

/// Spectral initialization of rank-`rank` factors of W [rows, cols]: U [rows, rank] and
/// V [rank, cols] with U V the best rank-`rank` approximation of W.
public func spectralFactors(_ w: [Float], rows: Int, cols: Int, rank: Int) -> (u: [Float], v: [Float]) {
  // Work on the orientation with rows >= cols, as the SVD requires.
  guard rows >= cols else {
    let wt = (0..<(cols * rows)).map { w[($0 % rows) * cols + $0 / rows] }  // Wᵀ [cols, rows]
    let (ut, vt) = spectralFactors(wt, rows: cols, cols: rows, rank: rank)  // Wᵀ ≈ ut vt
    // W ≈ vtᵀ utᵀ
    return ((0..<(rows * rank)).map { vt[($0 % rank) * rows + $0 / rank] }, (0..<(rank * cols)).map { ut[($0 % cols) * rank + $0 / cols] })
  }
  precondition(rank >= 1 && rank <= cols, "spectralFactors: rank \(rank) not in 1...\(cols)")
  let (u, s, vt) = singularValueDecomposition(w, rows: rows, cols: cols)
  let root = s.prefix(rank).map { $0.squareRoot() }
  let uf = (0..<(rows * rank)).map { u[($0 / rank) * cols + $0 % rank] * root[$0 % rank] }
  let vf = (0..<(rank * cols)).map { vt[$0] * root[$0 / cols] }
  return (uf, vf)
}

/// The rank below which U V [in,r][r,out] costs fewer multiply-adds than W [in,out].
public func breakEvenRank(inFeatures: Int, outFeatures: Int) -> Double {
  Double(inFeatures * outFeatures) / Double(inFeatures + outFeatures)
}

// ## The factorized layer
//
// Two products in a row; the bias stays [out]. The forward pass costs 2·B·r·(in + out) FLOPs
// and the backward pass twice that (once less for the first product when x needs no gradient).
public final class FactorizedLinear: Model {
  public let u: Tensor  // [in, r]
  public let v: Tensor  // [r, out]
  public let bias: Tensor  // [out]
  let name: String

  /// The factors of `dense`'s weight at rank `rank` (spectral initialization), and its bias.
  public init(_ dense: Linear, rank: Int, name: String) {
    let (rows, cols) = (dense.weight.shape[0], dense.weight.shape[1])
    let (u, v) = spectralFactors(dense.weight.data, rows: rows, cols: cols, rank: rank)
    self.u = Tensor(shape: [rows, rank], data: u, requiresGrad: true)
    self.v = Tensor(shape: [rank, cols], data: v, requiresGrad: true)
    bias = Tensor(shape: [cols], data: dense.bias.data, requiresGrad: true)
    self.name = name
  }

  /// x [..,in] -> [..,out].
  public func callAsFunction(_ x: Tensor) -> Tensor { x.matmul(u).matmul(v) + bias }

  public var parameters: [(name: String, tensor: Tensor)] { [("\(name).u", u), ("\(name).v", v), ("\(name).bias", bias)] }
}

// ## The algorithm
//
// At initialization (set-up, before the first step) replace each of the MLP's layers except
// the classifier by its factorized form, when the layer is at least `minimumWidth` wide and
// the rank is below break-even, and rebuild the optimizer over the new parameters. Every
// step after that trains the factors.
public final class LowRankFactorization: Algorithm {
  public let name = "low-rank-factorization"
  /// r = round(rankRatio · min(in, out)).
  public let rankRatio: Double
  /// Layers narrower than this stay dense (thin products run poorly and save little).
  public let minimumWidth: Int

  public init(rankRatio: Double = 0.25, minimumWidth: Int = 64) {
    precondition(rankRatio > 0 && rankRatio < 1, "LowRankFactorization(rankRatio: \(rankRatio)): must be in (0, 1)")
    self.rankRatio = rankRatio
    self.minimumWidth = minimumWidth
  }

  public func match(_ event: Event, _ state: TrainState) -> Bool { event == .initialize }

  public func apply(_ event: Event, _ state: TrainState) {
    guard let mlp = state.model as? MLP else { preconditionFailure("LowRankFactorization: needs an MLP, got \(type(of: state.model))") }
    for (i, layer) in mlp.layers.enumerated().dropLast() {
      guard let dense = layer as? Linear else { continue }
      let (rows, cols) = (dense.weight.shape[0], dense.weight.shape[1])
      let rank = Int((rankRatio * Double(min(rows, cols))).rounded())
      guard min(rows, cols) >= minimumWidth, Double(rank) < breakEvenRank(inFeatures: rows, outFeatures: cols) else { continue }
      mlp.layers[i] = FactorizedLinear(dense, rank: rank, name: "fc\(i + 1)")
    }
    state.optimizer = state.recipe.makeOptimizer(mlp.parameters.map(\.tensor))
  }
}

// MARK: - Experiment
//
// The fashion MLP (784-256-256-10): its step is three matrix products, exactly what the
// technique changes. Rank ratio 0.25, the card's suggestion, gives r = 64 for both hidden
// layers, well below their break-even ranks (about 193 for 784x256, 128 for 256x256): per example
// the products drop from 784·256 + 256·256 + 256·10 = 268,800 multiply-adds to
// 64·1040 + 64·512 + 2,560 = 101,888, 38% of the dense step.
//
// Two departures from the card, with reasons. (1) The card leaves the first layer dense; here
// it holds 75% of the step's FLOPs, so keeping it dense would cap the saving at 12%, and its
// input is raw pixels, which are highly redundant (a few dozen principal components describe
// Fashion-MNIST images well), so a rank-64 input projection loses little. (2) The card
// suggests Frobenius decay on UV; computing it costs about 4·r²·(in + out) FLOPs per layer
// per step whatever the batch, two thirds of this factorized step at batch 64, while the
// recipe's weight decay is mild (5e-4 at learning rate 0.05 with momentum 0.9 over 600 cosine
// steps shrinks a weight by about 7% in the whole run), so the factors keep the recipe's plain
// weight decay. No full-rank warm-up: it would spend dense steps to provide what spectral
// initialization already gives, a good rank-r start.
extension Examples {
  static let lowRankFactorization = Technique(slug: "low-rank-factorization", workload: .fashionMLP) {
    [LowRankFactorization(rankRatio: 0.25)]
  }
}
