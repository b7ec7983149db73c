// # Stochastic depth
//
// For every mini-batch, keep residual block l (of L) with survival probability p_l and
// otherwise skip its residual branch, leaving the shortcut alone. The probabilities fall
// linearly with depth, from 1 before the first block to p_L at the last:
//
//     p_l = 1 − (l / L) · (1 − p_L)        l = 1 … L
//     training:    H_l = relu(b_l · f_l(H_{l−1}) + shortcut(H_{l−1})),   b_l ~ Bernoulli(p_l)
//     evaluation:  H_l = relu(p_l · f_l(H_{l−1}) + shortcut(H_{l−1}))
//
// At evaluation every branch runs, scaled by its survival probability, its expected
// contribution during training (the paper's rule).
//
// **How it saves compute** (`cheaper-steps`): the whole batch skips a dropped branch, so its
// convolutions cost nothing forward or backward; with p_L = 0.5 about a quarter of block
// computations are skipped in expectation in a deep network. It also regularizes (an
// implicit ensemble of shallower networks), which may cost or save steps.
//
// Paper: Huang, Sun, Liu, Sedra & Weinberger, "Deep Networks with Stochastic Depth", ECCV 2016
// (`huang2016deep`, https://arxiv.org/abs/1603.09382).
import Tensor
import Training

// ## The functional form
//
// The linear decay rule, and which blocks run for given uniform draws u_l in [0, 1): block l
// runs when u_l < p_l. The draws are passed in, so a test can check the rule exactly.
public func survivalProbabilities(blocks: Int, last pL: Float) -> [Float] {
  precondition(blocks >= 1 && pL > 0 && pL <= 1, "survivalProbabilities: needs >= 1 block and p_L in (0, 1], got \(blocks), \(pL)")
  return (1...blocks).map { l in 1 - Float(l) / Float(blocks) * (1 - pL) }
}

public func activeBlocks(survival: [Float], uniforms: [Float]) -> [Bool] {
  precondition(survival.count == uniforms.count, "activeBlocks: \(survival.count) probabilities, \(uniforms.count) draws")
  return zip(uniforms, survival).map { $0 < $1 }
}

// ## The algorithm
//
// At initialization, give each block its evaluation scale p_l. At the start of each step,
// draw one uniform per block from the run's technique stream and switch dropped branches
// off; at the end of the step switch them all back on, so that evaluation (between steps)
// sees the whole network with its branches scaled.
public final class StochasticDepth: Algorithm {
  public let name = "stochastic-depth"
  /// Survival probability of the last block.
  public let lastSurvival: Float
  public private(set) var survival: [Float] = []

  public init(lastSurvival: Float = 0.5) { self.lastSurvival = lastSurvival }

  public func match(_ event: Event, _ state: TrainState) -> Bool {
    event == .initialize || event == .batchStart || event == .batchEnd
  }

  public func apply(_ event: Event, _ state: TrainState) {
    guard let model = state.model as? ResidualCNN else { preconditionFailure("StochasticDepth: needs a ResidualCNN, got \(type(of: state.model))") }
    switch event {
    case .initialize:
      survival = survivalProbabilities(blocks: model.blocks.count, last: lastSurvival)
      for (block, p) in zip(model.blocks, survival) { block.evaluationBranchScale = p }
    case .batchStart:
      let draws = survival.map { _ in state.rng.uniform() }
      for (block, on) in zip(model.blocks, activeBlocks(survival: survival, uniforms: draws)) { block.branchEnabled = on }
    default:
      for block in model.blocks { block.branchEnabled = true }
    }
  }
}

// MARK: - Experiment
//
// The fashion CNN with the paper's linear rule and p_L = 0.5: its three blocks survive with
// probabilities 0.83, 0.67 and 0.5. This network is far shallower than the paper's (3 blocks,
// not 18 to 1202), which the card warns against: with little redundant depth, dropping a
// block removes much of the model. We keep the paper's setting rather than tune it to this
// network, and report what it does. The expected saving is smaller than a quarter, because
// the first block (at full resolution, the most expensive) is dropped least and two of the
// three blocks keep their projection shortcut when dropped.
extension Examples {
  static let stochasticDepth = Technique(slug: "stochastic-depth", workload: .fashionCNN) { [StochasticDepth(lastSurvival: 0.5)] }
}
