// # EL2N data pruning
//
// Score every training example by how wrong the model still is about it early in training,
// and keep training only on the hardest fraction. The EL2N score of example (x, y) under a
// model f with K outputs is the L2 norm of its error vector:
//
//     EL2N(x, y) = ‖ softmax(f(x)) − y ‖₂          (0 for a confident correct prediction,
//                                                    up to √2 for a confident wrong one)
//
// Easy, already-learned examples score near 0; pruning them is the claim that they carry
// little further signal.
//
// **How it saves compute** (`fewer-steps`, `cheaper-data-pipeline`): in the paper, the pruned
// set makes every *later* training run shorter per epoch, and the scoring runs are paid once.
// Here everything happens inside one run, as the brief asks: at a point early in training a
// forward pass over the whole training set scores every example (inside a step, so its time
// and FLOPs count against the technique), and the rest of the run draws its batches from the
// kept examples. With the step budget fixed, pruning can only pay if steps on hard examples
// reach the target in fewer steps than steps on all examples, by more than the scoring pass
// costs.
//
// Paper: Paul, Ganguli & Dziugaite, "Deep Learning on a Data Diet: Finding Important Examples
// Early in Training", NeurIPS 2021 (`paul2021deep`, https://arxiv.org/abs/2107.07075).
import Foundation
import Tensor
import Training

// ## The functional form
//
// EL2N of each example from logits [N·L,K] and target distributions [N·L,K], where each
// example has L rows (1 for a classifier; its T positions for a language model, whose score
// is the mean over positions).
public func el2nScores(logits: Tensor, targets: Tensor, rowsPerExample: Int = 1) -> [Float] {
  precondition(logits.rank == 2 && logits.shape == targets.shape, "el2nScores: logits \(logits.shape) and targets \(targets.shape) must be [N,K]")
  let (rows, classes) = (logits.shape[0], logits.shape[1])
  let norms = (0..<rows).map { r -> Float in
    let z = logits.data[(r * classes)..<((r + 1) * classes)]
    let zmax = z.max()!
    let e = z.map { expf($0 - zmax) }
    let total = e.reduce(0, +)
    return (0..<classes).reduce(Float(0)) { s, k in
      let d = e[k] / total - targets.data[r * classes + k]
      return s + d * d
    }.squareRoot()
  }
  return stride(from: 0, to: rows, by: rowsPerExample).map { norms[$0..<($0 + rowsPerExample)].reduce(0, +) / Float(rowsPerExample) }
}

// The indices of the highest-scoring `keep` fraction of examples, in ascending order (ties
// go to the lower index, so the choice is deterministic).
public func keepHardest(scores: [Float], keep: Float) -> [Int] {
  precondition(keep > 0 && keep <= 1, "keepHardest: keep \(keep) outside (0, 1]")
  let count = max(1, Int((keep * Float(scores.count)).rounded()))
  let ranked = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
  return ranked.prefix(count).sorted()
}

// ## The algorithm
//
// At the first step at or past `scoreAt` of training: score the whole training set in
// evaluation mode (no graph, batch norm on running statistics), in batches of 512, keep the
// hardest `keep` fraction as the active examples, and restart the epoch so the next batch is
// already drawn from them. The scoring runs at batchStart, inside the step.
public final class EL2NDataPruning: Algorithm {
  public let name = "el2n-data-pruning"
  /// When to score, as a fraction of training.
  public let scoreAt: Float
  /// The fraction of the training set kept.
  public let keep: Float
  /// The kept training-set indices, once scored.
  public private(set) var kept: [Int]?

  public init(scoreAt: Float = 0.1, keep: Float = 0.5) {
    precondition(scoreAt >= 0 && scoreAt < 1 && keep > 0 && keep <= 1, "EL2NDataPruning(scoreAt: \(scoreAt), keep: \(keep))")
    (self.scoreAt, self.keep) = (scoreAt, keep)
  }

  public func match(_ event: Event, _ state: TrainState) -> Bool {
    event == .batchStart && kept == nil && state.progress >= scoreAt
  }

  public func apply(_ event: Event, _ state: TrainState) {
    guard let data = state.trainingSet else { preconditionFailure("EL2NDataPruning: the state has no training set") }
    var scores: [Float] = []
    scores.reserveCapacity(data.count)
    Tensor.evaluating {
      for start in stride(from: 0, to: data.count, by: 512) {
        let batch = data.batch(Array(start..<min(start + 512, data.count))[...])
        scores += el2nScores(logits: state.model(batch.inputs), targets: batch.targets, rowsPerExample: data.labelsPerExample)
      }
    }
    let kept = keepHardest(scores: scores, keep: keep)
    self.kept = kept
    state.activeExamples = kept
    state.restartEpoch = true
  }
}

// MARK: - Experiment
//
// The residual CNN on Fashion-MNIST, an image classifier like the paper's CIFAR-10. The card's
// settings, translated to our run: the paper scores at epoch 20 of 200, a tenth of training,
// so we score at 10% of the steps; we keep the hardest half, the paper's headline fraction.
// The paper averages scores over about ten independent training runs; inside one run that
// would cost ten times the scoring pass, so we score once, with the model being trained. Our
// whole run is only 2.5 epochs of the 10,000 images, far from the "plenty of data, long
// training" regime in which Sorscher et al. find that keeping hard examples helps.
extension Examples {
  static let el2nDataPruning = Technique(slug: "el2n-data-pruning", workload: .fashionCNN) { [EL2NDataPruning(scoreAt: 0.1, keep: 0.5)] }
}
