// The training loop end to end: an MLP learns the digits, events fire in order with the FILO
// rule, a diverging run is recorded as diverged, and runs repeat exactly for a seed.
import Tensor
import Testing
@testable import Training

@Suite struct TrainerTests {
  func makeState(seed: UInt64, recipe: Recipe) -> TrainState {
    var rng = RNG(seed: seed)
    let model = MLP(widths: [64, 32, 10], rng: &rng)
    let optimizer = SGD(model.parameters.map(\.tensor), momentum: recipe.momentum, nesterov: recipe.nesterov)
    return TrainState(model: model, optimizer: optimizer, recipe: recipe, rng: RNG(seed: seed + 1))
  }

  func splits() -> (Dataset, Dataset, Dataset) {
    let (data, _) = digitsOrSynthetic()
    let s = data.split(validation: 150, test: 150, seed: 0)
    return (s.train, s.validation, s.test)
  }

  @Test func mlpLossDecreasesAndAccuracyRisesOnDigits() {
    let (train, validation, test) = splits()
    let recipe = Recipe(learningRate: 0.05, momentum: 0.9, nesterov: true, batchSize: 32, steps: 300)
    let record = Trainer(train: train, validation: validation, test: test, evaluations: 5)
      .fit(makeState(seed: 3, recipe: recipe), algorithms: [], arm: "baseline", seed: 3)
    let first = record.points.first!, last = record.points.last!
    #expect(!record.diverged)
    #expect(record.steps == 300)
    #expect(last.validationLoss < 0.5 * first.validationLoss)
    // Chance is 10%; a working MLP gets far past it on either data set in 300 steps.
    #expect(last.validationAccuracy > 0.85)
    #expect(record.testAccuracy > 0.85)
    #expect(record.points.map(\.step) == record.points.map(\.step).sorted())
    // 32 x (64 -> 32 -> 10): matmul FLOPs alone are 2*32*(64*32 + 32*10) forward and about
    // twice that backward; elementwise ops add a little.
    let matmul = 2 * 32 * (64 * 32 + 32 * 10)
    #expect(record.flopsPerStep.map { $0 > 2 * matmul && $0 < 4 * matmul } == true)
  }

  @Test func sameSeedRepeatsExactly() {
    let (train, validation, test) = splits()
    let recipe = Recipe(learningRate: 0.05, batchSize: 32, steps: 40)
    let trainer = Trainer(train: train, validation: validation, test: test, evaluations: 2)
    let a = trainer.fit(makeState(seed: 5, recipe: recipe), algorithms: [], arm: "a", seed: 5)
    let b = trainer.fit(makeState(seed: 5, recipe: recipe), algorithms: [], arm: "b", seed: 5)
    #expect(a.points.map(\.validationLoss) == b.points.map(\.validationLoss))
    #expect(a.testAccuracy == b.testAccuracy)
  }

  /// Poisons the batch with a NaN from step `at` on, as an overflowing op would.
  final class PoisonBatch: Algorithm {
    let name = "poison"
    let at: Int
    init(at: Int) { self.at = at }
    func match(_ event: Event, _ state: TrainState) -> Bool { event == .afterDataLoad && state.step >= at }
    func apply(_ event: Event, _ state: TrainState) { state.inputs.data[0] = .nan }
  }

  @Test func divergingRunIsRecordedNotCrashed() {
    let (train, validation, test) = splits()
    let recipe = Recipe(learningRate: 0.05, batchSize: 32, steps: 200)
    let record = Trainer(train: train, validation: validation, test: test, evaluations: 4)
      .fit(makeState(seed: 1, recipe: recipe), algorithms: [PoisonBatch(at: 60)], arm: "t", seed: 1)
    #expect(record.diverged)
    #expect(record.steps == 60)
    #expect(record.testAccuracy.isNaN)
    // The points before the divergence are kept (start, step 50).
    #expect(record.points.map(\.step) == [0, 50])
  }

  /// Records the events it sees; the first of two recorders must see after-events last.
  final class Recorder: Algorithm {
    let name: String
    var log: [String]
    let shared: SharedLog
    init(_ name: String, _ shared: SharedLog) {
      self.name = name
      self.shared = shared
      self.log = []
    }
    func match(_ event: Event, _ state: TrainState) -> Bool { event == .afterDataLoad || event == .beforeForward || event == .afterForward }
    func apply(_ event: Event, _ state: TrainState) { shared.entries.append("\(name)/\(event.rawValue)") }
  }
  final class SharedLog { var entries: [String] = [] }

  @Test func algorithmsRunInOrderBeforeAndReversedAfter() {
    let (train, validation, test) = splits()
    let shared = SharedLog()
    let recipe = Recipe(learningRate: 0.01, batchSize: 16, steps: 1)
    let record = Trainer(train: train, validation: validation, test: test, evaluations: 1)
      .fit(makeState(seed: 2, recipe: recipe), algorithms: [Recorder("a", shared), Recorder("b", shared)], arm: "t", seed: 2)
    #expect(shared.entries == ["b/afterDataLoad", "a/afterDataLoad", "a/beforeForward", "b/beforeForward", "b/afterForward", "a/afterForward"])
    #expect(record.trace["a/beforeForward"] == 1)
    #expect(record.trace["b/afterForward"] == 1)
  }
}
