// Sequence length warmup's mechanism: the schedule grows from the start length in multiples
// of the step and reaches the full context at the end of the warmup; truncation keeps each
// window's first positions and exactly their labels; the model is given the scheduled lengths.
import Examples
import Tensor
import Testing
import Training

@Suite struct SequenceLengthWarmupTests {
  @Test func scheduleGrowsInStepsToTheFullContext() {
    func length(_ p: Float) -> Int { warmupSequenceLength(progress: p, start: 8, full: 64, duration: 0.3, step: 8) }
    #expect(length(0) == 8)
    #expect(length(0.15) == 32)  // 8 + 56 x 0.5 = 36, down to a multiple of 8
    #expect(length(0.29) == 56)
    #expect([0.3, 0.5, 1].map(length) == [64, 64, 64])
  }

  @Test func truncationKeepsTheFirstPositionsAndTheirLabels() {
    let ids = Tensor(shape: [2, 4], data: [0, 1, 2, 3, 4, 5, 6, 7])
    let targets = Tensor.oneHot([1, 2, 3, 4, 5, 6, 7, 0], classes: 8)  // the next token of each position
    let (x, t) = truncateWindows(inputs: ids, targets: targets, length: 2)
    #expect(x.shape == [2, 2] && x.data == [0, 1, 4, 5])
    #expect(t.shape == [4, 8] && t.argmaxRows() == [1, 2, 5, 6])
  }

  /// Random token windows: `count` windows of `context` tokens with their next-token labels.
  static func windows(count: Int, context: Int, vocab: Int) -> Dataset {
    var rng = RNG(seed: 9)
    let tokens = (0...(count * context)).map { _ in Int(rng.next() % UInt64(vocab)) }
    var features: [Float] = [], labels: [Int] = []
    for w in 0..<count {
      features += tokens[(w * context)..<((w + 1) * context)].map(Float.init)
      labels += tokens[(w * context + 1)...((w + 1) * context)]
    }
    return Dataset(name: "windows", features: features, labels: labels, featureCount: context, classes: vocab, labelsPerExample: context)
  }

  /// Records the sequence length and the number of label rows at every step.
  final class LengthRecorder: Algorithm {
    let name = "lengths"
    var lengths: [Int] = [], labelRows: [Int] = []
    func match(_ event: Event, _ state: TrainState) -> Bool { event == .beforeForward }
    func apply(_ event: Event, _ state: TrainState) {
      lengths.append(state.inputs.shape[1])
      labelRows.append(state.targets.shape[0])
    }
  }

  @Test func modelSeesTheScheduledLengths() throws {
    var rng = RNG(seed: 1)
    let state = tinyState(CharacterLM(vocab: 12, context: 16, dModel: 8, heads: 2, layers: 1, rng: &rng), batch: 3, steps: 10)
    let recorder = LengthRecorder()
    let warmup = SequenceLengthWarmup(start: 4, duration: 0.5, step: 4)
    let steps = TrainingSteps(state: state, algorithms: [warmup, recorder], train: Self.windows(count: 20, context: 16, vocab: 12), seed: 1)
    steps.start()
    for _ in 0..<10 { try steps.step() }
    #expect(recorder.lengths == (0..<10).map { warmupSequenceLength(progress: Float($0) / 10, start: 4, full: 16, duration: 0.5, step: 4) })
    #expect(recorder.lengths == [4, 4, 8, 8, 12, 16, 16, 16, 16, 16])
    #expect(recorder.labelRows == recorder.lengths.map { 3 * $0 })
  }
}
