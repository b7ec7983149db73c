// The registry of reference implementations: `hasten run <slug>` looks techniques up here.
// Each example file adds its experiment as a static property of `Examples`.
import Training

/// Every runnable example, by technique slug.
public enum Examples {
  public static let all: [String: Technique] = [
    mixup.slug: mixup,
    labelSmoothing.slug: labelSmoothing,
    cutout.slug: cutout,
    emaWeights.slug: emaWeights,
    swa.slug: swa,
    lowRankFactorization.slug: lowRankFactorization,
    zeroInitResidual.slug: zeroInitResidual,
    freezeout.slug: freezeout,
    stochasticDepth.slug: stochasticDepth,
    mixedPrecision.slug: mixedPrecision,
    oneCycleLR.slug: oneCycleLR,
    lamb.slug: lamb,
    lars.slug: lars,
    selectiveBackprop.slug: selectiveBackprop,
    el2nDataPruning.slug: el2nDataPruning,
    progressiveResizing.slug: progressiveResizing,
    sequenceLengthWarmup.slug: sequenceLengthWarmup,
    sam.slug: sam,
    looksam.slug: looksam,
    lrWarmup.slug: lrWarmup,
    lookahead.slug: lookahead,
    budgetAwareLRDecay.slug: budgetAwareLRDecay,
    rexSchedule.slug: rexSchedule,
    gradientAccumulation.slug: gradientAccumulation,
    activationCheckpointing.slug: activationCheckpointing,
  ]
}
