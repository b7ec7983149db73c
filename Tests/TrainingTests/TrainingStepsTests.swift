// What TrainingSteps offers techniques: batches drawn only from the active examples, the
// batch's example indices, FLOPs that include work done by algorithms inside the step,
// evaluation wrapped in evalStart/evalEnd, and the previous step's graph released before the
// next step builds its own.
import Tensor
import Testing
@testable import Training

@Suite struct TrainingStepsTests {
  func steps(_ algorithms: [any Algorithm] = [], batch: Int = 10) -> TrainingSteps {
    let technique = Technique(slug: "t", workload: .digitsMLP) { [] }
    let recipe = Recipe(learningRate: 0.05, batchSize: batch, steps: 50)
    return TrainingSteps(state: technique.makeState(seed: 1, recipe: recipe), algorithms: algorithms, train: Dataset.syntheticDigits(count: 100), seed: 1)
  }

  /// Restricts training to the first 20 examples from the first step on.
  final class KeepFirst20: Algorithm {
    let name = "keep"
    func match(_ event: Event, _ state: TrainState) -> Bool { event == .fitStart }
    func apply(_ event: Event, _ state: TrainState) { state.activeExamples = Array(0..<20) }
  }

  @Test func epochsDrawOnlyFromTheActiveExamples() throws {
    let s = steps([KeepFirst20()])
    s.start()
    var seen = Set<Int>()
    for _ in 0..<6 {
      try s.step()
      seen.formUnion(s.state.batchIndices)
      #expect(s.state.batchIndices.count == 10)
    }
    #expect(seen == Set(0..<20))
    #expect(s.state.trainingSet?.count == 100)
  }

  /// After `at` steps, prunes to examples 50..<60, optionally restarting the epoch at once.
  final class PruneMidEpoch: Algorithm {
    let name = "prune"
    let at: Int, restart: Bool
    init(at: Int, restart: Bool) { (self.at, self.restart) = (at, restart) }
    func match(_ event: Event, _ state: TrainState) -> Bool { event == .batchStart && state.step == at }
    func apply(_ event: Event, _ state: TrainState) {
      state.activeExamples = Array(50..<60)
      state.restartEpoch = restart
    }
  }

  @Test func restartEpochAppliesActiveExamplesAtTheNextStep() throws {
    // Pruned at the start of step 2, in the middle of a 10-batch epoch.
    for restart in [true, false] {
      let s = steps([PruneMidEpoch(at: 2, restart: restart)])
      s.start()
      var epochs: [Int] = []
      var inPool: [Bool] = []
      for _ in 0..<4 {
        try s.step()
        epochs.append(s.state.epoch)
        inPool.append(s.state.batchIndices.allSatisfy { (50..<60).contains($0) })
      }
      if restart {
        // Step 3 opens a new epoch over the ten kept examples; the flag is cleared.
        #expect(epochs == [0, 0, 0, 1])
        #expect(inPool[3])
        #expect(!s.state.restartEpoch)
      } else {
        // Without the flag the epoch runs on over all 100 examples.
        #expect(epochs == [0, 0, 0, 0])
      }
    }
  }

  /// Prunes to examples 0..<20 when an epoch ends.
  final class PruneAtEpochEnd: Algorithm {
    let name = "prune-at-end"
    func match(_ event: Event, _ state: TrainState) -> Bool { event == .epochEnd }
    func apply(_ event: Event, _ state: TrainState) { state.activeExamples = Array(0..<20) }
  }

  @Test func activeExamplesSetAtEpochEndShapeTheNextEpoch() throws {
    let s = steps([PruneAtEpochEnd()])
    s.start()
    for _ in 0..<10 { try s.step() }  // the first epoch: 10 batches of 10
    try s.step()
    #expect(s.state.epoch == 1)
    #expect(s.state.batchIndices.allSatisfy { $0 < 20 })
  }

  /// Runs an extra forward pass on the batch after loading it, as a selection method would.
  final class ExtraForward: Algorithm {
    let name = "extra"
    func match(_ event: Event, _ state: TrainState) -> Bool { event == .afterDataLoad }
    func apply(_ event: Event, _ state: TrainState) { _ = Tensor.noGrad { state.model(state.inputs) } }
  }

  @Test func flopsIncludeTheTechniquesOwnWork() throws {
    let plain = steps(), extra = steps([ExtraForward()])
    plain.start()
    extra.start()
    try plain.step()
    try extra.step()
    // A 64-128-10 forward pass on 10 examples is 2 * 10 * (64*128 + 128*10) multiply-adds.
    let forward = 2.0 * 10 * (64 * 128 + 128 * 10)
    #expect(extra.state.flops - plain.state.flops >= forward)
  }

  /// Notes, at each batchStart, whether the previous step's loss and logits are still held.
  final class HeldGraph: Algorithm {
    let name = "held"
    var held: [Bool] = []
    func match(_ event: Event, _ state: TrainState) -> Bool { event == .batchStart }
    func apply(_ event: Event, _ state: TrainState) { held.append(state.loss != nil || state.logits != nil) }
  }

  @Test func thePreviousStepsGraphIsReleasedBeforeTheNextStep() throws {
    let probe = HeldGraph()
    let s = steps([probe])
    s.start()
    try s.step()
    #expect(s.state.loss != nil)  // kept after the step for anyone who reads it
    try s.step()
    #expect(probe.held == [false, false])
  }

  final class Recorder: Algorithm {
    let name = "rec"
    var events: [Event] = []
    func match(_ event: Event, _ state: TrainState) -> Bool { event == .evalStart || event == .evalEnd }
    func apply(_ event: Event, _ state: TrainState) { events.append(event) }
  }

  @Test func evaluationIsWrappedInEvalStartAndEnd() {
    let data = Dataset.syntheticDigits(count: 100).split(validation: 20, test: 20, seed: 0)
    let technique = Technique(slug: "t", workload: .digitsMLP) { [] }
    let recorder = Recorder()
    let record = Trainer(train: data.train, validation: data.validation, test: data.test, evaluations: 2)
      .fit(technique.makeState(seed: 1, recipe: Recipe(learningRate: 0.05, batchSize: 10, steps: 10)), algorithms: [recorder], arm: "t", seed: 1)
    #expect(record.points.count == 3)
    #expect(recorder.events == [.evalStart, .evalEnd, .evalStart, .evalEnd, .evalStart, .evalEnd])
  }
}
