// # Cutout
//
// Mask one square of every training image with a constant. For an image x [C,H,W], a side
// length s and a centre (cy, cx) drawn uniformly over the image:
//
//     x~[c, i, j] = fill   if |i − cy| and |j − cx| put (i, j) inside the s × s square
//                  x[c, i, j] otherwise
//
// The square is clipped at the image border, so a centre near an edge masks less. The
// network can no longer rely on one small discriminative region and has to use the rest of
// the object.
//
// **How it saves compute** (`fewer-steps`): a regulariser. Writing one square per image is
// nothing next to a forward and backward pass; it can only save compute by reaching a target
// quality in fewer steps, and in short runs a harder training task often needs more.
//
// Paper: DeVries & Taylor, "Improved Regularization of Convolutional Neural Networks with
// Cutout", 2017 (`devries2017improved`, https://arxiv.org/abs/1708.04552).
import Tensor
import Training

// ## The functional form
//
// Masks one square per image of a batch of flattened images [B, C·H·W]. The centres are
// passed in, so a test can check exactly which pixels change. For an even side s the square
// covers rows cy − s/2 ..< cy + s/2, as in the authors' code (`y1 = clip(y − s/2)`,
// `y2 = clip(y + s/2)`).
public func cutoutBatch(
  _ images: Tensor, channels: Int, height: Int, width: Int, side: Int, centres: [(y: Int, x: Int)], fill: Float = 0
) -> Tensor {
  let batch = images.shape[0]
  precondition(
    images.count == batch * channels * height * width && centres.count == batch,
    "cutoutBatch: images \(images.shape) are not \(batch) x \(channels)x\(height)x\(width), or \(centres.count) centres for \(batch) images")
  var out = images.data
  for (b, centre) in centres.enumerated() {
    let rows = max(0, centre.y - side / 2)..<min(height, centre.y - side / 2 + side)
    let cols = max(0, centre.x - side / 2)..<min(width, centre.x - side / 2 + side)
    for c in 0..<channels {
      for i in rows {
        for j in cols { out[((b * channels + c) * height + i) * width + j] = fill }
      }
    }
  }
  return Tensor(shape: images.shape, data: out)
}

// ## The algorithm
//
// Right after a batch is loaded, draw one centre per image from the technique's random
// stream and mask the squares. Images arrive flattened and square (C·S·S features); the fill
// is the training set's mean pixel, the value that "0 after mean normalisation" stands for in
// the paper (our pixels are in [0, 1], not normalised), computed once at fitStart (set-up).
public final class Cutout: Algorithm {
  public let name = "cutout"
  /// Side of the masked square, in pixels.
  public let side: Int
  public let channels: Int
  /// The fill value; nil means the training set's mean pixel.
  public private(set) var fill: Float?

  public init(side: Int = 16, channels: Int = 1, fill: Float? = nil) {
    precondition(side > 0 && channels > 0, "Cutout(side: \(side), channels: \(channels)): both must be positive")
    self.side = side
    self.channels = channels
    self.fill = fill
  }

  public func match(_ event: Event, _ state: TrainState) -> Bool {
    event == .afterDataLoad || (event == .fitStart && fill == nil)
  }

  public func apply(_ event: Event, _ state: TrainState) {
    if event == .fitStart {
      let pixels = state.trainingSet?.features ?? []
      fill = pixels.isEmpty ? 0 : Float(pixels.reduce(0.0) { $0 + Double($1) } / Double(pixels.count))
      return
    }
    let perImage = state.inputs.count / state.inputs.shape[0] / channels
    let size = Int(Double(perImage).squareRoot())
    precondition(size * size == perImage, "Cutout: inputs \(state.inputs.shape) are not square \(channels)-channel images")
    let centres = (0..<state.inputs.shape[0]).map { _ in
      (y: Int(state.rng.next() % UInt64(size)), x: Int(state.rng.next() % UInt64(size)))
    }
    state.inputs = cutoutBatch(
      state.inputs, channels: channels, height: size, width: size, side: side, centres: centres, fill: fill ?? 0)
  }
}

// MARK: - Experiment
//
// The residual CNN on Fashion-MNIST at 14 x 14. The paper's 16 px on 32 px CIFAR-10 is half
// the side; its CIFAR-100 setting, 8 px on 32 px, is a quarter, for classes told apart by
// small details. Fashion-MNIST's garments fill the frame (CIFAR's objects share it with
// background), and several classes differ only in a sleeve or a collar (shirt, T-shirt,
// pullover, coat), so half the side would often delete what decides the class. We take the
// quarter-side setting: 14 / 4 = 3.5, rounded up to 4 px (an 8 x 8 square of the original
// 28 x 28 image, at most 8% of the pixels).
extension Examples {
  static let cutout = Technique(slug: "cutout", workload: .fashionCNN) { [Cutout(side: 4, channels: 1)] }
}
