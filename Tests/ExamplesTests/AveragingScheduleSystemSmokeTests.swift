// The registry's experiments for weight averaging train end to end on a small synthetic set (8x8 images through the workload's
// residual CNN), with evaluations in between, and their algorithms act where they should.
import Examples
import Tensor
import Testing
import Training

@Suite struct AveragingScheduleSystemSmokeTests {
  @Test(arguments: [
    ("ema-weights", "ema-weights/afterOptimizerStep"), ("swa", "swa/afterOptimizerStep"),
  ])
  func registryRunsTheExample(slug: String, traced: String) throws {
    let technique = try #require(Examples.all[slug])
    let data = Dataset.syntheticDigits(count: 300, seed: 4).split(validation: 50, test: 50, seed: 0)
    let recipe = technique.workload.baseline.budget(20.0 / Double(technique.workload.baseline.steps))
    let trainer = Trainer(train: data.train, validation: data.validation, test: data.test, evaluations: 2)
    let records = ["baseline", "technique"].map { arm in
      trainer.fit(technique.makeState(seed: 1, recipe: recipe), algorithms: technique.algorithms(arm: arm), arm: arm, seed: 1)
    }
    #expect(records.map(\.steps) == [20, 20])
    #expect(records.allSatisfy { !$0.diverged && $0.points.count == 3 })
    #expect((records[1].trace[traced] ?? 0) > 0)
    #expect(records[0].trace.isEmpty)
  }
}
