// The engine benchmark behind `hasten bench engine`: time full training steps (forward,
// backward, optimizer) of three reference shapes, count their FLOPs, and compare with plain
// sgemm on exactly the GEMM calls each step makes, so the report says how close a step comes
// to the BLAS ceiling for its own shapes. scripts/bench-peers.py runs the same steps in
// PyTorch (or numpy), with the same shapes, optimizers and thread counts.
//
//   mlp          MLP 784-256-256-10, batch 256, SGD momentum 0.9
//   cnn          ResidualCNN 1x28x28 (16/32/64), batch 128, SGD momentum 0.9
//   transformer  Transformer LM vocab 90, d_model 128, 4 heads, 2 layers, context 128,
//                batch 32, AdamW
// Inputs are random but fixed (seeded); speed does not depend on the values.
import Foundation
import Tensor

/// One of the benchmark's training steps.
public enum BenchShape: String, CaseIterable, Sendable, Codable {
  case mlp, cnn, transformer

  /// What the shape is, for the report.
  public var summary: String {
    switch self {
    case .mlp: "MLP 784-256-256-10, batch 256, SGD"
    case .cnn: "residual CNN 1x28x28 16/32/64, batch 128, SGD"
    case .transformer: "Transformer LM V=90 C=128 H=4 L=2 T=128, batch 32, AdamW"
    }
  }

  /// A ready-to-run step: model, optimizer and a fixed batch; `step()` returns the loss.
  func makeStep(seed: UInt64) -> (parameters: [Tensor], step: () -> Float) {
    var rng = RNG(seed: seed)
    switch self {
    case .mlp, .cnn:
      let (batch, features) = self == .mlp ? (256, 784) : (128, 784)
      let model: any Model = self == .mlp ? MLP(widths: [784, 256, 256, 10], rng: &rng) : ResidualCNN(rng: &rng)
      let shape = self == .mlp ? [batch, features] : [batch, 1, 28, 28]
      let x = Tensor(shape: shape, data: (0..<(batch * features)).map { _ in rng.normal() })
      let labels = (0..<batch).map { _ in Int(rng.next() % 10) }
      let params = model.parameters.map(\.tensor)
      let sgd = SGD(params, momentum: 0.9)
      return (params, {
        model.zeroGrad()
        let loss = model(x).crossEntropy(labels: labels)
        loss.backward()
        sgd.step(lr: 0.01)
        return loss.item
      })
    case .transformer:
      let (batch, context, vocab) = (32, 128, 90)
      let model = Transformer(vocab: vocab, context: context, dModel: 128, heads: 4, layers: 2, rng: &rng)
      let tokens = (0..<(batch * (context + 1))).map { _ in Int(rng.next() % UInt64(vocab)) }
      var ids: [Float] = [], next: [Int] = []
      for b in 0..<batch {
        let row = tokens[(b * (context + 1))..<((b + 1) * (context + 1))]
        ids += row.dropLast().map(Float.init)
        next += row.dropFirst()
      }
      let x = Tensor(shape: [batch, context], data: ids)
      let params = model.parameters.map(\.tensor)
      let adam = AdamW(params)
      return (params, {
        model.zeroGrad()
        let loss = model(x).reshape([batch * context, vocab]).crossEntropy(labels: next)
        loss.backward()
        adam.step(lr: 3e-4)
        return loss.item
      })
    }
  }
}

/// The measurement of one shape at one thread count.
public struct EngineBenchResult: Sendable, Codable {
  public var shape: BenchShape
  public var threads: Int
  /// Median milliseconds per training step (forward + backward + optimizer).
  public var msPerStep: Double
  /// Fastest step seen, in milliseconds.
  public var bestMsPerStep: Double
  /// Forward + backward FLOPs of one step (FLOPCounter conventions).
  public var flopsPerStep: Int
  /// flopsPerStep / median step time, in GFLOP/s.
  public var gflops: Double
  /// FLOPs of the step's sgemm calls (a subset of flopsPerStep).
  public var gemmFLOPs: Int
  /// Throughput of plain sgemm on this step's GEMM calls alone, in GFLOP/s.
  public var sgemmGFLOPs: Double
  /// Time the step's GEMMs take as plain sgemm, divided by the median step time: the
  /// fraction of the BLAS ceiling for these shapes that the whole step achieves.
  public var fractionOfSgemm: Double
  /// Loss after the timed steps (a sanity check that training ran).
  public var finalLoss: Float
}

/// Times training steps and their sgemm ceiling.
public enum EngineBench {
  /// Where `steps` training steps of `shape` spend their time, op by op (after `warmup`
  /// unprofiled steps), with `threads` BLAS threads. Separate from `run`, so that the
  /// profile's clock reads never touch the timed steps.
  public static func profile(_ shape: BenchShape, threads: Int, steps: Int = 5, warmup: Int = 2, seed: UInt64 = 1) -> OpProfile {
    withStep(shape, threads: threads, seed: seed) { step in
      for _ in 0..<warmup { _ = step() }
      let profile = OpProfile()
      for _ in 0..<steps { _ = Tensor.profilingOps(profile) { step() } }
      return profile
    }
  }

  /// Runs `body` with a fresh training step of `shape` on `threads` BLAS threads (restored
  /// afterwards), malloc keeping freed blocks as training does.
  private static func withStep<R>(_ shape: BenchShape, threads: Int, seed: UInt64, _ body: (() -> Float) -> R) -> R {
    Memory.keepFreedBlocks()
    let previous = BLASThreads.count
    BLASThreads.set(threads)
    defer { BLASThreads.set(previous) }
    return body(shape.makeStep(seed: seed).step)
  }

  /// Runs `shape` with `threads` BLAS threads: `warmup` untimed steps, then `steps` timed ones.
  public static func run(_ shape: BenchShape, threads: Int, steps: Int = 20, warmup: Int = 3, seed: UInt64 = 1) -> EngineBenchResult {
    precondition(threads >= 1 && steps >= 1, "EngineBench.run: threads \(threads) and steps \(steps) must be >= 1")
    return withStep(shape, threads: threads, seed: seed) { step in
      // One counted step: FLOPs and the exact GEMM calls.
      let counter = FLOPCounter(), recorder = GEMMRecorder()
      _ = Tensor.countingFLOPs(counter) { Tensor.recordingGEMMs(recorder) { step() } }
      for _ in 0..<warmup { _ = step() }
      var times: [Double] = []
      var loss: Float = 0
      for _ in 0..<steps {
        let start = ContinuousClock.now
        loss = step()
        times.append(start.duration(to: .now).seconds)
      }
      times.sort()
      let median = times[times.count / 2]
      let gemmFLOPs = recorder.shapes.reduce(0) { $0 + $1.flops }
      let gemmSeconds = timeGEMMs(recorder.shapes)
      return EngineBenchResult(
        shape: shape, threads: threads, msPerStep: median * 1e3, bestMsPerStep: times[0] * 1e3,
        flopsPerStep: counter.total, gflops: Double(counter.total) / median / 1e9, gemmFLOPs: gemmFLOPs,
        sgemmGFLOPs: Double(gemmFLOPs) / gemmSeconds / 1e9, fractionOfSgemm: gemmSeconds / median,
        finalLoss: loss)
    }
  }
}
