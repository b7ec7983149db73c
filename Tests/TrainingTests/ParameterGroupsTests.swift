// Parameter groups step each group with its own optimizer at its own multiple of the rate.
import Tensor
import Testing
import Training

@Suite struct ParameterGroupsTests {
  @Test func eachGroupStepsWithItsOwnOptimizerAndScaledRate() {
    let a = Tensor(shape: [1], data: [1], requiresGrad: true), b = Tensor(shape: [1], data: [1], requiresGrad: true)
    a.grad = [0.5]
    b.grad = [0.5]
    let groups = ParameterGroups([(SGD([a], momentum: 0), 1), (SGD([b], momentum: 0), 0.1)])
    groups.step(lr: 0.2)
    #expect(abs(a.data[0] - 0.9) < 1e-7)  // 1 - 0.2 * 0.5
    #expect(abs(b.data[0] - 0.99) < 1e-7)  // 1 - 0.02 * 0.5
  }
}
