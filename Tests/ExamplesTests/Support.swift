// Shared helpers for the example tests: a tiny training state, and a registry smoke run that
// trains both arms of an example for a few steps on small synthetic data.
import Examples
import Tensor
import Training

/// A fresh state for `model` with a plain SGD recipe.
func tinyState(_ model: any Model, batch: Int = 4, steps: Int = 10, seed: UInt64 = 2) -> TrainState {
  TrainState(
    model: model, optimizer: SGD(model.parameters.map(\.tensor)),
    recipe: Recipe(learningRate: 0.1, batchSize: batch, steps: steps), rng: RNG(seed: seed))
}

/// Trains the baseline and technique arms of the registered example `slug` for `steps` steps
/// on `data` (8x8 synthetic digits by default: the CNN takes any square size).
func smokeRun(_ slug: String, steps: Int = 12, data: Dataset = Dataset.syntheticDigits(count: 300, seed: 4)) -> [RunRecord] {
  let technique = Examples.all[slug]!
  let split = data.split(validation: 40, test: 40, seed: 0)
  let recipe = technique.workload.baseline.budget(Double(steps) / Double(technique.workload.baseline.steps))
  let trainer = Trainer(train: split.train, validation: split.validation, test: split.test, evaluations: 2)
  return ["baseline", "technique"].map { arm in
    trainer.fit(technique.makeState(seed: 1, recipe: recipe), algorithms: technique.algorithms(arm: arm), arm: arm, seed: 1)
  }
}
