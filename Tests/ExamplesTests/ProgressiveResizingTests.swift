// Progressive resizing's mechanism: the schedule holds the initial size, ramps linearly and
// ends at full size; resizing by area averages pixel blocks; and the algorithm feeds the
// model batches of exactly the scheduled sizes, step by step.
import Examples
import Tensor
import Testing
import Training

@Suite struct ProgressiveResizingTests {
  @Test func scheduleHoldsRampsAndEndsAtFullSize() {
    func side(_ p: Float) -> Int { progressiveSide(progress: p, fullSide: 14, initialScale: 0.5, delay: 0.5, fineTune: 0.2) }
    #expect([0, 0.25, 0.49].map(side) == [7, 7, 7])
    // Ramp over [0.5, 0.8): scale 0.5 + 0.5 (p − 0.5) / 0.3.
    #expect(side(0.6) == 9 && side(0.7) == 12)
    #expect([0.8, 0.9, 1].map(side) == [14, 14, 14])
    // Never shrinks over a 400-step run.
    let sides = (0..<400).map { side(Float($0) / 400) }
    #expect(zip(sides, sides.dropFirst()).allSatisfy { $0 <= $1 })
  }

  @Test func areaResizeAveragesBlocks() {
    let x = Tensor(shape: [1, 16], data: (0..<16).map(Float.init))  // one 4x4 image
    let y = resizeBatch(x, channels: 1, side: 2)
    #expect(y.shape == [1, 4])
    #expect(y.data == [2.5, 4.5, 10.5, 12.5])
    #expect(resizeBatch(x, channels: 1, side: 4).data == x.data)
  }

  /// Records the side of the images the model is given at every step.
  final class SideRecorder: Algorithm {
    let name = "sides"
    var sides: [Int] = []
    func match(_ event: Event, _ state: TrainState) -> Bool { event == .beforeForward }
    func apply(_ event: Event, _ state: TrainState) { sides.append(Int(Double(state.inputs.shape[1]).squareRoot())) }
  }

  @Test func modelSeesTheScheduledSizes() throws {
    var rng = RNG(seed: 1)
    let state = tinyState(ResidualCNN(inChannels: 1, widths: [4, 8], classes: 10, rng: &rng), batch: 8, steps: 10)
    let recorder = SideRecorder()
    let steps = TrainingSteps(
      state: state, algorithms: [ProgressiveResizing(), recorder], train: Dataset.syntheticDigits(count: 100, seed: 1), seed: 1)
    steps.start()
    for _ in 0..<10 { try steps.step() }
    let expected = (0..<10).map { progressiveSide(progress: Float($0) / 10, fullSide: 8, initialScale: 0.5, delay: 0.5, fineTune: 0.2) }
    #expect(recorder.sides == expected)
    #expect(expected.first == 4 && expected.last == 8)
  }
}
