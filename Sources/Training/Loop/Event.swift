// The training loop's events, in the order they fire. An Algorithm (Algorithm.swift) matches
// events and changes the training state; this is Composer's design, in Swift.
//
//   initialize
//   fitStart
//   for each epoch:
//     epochStart
//     for each batch:
//       batchStart
//       (load batch)            afterDataLoad       <- change inputs/targets (mixup, cutout)
//       beforeForward
//       (logits = model(x))     afterForward
//       beforeLoss
//       (loss = L(logits, t))   afterLoss           <- change the loss (extra terms)
//       beforeBackward
//       (loss.backward())       afterBackward       <- change gradients (clipping)
//       beforeOptimizerStep
//       (optimizer.step)        afterOptimizerStep  <- change weights (averaging)
//       batchEnd
//       every evalEvery steps:  evalStart, (evaluate), evalEnd   (the clock is stopped;
//                               evalStart/evalEnd let weight averaging swap weights in and out)
//     epochEnd
//   fitEnd

/// A point in the training loop at which algorithms may act.
public enum Event: String, CaseIterable, Sendable, Codable {
  case initialize, fitStart, epochStart, batchStart, afterDataLoad
  case beforeForward, afterForward, beforeLoss, afterLoss, beforeBackward, afterBackward
  case beforeOptimizerStep, afterOptimizerStep, batchEnd, evalStart, evalEnd, epochEnd, fitEnd

  /// After-events run algorithms in reverse order, so the last to change something on the way
  /// in is the first to see it on the way out (Composer's FILO rule).
  public var isAfter: Bool {
    switch self {
    case .afterDataLoad, .afterForward, .afterLoss, .afterBackward, .afterOptimizerStep, .batchEnd, .evalEnd, .epochEnd, .fitEnd:
      return true
    default:
      return false
    }
  }
}
