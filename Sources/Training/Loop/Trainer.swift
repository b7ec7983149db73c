// The training loop: steps (TrainingSteps.swift) with evaluations in between. It times training
// with evaluation excluded, and stops cleanly, recording divergence, if the loss or the
// gradients stop being finite.
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
    Memory.keepFreedBlocks()  // reuse freed activations instead of faulting in new pages
    let steps = TrainingSteps(state: state, algorithms: algorithms, train: train, seed: seed)
    var flopsPerStep: Int?
    var points: [EvalPoint] = []
    var seconds = 0.0
    var lossSum: Double = 0, lossCount = 0
    var diverged = false

    func evaluate() {
      steps.engine.fire(.evalStart, state)
      let (vLoss, vAcc) = Self.evaluate(state.model, on: validation)
      let mean = lossCount > 0 ? Float(lossSum / Double(lossCount)) : .nan
      points.append(
        EvalPoint(step: state.step, seconds: seconds, flops: state.flops, trainLoss: mean, validationLoss: vLoss, validationAccuracy: vAcc))
      lossSum = 0
      lossCount = 0
      steps.engine.fire(.evalEnd, state)
    }

    steps.start()
    // After start: a technique may change the step budget when it initializes (a larger batch
    // takes fewer steps), and evaluations follow the budget it settles on.
    let evalEvery = max(1, state.totalSteps / max(1, evaluations))
    evaluate()
    while state.step < state.totalSteps {
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
      seconds += clock.duration(to: .now).seconds
      if diverged { break }
      if state.step % evalEvery == 0 || state.step == state.totalSteps { evaluate() }
    }
    steps.finish()
    let testAccuracy = diverged ? .nan : Self.evaluate(state.model, on: test).accuracy
    return RunRecord(
      arm: arm, seed: seed, steps: state.step, points: points, testAccuracy: testAccuracy,
      trainSeconds: seconds, diverged: diverged, trace: steps.engine.trace, flopsPerStep: flopsPerStep)
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

extension Duration {
  /// The duration in seconds, as a Double.
  public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
