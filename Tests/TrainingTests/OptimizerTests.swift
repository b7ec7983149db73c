// Optimizers against hand-computed steps, and schedules at known points.
import Tensor
import Testing
import Training

@Suite struct OptimizerTests {
  @Test func sgdWithMomentumAndWeightDecayMatchesHandComputation() {
    // w = 1, grad = 0.5, lr = 0.1, momentum 0.9, weight decay 0.01:
    // step 1: g = 0.5 + 0.01 * 1 = 0.51; v = 0.51; w = 1 - 0.051 = 0.949
    // step 2: g = 0.5 + 0.00949 = 0.50949; v = 0.9 * 0.51 + 0.50949 = 0.96849; w = 0.949 - 0.096849
    let w = Tensor(shape: [1], data: [1], requiresGrad: true)
    let sgd = SGD([w], momentum: 0.9, weightDecay: 0.01)
    w.grad = [0.5]
    sgd.step(lr: 0.1)
    #expect(abs(w.data[0] - 0.949) < 1e-6)
    w.grad = [0.5]
    sgd.step(lr: 0.1)
    #expect(abs(w.data[0] - (0.949 - 0.096849)) < 1e-6)
  }

  @Test func nesterovLooksAhead() {
    // One step from v = 0: v = g; update = g + mu * v = g (1 + mu).
    let w = Tensor(shape: [2], data: [0, 0], requiresGrad: true)
    let sgd = SGD([w], momentum: 0.5, nesterov: true)
    w.grad = [1, -2]
    sgd.step(lr: 1)
    #expect(w.data == [-1.5, 3])
  }

  @Test func schedulesHitTheirKnots() {
    #expect(Schedule.constant.multiplier(at: 0.7) == 1)
    #expect(Schedule.cosine().multiplier(at: 0) == 1)
    #expect(abs(Schedule.cosine().multiplier(at: 0.5) - 0.5) < 1e-6)
    #expect(abs(Schedule.cosine().multiplier(at: 1)) < 1e-6)
    #expect(abs(Schedule.linear(floor: 0.1).multiplier(at: 0.5) - 0.55) < 1e-6)
    let one = Schedule.oneCycle(peakAt: 0.25, start: 0.1, end: 0.01)
    #expect(abs(one.multiplier(at: 0) - 0.1) < 1e-6)
    #expect(abs(one.multiplier(at: 0.25) - 1) < 1e-6)
    #expect(abs(one.multiplier(at: 1) - 0.01) < 1e-6)
    let warm = Schedule.warmup(fraction: 0.2, then: .cosine())
    #expect(abs(warm.multiplier(at: 0.1) - 0.5) < 1e-6)
    #expect(abs(warm.multiplier(at: 0.2) - 1) < 1e-6)
  }

  @Test func budgetScalesStepsNotSchedule() {
    let r = Recipe(learningRate: 0.1, batchSize: 32, steps: 600, schedule: .cosine())
    #expect(r.budget(0.25).steps == 150)
    #expect(r.budget(0.25).schedule == r.schedule)
  }
}
