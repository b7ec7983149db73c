// # Stochastic weight averaging (SWA)
//
// Train with the usual decaying schedule for most of the budget, then hold the learning rate at
// a constant swa_lr and keep an equal-weight average of the weights visited:
//
//     lr(p)   = swa_lr + (lr₀ − swa_lr) · ½(1 + cos(π·p/s))   for p < s (progress p, start s)
//     lr(p)   = swa_lr                                           for p ≥ s
//     w̄_n+1  = w̄_n + (w − w̄_n) / (n + 1)                        after each step with p ≥ s
//
// The constant rate keeps SGD circling the wide low-loss region it has reached; the average
// lies inside that region rather than on its rim, in a flatter minimum that generalises better.
// The averaged weights never produced the batch-norm statistics stored during training, so
// those must be recomputed with the average before it is evaluated.
//
// **How it saves compute** (`fewer-steps`): at a fixed budget the average is meant to be a
// better model than the annealed last iterate, so a target can be reached sooner. The cost is
// one copy of the weights, one add per parameter per averaging step and here one extra forward
// pass per averaging step for the batch-norm statistics (counted and timed, see below).
//
// Paper: Izmailov, Podoprikhin, Garipov, Vetrov & Wilson, "Averaging Weights Leads to Wider
// Optima and Better Generalization", UAI 2018 (`izmailov2018averaging`,
// https://arxiv.org/abs/1803.05407).
import Foundation
import Tensor
import Training

// ## The functional form
//
// The learning-rate multiplier: the baseline's half-cosine, compressed to end at the averaging
// start and floored at swa_lr (as a fraction of the peak), then constant. Landing on swa_lr at
// the start avoids the jump that PyTorch's SWALR otherwise smooths with an annealing phase.
public func swaMultiplier(progress p: Float, start: Float, floor: Float) -> Float {
  guard p < start else { return floor }
  return floor + (1 - floor) * 0.5 * (1 + cos(Float.pi * p / start))
}

/// Adds one snapshot to an equal-weight running average of `n` earlier ones.
public func swaUpdate(_ average: inout [Float], adding values: [Float], count n: Int) {
  precondition(average.count == values.count, "swaUpdate: \(average.count) averages, \(values.count) values")
  let w = 1 / Float(n + 1)
  for i in average.indices { average[i] += (values[i] - average[i]) * w }
}

// ## The algorithm
//
// - beforeOptimizerStep: the loop has set the recipe's learning rate; SWA replaces it by
//   lr₀ · swaMultiplier(p).
// - afterOptimizerStep, once p ≥ start: add the new weights to the average (every step: the
//   paper's one snapshot per epoch would give none in a run of 2.5 epochs, and dense averaging
//   is the card's advice for short runs), then refresh the average's batch-norm statistics.
// - evalStart/evalEnd: swap the average (weights and its statistics) in and out; before the
//   averaging starts the live model is evaluated. fitEnd installs the average for good.
//
// Batch-norm statistics: torch.optim.swa_utils.update_bn recomputes them with one pass over
// the training set before evaluation. Here the average is evaluated every 5% of the run, and a
// pass over 10,000 images before each evaluation would cost more than the averaging phase
// itself. Instead, every averaging step runs the average once, in training mode and without a
// graph, on the step's own batch: its running statistics (momentum 0.1) then always describe
// the current average over the last ~10 batches. That is one extra forward pass per averaging
// step, inside the step, so its FLOPs and time are counted.
public final class SWA: Algorithm {
  public let name = "swa"
  /// Fraction of the run after which weights are averaged.
  public let start: Float
  /// The constant learning rate of the averaging phase.
  public let swaLearningRate: Float
  private var average: [[Float]] = []  // parameters
  private var statistics: [[Float]] = []  // batch-norm buffers for the average
  public private(set) var snapshots = 0

  public init(start: Float = 0.8, swaLearningRate: Float = 0.05) {
    precondition(start > 0 && start < 1, "SWA(start: \(start)): start must be in (0, 1)")
    precondition(swaLearningRate > 0, "SWA(swaLearningRate: \(swaLearningRate)): must be > 0")
    self.start = start
    self.swaLearningRate = swaLearningRate
  }

  /// The averaged parameters (for tests).
  public var averagedParameters: [[Float]] { average }

  public func match(_ event: Event, _ state: TrainState) -> Bool {
    switch event {
    case .fitStart, .beforeOptimizerStep, .afterOptimizerStep: true
    case .evalStart, .evalEnd, .fitEnd: snapshots > 0
    default: false
    }
  }

  public func apply(_ event: Event, _ state: TrainState) {
    let parameters = state.model.parameters.map(\.tensor)
    let buffers = state.model.buffers.map(\.tensor)
    switch event {
    case .fitStart:
      (average, statistics, snapshots) = ([], [], 0)
    case .beforeOptimizerStep:
      let floor = swaLearningRate / state.recipe.learningRate
      state.learningRate = state.recipe.learningRate * swaMultiplier(progress: state.progress, start: start, floor: floor)
    case .afterOptimizerStep:
      guard Float(state.step) > start * Float(state.totalSteps) else { return }
      if snapshots == 0 {
        average = parameters.map(\.data)
        statistics = buffers.map(\.data)
      } else {
        for (i, t) in parameters.enumerated() { swaUpdate(&average[i], adding: t.data, count: snapshots) }
      }
      snapshots += 1
      swapIn(parameters, buffers)
      Tensor.noGrad { _ = state.model(state.inputs) }  // training mode: updates the statistics
      swapIn(parameters, buffers)
    case .evalStart, .evalEnd, .fitEnd:
      swapIn(parameters, buffers)
    default:
      break
    }
  }

  /// Exchanges the live values with the average's (array storage only, no copy).
  private func swapIn(_ parameters: [Tensor], _ buffers: [Tensor]) {
    for (i, t) in parameters.enumerated() { swap(&average[i], &t.data) }
    for (i, t) in buffers.enumerated() { swap(&statistics[i], &t.data) }
  }
}

// MARK: - Experiment
//
// The residual CNN on Fashion-MNIST (it has batch norm, which SWA must handle). The card's
// start, 80% of the budget (PyTorch Lightning's default), and swa_lr = 0.05, the paper's value
// for ResNets trained from a peak of 0.1, which is also this workload's tuned peak. The
// averaging phase is short here (80 steps, half an epoch, at the full budget), far from the
// paper's tens of epochs, so the measurement tells whether averaging pays at this scale.
extension Examples {
  static let swa = Technique(slug: "swa", workload: .fashionCNN) { [SWA(start: 0.8, swaLearningRate: 0.05)] }
}
