// # Sequence length warmup
//
// Train a language model on truncated sequences early in the run and grow their length to
// the full context. With a start length L₀, full context L, warmup duration d (a fraction of
// training), a rounding step r and progress p ∈ [0, 1]:
//
//     L(p) = L                                         p ≥ d
//            max(L₀, ⌊(L₀ + (L − L₀) · p / d) / r⌋ · r)    p < d
//
// Each window of L tokens is cut to its first L(p) tokens and their next-token labels; the
// rest of the window is not trained on during the warmup.
//
// **How it saves compute** (`cheaper-steps`, `fewer-steps`): a step on sequences of length
// L(p) costs about L(p)/L of a full step (a little less, since attention grows with the
// square of the length), so the warmup's steps are cheap. Li et al. find that short early
// sequences also remove the gradient-variance spikes that make large batches and learning
// rates unstable; most of their saving comes from the larger batch and learning rate this
// allows. We keep the baseline's recipe, so only the cheaper steps can show.
//
// Paper: Li, Zhang & He, "The Stability-Efficiency Dilemma: Investigating Sequence Length
// Warmup for Training GPT Models", NeurIPS 2022 (`li2022stability`,
// https://arxiv.org/abs/2108.06084).
import Tensor
import Training

// ## The functional form
//
// The scheduled length at progress p.
public func warmupSequenceLength(progress p: Float, start: Int, full: Int, duration: Float, step: Int) -> Int {
  precondition(start > 0 && start <= full && step > 0, "warmupSequenceLength: start \(start), full \(full), step \(step)")
  guard duration > 0, p < duration else { return full }
  let grown = Float(start) + Float(full - start) * p / duration
  return min(full, max(start, Int(grown) / step * step))
}

// Truncates a batch of windows: token ids [B,T] to [B,length], and their targets [B·T,V]
// (row b·T + t is position t of window b) to the rows of the first `length` positions.
public func truncateWindows(inputs: Tensor, targets: Tensor, length: Int) -> (inputs: Tensor, targets: Tensor) {
  let (b, t) = (inputs.shape[0], inputs.shape[1])
  precondition(inputs.rank == 2 && targets.shape[0] == b * t, "truncateWindows: inputs \(inputs.shape), targets \(targets.shape)")
  guard length < t else { return (inputs, targets) }
  let rows = (0..<b).flatMap { w in (0..<length).map { w * t + $0 } }
  return (inputs.slice(axis: 1, 0..<length), targets.gather(rows: rows))
}

// ## The algorithm
//
// Right after a batch is loaded, cut its windows to the scheduled length. The model takes any
// length up to its context (position embeddings are looked up for positions 0..<T), and
// evaluation always runs on full windows.
public final class SequenceLengthWarmup: Algorithm {
  public let name = "sequence-length-warmup"
  public let start: Int, duration: Float, step: Int

  public init(start: Int = 8, duration: Float = 0.3, step: Int = 8) {
    precondition(start > 0 && step > 0 && duration >= 0 && duration <= 1, "SequenceLengthWarmup(start: \(start), duration: \(duration), step: \(step))")
    (self.start, self.duration, self.step) = (start, duration, step)
  }

  public func match(_ event: Event, _ state: TrainState) -> Bool { event == .afterDataLoad }

  public func apply(_ event: Event, _ state: TrainState) {
    let full = state.inputs.shape[1]
    let length = warmupSequenceLength(progress: state.progress, start: min(start, full), full: full, duration: duration, step: step)
    (state.inputs, state.targets) = truncateWindows(inputs: state.inputs, targets: state.targets, length: length)
  }
}

// MARK: - Experiment
//
// The character-level Transformer on Shakespeare, context 64. Composer's settings, which are
// the card's: start at 8 tokens, grow linearly in multiples of 8 over the first 30% of
// training, then train at the full 64. We keep the tuned baseline's batch and learning rate:
// raising them is a second technique (the card says so), and measuring it would need its own
// sweep.
extension Examples {
  static let sequenceLengthWarmup = Technique(slug: "sequence-length-warmup", workload: .textTransformer) {
    [SequenceLengthWarmup(start: 8, duration: 0.3, step: 8)]
  }
}
