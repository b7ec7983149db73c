// Shared helpers for the example tests: tiny training states, registry smoke runs that train
// both arms of an example for a few steps on small synthetic data, and synthetic splits shaped
// for a workload's model (784 features for the Fashion MLP; the CNN pools globally).
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

/// Random Gaussian features with labels that depend on them, so training has something to fit.
func syntheticSplits(featureCount: Int, count: Int = 600, seed: UInt64 = 3) -> (train: Dataset, validation: Dataset, test: Dataset) {
  var rng = RNG(seed: seed)
  var features: [Float] = [], labels: [Int] = []
  for _ in 0..<count {
    let label = Int(rng.next() % 10)
    labels.append(label)
    for d in 0..<featureCount { features.append(rng.normal() + (d % 10 == label ? 1 : 0)) }
  }
  return Dataset(name: "synthetic", features: features, labels: labels, featureCount: featureCount, classes: 10)
    .split(validation: 50, test: 50, seed: 0)
}

/// Baseline and technique runs of the registered example `slug` at `budget` of its baseline.
func smokeRecords(_ slug: String, budget: Double, seed: UInt64 = 1) -> [RunRecord] {
  smokeRecords(Examples.all[slug]!, budget: budget, seed: seed)
}

/// Baseline and technique runs of `technique` at `budget` of its baseline.
func smokeRecords(_ technique: Technique, budget: Double, seed: UInt64 = 1) -> [RunRecord] {
  let data = syntheticSplits(featureCount: technique.workload.name == "fashion-mlp" ? 784 : 64)
  let recipe = technique.workload.baseline.budget(budget)
  let trainer = Trainer(train: data.train, validation: data.validation, test: data.test, evaluations: 2)
  return ["baseline", "technique"].map { arm in
    trainer.fit(technique.makeState(seed: seed, recipe: recipe), algorithms: technique.algorithms(arm: arm), arm: arm, seed: seed)
  }
}

/// A fresh training state for `workload`'s model with the baseline recipe.
func freshState(_ workload: Workload, seed: UInt64 = 1) -> TrainState {
  Technique(slug: "test", workload: workload) { [] }.makeState(seed: seed, recipe: workload.baseline)
}

/// The technique arm of the registered example `slug` trained for `steps` steps of batch 8 on
/// random 14x14 images (the fashion-cnn's input size).
func techniqueRunOnSyntheticImages(_ slug: String, steps: Int) -> RunRecord {
  let technique = Examples.all[slug]!
  var rng = RNG(seed: 5)
  let data = Dataset(
    name: "synthetic", features: (0..<(80 * 196)).map { _ in rng.uniform() }, labels: (0..<80).map { $0 % 10 }, featureCount: 196,
    classes: 10
  ).split(validation: 10, test: 10, seed: 0)
  let recipe = Recipe(learningRate: 0.1, batchSize: 8, steps: steps)
  let trainer = Trainer(train: data.train, validation: data.validation, test: data.test, evaluations: 2)
  return trainer.fit(technique.makeState(seed: 1, recipe: recipe), algorithms: technique.algorithms(arm: "technique"), arm: "technique", seed: 1)
}
