// # Progressive resizing
//
// Train on downscaled images early in the run and grow them to full size by the end. With
// the side as a fraction s of full size, initial scale s₀, and progress p ∈ [0, 1]:
//
//     s(p) = s₀                                      p < delay
//            s₀ + (1 − s₀) · (p − delay) / ramp      delay ≤ p < 1 − fineTune
//            1                                       p ≥ 1 − fineTune
//     ramp = 1 − delay − fineTune,  side(p) = round(s(p) · full side)
//
// **How it saves compute** (`cheaper-steps`): a convolution's work grows with the number of
// pixels, so a step at half the side costs about a quarter of a full-size step. The network
// must be able to take any size: the residual CNN ends in global average pooling, so it does.
// The last stretch at full size lets it adapt to the resolution it is evaluated at.
//
// Popularised by fast.ai's ImageNet runs and MosaicML Composer's method (whose schedule this
// is); refined by Tan & Le, "EfficientNetV2: Smaller Models and Faster Training", ICML 2021
// (`tan2021efficientnetv2`, https://arxiv.org/abs/2104.00298), which also grows
// regularisation with the size.
import Foundation
import Tensor
import Training

// ## The functional form
//
// The scheduled side length at progress p, never below 1 pixel.
public func progressiveSide(progress p: Float, fullSide: Int, initialScale: Float, delay: Float, fineTune: Float) -> Int {
  precondition(delay >= 0 && fineTune >= 0 && delay + fineTune <= 1, "progressiveSide: delay \(delay) + fineTune \(fineTune) must fit in [0, 1]")
  let ramp = 1 - delay - fineTune
  let scale: Float
  if p < delay {
    scale = initialScale
  } else if p >= 1 - fineTune || ramp <= 0 {
    scale = 1
  } else {
    scale = initialScale + (1 - initialScale) * (p - delay) / ramp
  }
  return max(1, Int((scale * Float(fullSide)).rounded()))
}

// Resizes a batch of flattened square images [B, C·S·S] to [B, C·side·side] by area
// averaging (each output pixel is the mean of the input pixels it covers: the filter that
// made the workload's 14 × 14 images from 28 × 28, so a 7 × 7 image is exactly the
// original at 7 × 7).
public func resizeBatch(_ images: Tensor, channels: Int, side: Int) -> Tensor {
  let b = images.shape[0]
  let full = Int((Double(images.count / b / channels)).squareRoot())
  precondition(full * full * channels * b == images.count, "resizeBatch: \(images.shape) is not \(b) square \(channels)-channel images")
  guard side != full else { return images }
  return images.reshape([b, channels, full, full]).resize(height: side, width: side, mode: .area).reshape([b, channels * side * side])
}

// ## The algorithm
//
// Right after a batch is loaded, resize it to the scheduled side. Evaluation is untouched and
// always sees full-size images.
public final class ProgressiveResizing: Algorithm {
  public let name = "progressive-resizing"
  public let initialScale: Float, delay: Float, fineTune: Float
  public let channels: Int

  public init(initialScale: Float = 0.5, delay: Float = 0.5, fineTune: Float = 0.2, channels: Int = 1) {
    precondition(initialScale > 0 && initialScale <= 1, "ProgressiveResizing(initialScale: \(initialScale)): must lie in (0, 1]")
    precondition(delay >= 0 && fineTune >= 0 && delay + fineTune <= 1, "ProgressiveResizing: delay \(delay) + fineTune \(fineTune) must fit in [0, 1]")
    (self.initialScale, self.delay, self.fineTune, self.channels) = (initialScale, delay, fineTune, channels)
  }

  public func match(_ event: Event, _ state: TrainState) -> Bool { event == .afterDataLoad }

  public func apply(_ event: Event, _ state: TrainState) {
    let full = Int((Double(state.inputs.count / state.inputs.shape[0] / channels)).squareRoot())
    let side = progressiveSide(progress: state.progress, fullSide: full, initialScale: initialScale, delay: delay, fineTune: fineTune)
    state.inputs = resizeBatch(state.inputs, channels: channels, side: side)
  }
}

// MARK: - Experiment
//
// The residual CNN on Fashion-MNIST at 14 × 14; its global average pooling takes any size.
// Composer's ImageNet defaults, which are the card's: start at half the side (7 × 7, a
// quarter of the pixels), hold it for the first half of training, grow linearly, and train
// the last 20% at full size. Sizes are whole pixels (7 to 14): on a CPU there is no
// recompilation to save by coarser steps.
extension Examples {
  static let progressiveResizing = Technique(slug: "progressive-resizing", workload: .fashionCNN) {
    [ProgressiveResizing(initialScale: 0.5, delay: 0.5, fineTune: 0.2, channels: 1)]
  }
}
