// Shared by the registry smoke tests: a small synthetic data set shaped for a workload's model
// (784 features for the Fashion MLP, 8x8 images for the CNN, which pools globally), and both
// arms of an example trained for a few steps on it.
import Examples
import Tensor
import Training

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
