// The training loop: steps (TrainingSteps.swift) with evaluations in between. It times training
// with evaluation excluded, and stops cleanly, recording divergence, if the loss or the
// gradients stop being finite. A run can be advanced in stretches (TrainingRun), so that two
// runs can take turns.
import Foundation
import Tensor

/// Trains a model on a data set with a recipe and a set of algorithms.
public struct Trainer {
  public var train: Dataset
  public var validation: Dataset
  public var test: Dataset
  /// Evaluate this many times over the run (plus once at the start).
  public var evaluations: Int

  public init(train: Dataset, validation: Dataset, test: Dataset, evaluations: Int = 10) {
    self.train = train
    self.validation = validation
    self.test = test
    self.evaluations = evaluations
  }

  /// Runs `state.recipe.steps` optimizer steps and returns the run's record.
  public func fit(_ state: TrainState, algorithms: [any Algorithm], arm: String, seed: UInt64) -> RunRecord {
    let run = start(state, algorithms: algorithms, seed: seed)
    run.advance(to: state.totalSteps)
    return run.finish(arm: arm)
  }

  /// Starts a run that the caller advances in stretches: how the A/B step timer interleaves
  /// two runs (Measure/StepTimer.swift).
  public func start(_ state: TrainState, algorithms: [any Algorithm], seed: UInt64) -> TrainingRun {
    TrainingRun(trainer: self, state: state, algorithms: algorithms, seed: seed)
  }

  /// Mean loss and accuracy of `model` on `data` in evaluation mode (no graph, batch norm on
  /// running statistics, no dropout).
  public static func evaluate(_ model: any Model, on data: Dataset, batchSize: Int = 512) -> (loss: Float, accuracy: Float) {
    Tensor.evaluating {
      var lossSum: Double = 0
      var correct = 0
      for start in stride(from: 0, to: data.count, by: batchSize) {
        let idx = Array(start..<min(start + batchSize, data.count))
        let batch = data.batch(idx[...])
        let logits = model(batch.inputs)
        lossSum += Double(logits.softmaxCrossEntropy(targets: batch.targets).item) * Double(batch.labels.count)
        correct += zip(logits.argmaxRows(), batch.labels).filter { $0 == $1 }.count
      }
      return (Float(lossSum / Double(data.labels.count)), Float(correct) / Float(data.labels.count))
    }
  }
}

/// One training run in progress: evaluations every `totalSteps / evaluations` steps (and at
/// the start and the end), training time with evaluation excluded.
public final class TrainingRun {
  public let state: TrainState
  let trainer: Trainer
  let steps: TrainingSteps
  let seed: UInt64
  let evalEvery: Int
  var points: [EvalPoint] = []
  var flopsPerStep: Int?
  var lossSum: Double = 0, lossCount = 0
  /// Seconds spent in training steps so far (evaluations excluded).
  public private(set) var trainSeconds = 0.0
  /// Whether a step's loss or gradient stopped being finite; the run then takes no more steps.
  public private(set) var diverged = false
  /// Whether the run has taken all its steps or diverged.
  public var isOver: Bool { diverged || state.step >= state.totalSteps }

  init(trainer: Trainer, state: TrainState, algorithms: [any Algorithm], seed: UInt64) {
    Memory.keepFreedBlocks()  // reuse freed activations instead of faulting in new pages
    self.trainer = trainer
    self.state = state
    self.seed = seed
    steps = TrainingSteps(state: state, algorithms: algorithms, train: trainer.train, seed: seed)
    steps.start()
    // After start: a technique may change the step budget when it initializes (a larger batch
    // takes fewer steps), and evaluations follow the budget it settles on.
    evalEvery = max(1, state.totalSteps / max(1, trainer.evaluations))
    evaluate()
  }

  /// Trains until `step` steps are done, the run's budget is spent, or it diverges.
  public func advance(to step: Int) {
    while !isOver && state.step < step {
      let clock = ContinuousClock.now
      do {
        let before = state.flops
        let loss = try steps.step()
        if flopsPerStep == nil { flopsPerStep = Int(state.flops - before) }
        lossSum += Double(loss)
        lossCount += 1
      } catch {
        diverged = true
      }
      trainSeconds += clock.duration(to: .now).seconds
      if diverged { break }
      if state.step % evalEvery == 0 || state.step == state.totalSteps { evaluate() }
    }
  }

  /// Closes the run (whatever steps remain are not taken) and returns its record, with the
  /// test-set accuracy unless it diverged.
  public func finish(arm: String) -> RunRecord {
    steps.finish()
    let testAccuracy = diverged ? .nan : Trainer.evaluate(state.model, on: trainer.test).accuracy
    return RunRecord(
      arm: arm, seed: seed, steps: state.step, points: points, testAccuracy: testAccuracy,
      trainSeconds: trainSeconds, diverged: diverged, trace: steps.engine.trace, flopsPerStep: flopsPerStep)
  }

  func evaluate() {
    steps.engine.fire(.evalStart, state)
    let (vLoss, vAcc) = Trainer.evaluate(state.model, on: trainer.validation)
    let mean = lossCount > 0 ? Float(lossSum / Double(lossCount)) : .nan
    points.append(
      EvalPoint(step: state.step, seconds: trainSeconds, flops: state.flops, trainLoss: mean, validationLoss: vLoss, validationAccuracy: vAcc))
    lossSum = 0
    lossCount = 0
    steps.engine.fire(.evalEnd, state)
  }
}

extension Duration {
  /// The duration in seconds, as a Double.
  public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
