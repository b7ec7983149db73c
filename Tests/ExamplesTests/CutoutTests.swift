// Cutout's mechanism: exactly the pixels of the (border-clipped) square take the fill value,
// every other pixel is unchanged, and the algorithm masks one square per image of the batch.
import Examples
import Tensor
import Testing
import Training

@Suite struct CutoutTests {
  @Test func masksExactlyTheClippedSquare() {
    // Two 1x6x6 images of ones; a 4 px square at (3, 3) and one clipped at the corner (0, 5).
    let x = Tensor(shape: [2, 36], data: [Float](repeating: 1, count: 72))
    let y = cutoutBatch(x, channels: 1, height: 6, width: 6, side: 4, centres: [(y: 3, x: 3), (y: 0, x: 5)], fill: 0.5)
    for i in 0..<6 {
      for j in 0..<6 {
        // Rows and columns cy − 2 ..< cy + 2, clipped to the image.
        let first = (1..<5).contains(i) && (1..<5).contains(j)
        let second = (0..<2).contains(i) && (3..<6).contains(j)
        #expect(y.data[i * 6 + j] == (first ? 0.5 : 1))
        #expect(y.data[36 + i * 6 + j] == (second ? 0.5 : 1))
      }
    }
  }

  @Test func algorithmMasksOneSquarePerImageWithTheMeanPixel() {
    var rng = RNG(seed: 1)
    let state = tinyState(MLP(widths: [64, 3], rng: &rng))
    let cutout = Cutout(side: 3)
    #expect(cutout.match(.fitStart, state) && cutout.match(.afterDataLoad, state))
    // Without a training set the fill falls back to 0; images of 2s make the mask visible.
    cutout.apply(.fitStart, state)
    #expect(cutout.fill == 0)
    state.inputs = Tensor(shape: [5, 64], data: [Float](repeating: 2, count: 320))
    cutout.apply(.afterDataLoad, state)
    for b in 0..<5 {
      let masked = state.inputs.data[(b * 64)..<(b * 64 + 64)].filter { $0 == 0 }.count
      // A 3x3 square, clipped at the border: between 4 and 9 pixels.
      #expect((4...9).contains(masked))
    }
  }

  @Test func registryRunsCutoutWithTheTrainingMean() {
    let records = smokeRun("cutout")
    #expect(records.map(\.steps) == [12, 12])
    #expect(records[1].trace["cutout/afterDataLoad"] == 12)
    #expect(records[1].trace["cutout/fitStart"] == 1)
  }
}
