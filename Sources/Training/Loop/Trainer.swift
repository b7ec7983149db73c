// The training loop. It fires every event of Event.swift in order, times training with
// evaluation excluded, and stops cleanly (recording divergence) if the loss stops being finite.
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
    let engine = AlgorithmEngine(algorithms)
    var dataRNG = RNG(seed: seed &+ 0xDA7A)
    let batchSize = state.recipe.batchSize
    let evalEvery = max(1, state.totalSteps / max(1, evaluations))
    var points: [EvalPoint] = []
    var seconds = 0.0
    var lossSum: Double = 0, lossCount = 0
    var diverged = false
    var flopsPerStep: Int?

    func evaluate() {
      let (vLoss, vAcc) = Self.evaluate(state.model, on: validation)
      let mean = lossCount > 0 ? Float(lossSum / Double(lossCount)) : .nan
      points.append(EvalPoint(step: state.step, seconds: seconds, trainLoss: mean, validationLoss: vLoss, validationAccuracy: vAcc))
      lossSum = 0
      lossCount = 0
      engine.fire(.evaluate, state)
    }

    engine.fire(.initialize, state)
    engine.fire(.fitStart, state)
    evaluate()
    training: while state.step < state.totalSteps {
      engine.fire(.epochStart, state)
      let order = dataRNG.permutation(train.count)
      // Drop the last partial batch so every step costs the same.
      for start in stride(from: 0, to: order.count - batchSize + 1, by: batchSize) {
        let clock = ContinuousClock.now
        engine.fire(.batchStart, state)
        let batch = train.batch(order[start..<(start + batchSize)])
        state.inputs = batch.inputs
        state.targets = batch.targets
        engine.fire(.afterDataLoad, state)
        // Forward, loss and backward; nil when the loss or the gradient norm is not finite.
        func forwardBackward() -> Float? {
          engine.fire(.beforeForward, state)
          state.logits = state.model(state.inputs)
          engine.fire(.afterForward, state)
          engine.fire(.beforeLoss, state)
          state.loss = state.logits!.softmaxCrossEntropy(targets: state.targets)
          engine.fire(.afterLoss, state)
          let lossValue = state.loss!.item
          guard lossValue.isFinite else { return nil }
          engine.fire(.beforeBackward, state)
          state.model.zeroGrad()
          state.loss!.backward()
          engine.fire(.afterBackward, state)
          // A NaN or Inf that appears only in the backward pass shows in the gradient norm; one
          // pass over the parameters, far cheaper than the step itself.
          state.gradientNorm = state.model.gradientNorm()
          return state.gradientNorm.isFinite ? lossValue : nil
        }
        // The first step also counts its FLOPs (every step of a run has the same shapes).
        let counter = FLOPCounter()
        let result = state.step == 0 ? Tensor.countingFLOPs(counter) { forwardBackward() } : forwardBackward()
        if state.step == 0 { flopsPerStep = counter.total }
        guard let lossValue = result else {
          diverged = true
          seconds += clock.duration(to: .now).seconds
          break training
        }
        state.learningRate = state.recipe.learningRate * state.recipe.schedule.multiplier(at: state.progress)
        engine.fire(.beforeOptimizerStep, state)
        state.optimizer.step(lr: state.learningRate)
        state.step += 1
        engine.fire(.afterOptimizerStep, state)
        engine.fire(.batchEnd, state)
        seconds += clock.duration(to: .now).seconds
        lossSum += Double(lossValue)
        lossCount += 1
        if state.step % evalEvery == 0 || state.step == state.totalSteps { evaluate() }
        if state.step >= state.totalSteps { break }
      }
      engine.fire(.epochEnd, state)
      state.epoch += 1
    }
    engine.fire(.fitEnd, state)
    let testAccuracy = diverged ? .nan : Self.evaluate(state.model, on: test).accuracy
    return RunRecord(
      arm: arm, seed: seed, steps: state.step, points: points, testAccuracy: testAccuracy,
      trainSeconds: seconds, diverged: diverged, trace: engine.trace, flopsPerStep: flopsPerStep)
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
        lossSum += Double(logits.softmaxCrossEntropy(targets: batch.targets).item) * Double(idx.count)
        correct += zip(logits.argmaxRows(), batch.labels).filter { $0 == $1 }.count
      }
      return (Float(lossSum / Double(data.count)), Float(correct) / Float(data.count))
    }
  }
}

extension Duration {
  /// The duration in seconds, as a Double.
  var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
