// One optimizer step at a time, with every event of Event.swift fired in order. The trainer
// (Trainer.swift) drives it between evaluations; the A/B step timer (Measure/StepTimer.swift)
// drives two of them alternately. Sharing this code is what makes the timed steps the same
// steps that the runs take.
import Foundation
import Tensor

/// Feeds batches in seeded epochs and takes training steps on one state.
public final class TrainingSteps {
  public let state: TrainState
  let engine: AlgorithmEngine
  let train: Dataset
  private var dataRNG: RNG
  private var order: [Int] = []
  private var cursor = 0
  private var epochOpen = false

  /// Why a step did not complete.
  public enum Stop: Error { case diverged }

  public init(state: TrainState, algorithms: [any Algorithm], train: Dataset, seed: UInt64) {
    precondition(train.count >= state.recipe.batchSize, "TrainingSteps: batch \(state.recipe.batchSize) > \(train.count) examples")
    self.state = state
    state.trainingSet = train
    self.engine = AlgorithmEngine(algorithms)
    self.train = train
    self.dataRNG = RNG(seed: seed &+ 0xDA7A)
  }

  /// Fires initialize and fitStart.
  public func start() {
    engine.fire(.initialize, state)
    engine.fire(.fitStart, state)
  }

  /// Fires the closing events.
  public func finish() {
    if epochOpen { closeEpoch() }
    engine.fire(.fitEnd, state)
  }

  /// Takes one step and returns its training loss, or throws `Stop.diverged` when the loss or
  /// the gradient norm is not finite (the step's update is then not applied).
  @discardableResult
  public func step() throws -> Float {
    // Everything a step does is counted, the technique's own work included (a selection
    // forward pass, a second SAM pass, a scoring pass): FLOPs are a currency of the protocol.
    let counter = FLOPCounter()
    defer { state.flops += Double(counter.total) }
    return try Tensor.countingFLOPs(counter) { try stepBody() }
  }

  private func stepBody() throws -> Float {
    // The previous step's graph (held by its loss) is released before this step allocates its
    // own, so the peak holds one step's activations, not two.
    state.logits = nil
    state.loss = nil
    let batchSize = state.recipe.batchSize
    // Drop the last partial batch so every step costs the same.
    if !epochOpen || state.restartEpoch || cursor + batchSize > order.count {
      if epochOpen { closeEpoch() }
      // Read after epochEnd, so a technique that prunes at the end of an epoch shapes the next.
      let pool = state.activeExamples
      state.restartEpoch = false
      order = pool.map { p in dataRNG.permutation(p.count).map { p[$0] } } ?? dataRNG.permutation(train.count)
      precondition(order.count >= batchSize, "TrainingSteps: batch \(batchSize) > \(order.count) active examples")
      cursor = 0
      epochOpen = true
      engine.fire(.epochStart, state)
    }
    engine.fire(.batchStart, state)
    let indices = order[cursor..<(cursor + batchSize)]
    let batch = train.batch(indices)
    cursor += batchSize
    state.batchIndices = Array(indices)
    state.inputs = batch.inputs
    state.targets = batch.targets
    engine.fire(.afterDataLoad, state)
    engine.fire(.beforeForward, state)
    state.logits = state.model(state.inputs)
    engine.fire(.afterForward, state)
    engine.fire(.beforeLoss, state)
    state.loss = state.logits!.softmaxCrossEntropy(targets: state.targets)
    engine.fire(.afterLoss, state)
    let lossValue = state.loss!.item
    guard lossValue.isFinite else { throw Stop.diverged }
    engine.fire(.beforeBackward, state)
    state.model.zeroGrad()
    state.loss!.backward()
    engine.fire(.afterBackward, state)
    // A NaN or Inf that appears only in the backward pass shows in the gradient norm; one
    // pass over the parameters, far cheaper than the step itself.
    state.gradientNorm = state.model.gradientNorm()
    guard state.gradientNorm.isFinite else { throw Stop.diverged }
    state.learningRate = state.recipe.learningRate * state.recipe.schedule.multiplier(at: state.progress)
    engine.fire(.beforeOptimizerStep, state)
    state.optimizer.step(lr: state.learningRate)
    state.step += 1
    engine.fire(.afterOptimizerStep, state)
    engine.fire(.batchEnd, state)
    return lossValue
  }

  private func closeEpoch() {
    engine.fire(.epochEnd, state)
    state.epoch += 1
    epochOpen = false
  }
}
