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

@Suite struct AdaptiveOptimizerTests {
  /// Two steps on w = 1 with gradients 1 then 0.5, lr 0.1, betas (0.9, 0.999), eps 1e-8.
  func twoSteps(_ make: (Tensor) -> any Optimizer) -> (Float, Float) {
    let w = Tensor(shape: [1], data: [1], requiresGrad: true)
    let opt = make(w)
    w.grad = [1]
    opt.step(lr: 0.1)
    let first = w.data[0]
    w.grad = [0.5]
    opt.step(lr: 0.1)
    return (first, w.data[0])
  }

  @Test func adamMatchesHandComputation() {
    // Step 1: m = 0.1, v = 0.001, mhat = 1, vhat = 1, w = 1 - 0.1 = 0.9.
    // Step 2: m = 0.14, v = 0.001249; mhat = 0.14 / 0.19, vhat = 0.001249 / 0.001999;
    //         w = 0.9 - 0.1 * 0.736842 / 0.790451 = 0.806782.
    let (a1, a2) = twoSteps { Adam([$0]) }
    #expect(abs(a1 - 0.9) < 1e-6 && abs(a2 - 0.806782) < 1e-5)
    // L2 decay 0.1 folds 0.1 w into each gradient: g = 1.1, then 0.5 + 0.09 = 0.59 -> 0.805772.
    let (_, l2) = twoSteps { Adam([$0], weightDecay: 0.1) }
    #expect(abs(l2 - 0.805772) < 1e-5)
    // AdamW shrinks w by 1 - lr * wd = 0.99 before each Adam step: 0.89, then 0.787882.
    let (d1, d2) = twoSteps { AdamW([$0], weightDecay: 0.1) }
    #expect(abs(d1 - 0.89) < 1e-6 && abs(d2 - 0.787882) < 1e-5)
  }

  @Test func larsScalesByTheTrustRatio() {
    // w = [3, 4] (norm 5), grad = [0, 1] (norm 1), wd 0.01, eta 0.001, lr 1:
    // trust = 0.001 * 5 / (1 + 0.05) = 0.0047619; v = trust * (grad + 0.01 w) = trust * [0.03, 1.04].
    let w = Tensor(shape: [2], data: [3, 4], requiresGrad: true)
    w.grad = [0, 1]
    LARS([w], momentum: 0.9, weightDecay: 0.01, eta: 0.001).step(lr: 1)
    #expect(abs(w.data[0] - 2.999857) < 1e-5 && abs(w.data[1] - 3.995048) < 1e-5)
  }

  @Test func lambScalesAdamsDirectionByTheTrustRatio() {
    // Step 1: mhat = [0, 1], vhat = [0, 1]; r = [0, 1/(1 + 1e-6)] + 0.01 [3, 4] = [0.03, 1.04];
    // ||r|| = 1.040432, trust = 5 / ||r|| = 4.805698; w -= 0.1 * trust * r.
    let w = Tensor(shape: [2], data: [3, 4], requiresGrad: true)
    w.grad = [0, 1]
    LAMB([w], weightDecay: 0.01).step(lr: 0.1)
    #expect(abs(w.data[0] - 2.985583) < 1e-5 && abs(w.data[1] - 3.500208) < 1e-5)
  }

  @Test func clippingScalesTheGlobalNorm() {
    let a = Tensor(shape: [2], data: [0, 0], requiresGrad: true), b = Tensor(shape: [1], data: [0], requiresGrad: true)
    a.grad = [3, 0]
    b.grad = [4]
    #expect(clipGradNorm([a, b], maxNorm: 1) == 5)
    #expect(abs(a.grad![0] - 0.6) < 1e-6 && abs(b.grad![0] - 0.8) < 1e-6)
    #expect(abs(clipGradNorm([a, b], maxNorm: 10) - 1) < 1e-5)  // under the limit: unchanged
    #expect(abs(a.grad![0] - 0.6) < 1e-6)
  }

  @Test func stepScheduleDropsAtMilestones() {
    let s = Schedule.step(milestones: [0.5, 0.75], gamma: 0.1)
    #expect(s.multiplier(at: 0.49) == 1)
    #expect(abs(s.multiplier(at: 0.5) - 0.1) < 1e-7)
    #expect(abs(s.multiplier(at: 0.9) - 0.01) < 1e-7)
    let warm = Schedule.warmup(fraction: 0.1, then: .linear(floor: 0))
    #expect(abs(warm.multiplier(at: 0.05) - 0.5) < 1e-6)
    #expect(abs(warm.multiplier(at: 0.55) - 0.5) < 1e-6)
  }
}
