// # Mixed-precision training (bfloat16 with float32 master weights)
//
// Run the forward and backward passes on bfloat16 values while the optimizer keeps float32
// master weights. Every linear layer computes
//
//     y = bf16( bf16(x) · bf16(W) ) + b        (the product accumulated in float32)
//
// and the gradients flowing back through each rounding are rounded too, so activation
// gradients and the weight gradient reach the master weight as bfloat16 values. The update
// W ← W − lr · g is applied to the float32 W: an update smaller than half a bfloat16 ulp of W
// would round away in a bfloat16 weight, but accumulates in the master copy.
// bf16(v) rounds the float32 bits to the nearest bfloat16, ties to even.
//
// Loss scaling is not needed: bfloat16 keeps float32's 8-bit exponent, so gradients that fit
// in float32 do not underflow (float16, with a 5-bit exponent, is what needs it).
//
// **How it saves compute** (`cheaper-steps`, `less-memory`): on hardware with fast 16-bit
// matrix units (GPU tensor cores, TPUs, CPUs with AVX-512 BF16 or AMX) the products run
// several times faster and activations take half the memory. This engine has no 16-bit
// arithmetic: it emulates the numerics by rounding float32 values, so the products run at
// float32 speed and each rounding pass is pure overhead. Our measurement therefore shows the
// cost of the rounding and whether bfloat16 numerics change the steps needed, not the
// hardware speedup.
//
// Papers: Micikevicius et al., "Mixed Precision Training", ICLR 2018
// (`micikevicius2018mixed`, https://arxiv.org/abs/1710.03740); Kalamkar et al., "A Study of
// BFLOAT16 for Deep Learning Training", 2019 (`kalamkar2019study`,
// https://arxiv.org/abs/1905.12322).
import Tensor
import Training

// ## The functional form
//
// The rounding itself is the engine's `bfloat16Rounded` (Ops/Precision.swift):
//
//     bits(bf16(v)) = (bits(v) + 0x7FFF + ((bits(v) >> 16) & 1)) & 0xFFFF0000
//
// and one layer's product in mixed precision is the cast applied three times:
public func mixedPrecisionLinear(_ x: Tensor, weight: Tensor, bias: Tensor) -> Tensor {
  x.roundedToBFloat16().matmul(weight.roundedToBFloat16()).roundedToBFloat16() + bias
}

// ## The algorithm
//
// At initialization (set-up), give every linear layer of the MLP the bfloat16 cast. The
// weights, biases and optimizer state stay float32; the loss and softmax run in float32 on
// the logits, as autocast does.
public final class MixedPrecision: Algorithm {
  public let name = "mixed-precision"

  public init() {}

  public func match(_ event: Event, _ state: TrainState) -> Bool { event == .initialize }

  public func apply(_ event: Event, _ state: TrainState) {
    guard let mlp = state.model as? MLP else { preconditionFailure("MixedPrecision: needs an MLP, got \(type(of: state.model))") }
    for case let layer as Linear in mlp.layers { layer.cast = { $0.roundedToBFloat16() } }
  }
}

// MARK: - Experiment
//
// The fashion MLP, whose step is three matrix products: the layers mixed precision changes,
// with nothing else (no batch norm, no attention) to keep in float32. The card's float16
// settings (loss scale 2^16, growth and backoff) do not apply to bfloat16, which needs no
// loss scale. Expect a slowdown per step here (extra rounding passes on a CPU without
// bfloat16 arithmetic in this engine); the step count to the target shows whether bfloat16
// numerics cost accuracy.
extension Examples {
  static let mixedPrecision = Technique(slug: "mixed-precision", workload: .fashionMLP) { [MixedPrecision()] }
}
