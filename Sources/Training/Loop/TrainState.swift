// Everything an algorithm may read or change during training.
import Tensor

/// The mutable state of one training run.
public final class TrainState {
  public let model: any Model
  public var optimizer: any Optimizer
  public var recipe: Recipe
  /// The technique's own random stream, split from the run's seed (data order and
  /// initialisation have theirs), so adding a technique does not change the baseline's draws.
  public var rng: RNG

  /// Optimizer steps taken so far, and the run's total.
  public internal(set) var step = 0
  public var totalSteps: Int { recipe.steps }
  public internal(set) var epoch = 0
  /// Training FLOPs so far (forward and backward), as TrainingSteps counts them.
  public internal(set) var flops: Double = 0
  /// Progress through the run in [0, 1]; schedules are functions of it.
  public var progress: Float { Float(step) / Float(max(1, totalSteps)) }

  /// The whole training set, and the examples that epochs draw from (nil: all of them). A
  /// data-pruning technique sets `activeExamples`; it takes effect at the next epoch, or at
  /// the next step when the technique also sets `restartEpoch`.
  public internal(set) var trainingSet: Dataset?
  public var activeExamples: [Int]?
  /// Ends the current epoch before the next batch is drawn, so that a change to
  /// `activeExamples` applies at once. The loop clears it when the new epoch starts.
  public var restartEpoch = false
  /// The training-set indices of the current batch's examples, in batch order.
  public internal(set) var batchIndices: [Int] = []

  /// The current batch: inputs [B,D] and target distributions [B,C] (one-hot until a
  /// technique changes them).
  public var inputs = Tensor(scalar: 0)
  public var targets = Tensor(scalar: 0)
  /// The model's output and the loss for the current batch, once computed.
  public var logits: Tensor?
  public var loss: Tensor?
  /// The learning rate used for the current step (recipe peak x schedule).
  public var learningRate: Float = 0
  /// The global L2 norm of the gradients after the current backward pass.
  public var gradientNorm: Float = 0

  public init(model: any Model, optimizer: any Optimizer, recipe: Recipe, rng: RNG) {
    self.model = model
    self.optimizer = optimizer
    self.recipe = recipe
    self.rng = rng
  }
}
