// Low-rank factorization's mechanism: the SVD reconstructs W, spectral factors give the best
// rank-r approximation (Eckart-Young), and the algorithm swaps the hidden layers for
// factorized ones whose step costs r·(in + out) multiply-adds per example instead of in·out.
import Examples
import Tensor
import Testing
import Training

@Suite struct LowRankFactorizationTests {
  func matrix(_ rows: Int, _ cols: Int, seed: UInt64) -> [Float] {
    var rng = RNG(seed: seed)
    return (0..<(rows * cols)).map { _ in rng.normal() }
  }

  func product(_ a: [Float], _ b: [Float], _ m: Int, _ k: Int, _ n: Int) -> [Float] {
    (0..<(m * n)).map { ij in (0..<k).reduce(Float(0)) { $0 + a[(ij / n) * k + $1] * b[$1 * n + ij % n] } }
  }

  @Test func svdReconstructsAndSpectralFactorsAreTheBestRankRApproximation() {
    for (rows, cols) in [(12, 7), (7, 12)] {
      let w = matrix(rows, cols, seed: 1)
      let full = spectralFactors(w, rows: rows, cols: cols, rank: min(rows, cols))
      let back = product(full.u, full.v, rows, min(rows, cols), cols)
      #expect(zip(back, w).allSatisfy { abs($0 - $1) < 1e-4 })
      // Eckart-Young: the squared error of the best rank-3 approximation is the sum of the
      // squares of the discarded singular values.
      let big = max(rows, cols), small = min(rows, cols)
      let wTall = rows >= cols ? w : (0..<(cols * rows)).map { w[($0 % rows) * cols + $0 / rows] }
      let s = singularValueDecomposition(wTall, rows: big, cols: small).s
      #expect(zip(s, s.dropFirst()).allSatisfy { $0 >= $1 })
      let r3 = spectralFactors(w, rows: rows, cols: cols, rank: 3)
      #expect(r3.u.count == rows * 3 && r3.v.count == 3 * cols)
      let error = zip(product(r3.u, r3.v, rows, 3, cols), w).reduce(Float(0)) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
      let discarded = s.dropFirst(3).reduce(Float(0)) { $0 + $1 * $1 }
      #expect(abs(error - discarded) < 1e-3 * discarded)
    }
  }

  @Test func breakEvenRanks() {
    #expect(breakEvenRank(inFeatures: 256, outFeatures: 256) == 128)
    #expect(abs(breakEvenRank(inFeatures: 784, outFeatures: 256) - 192.98) < 0.01)
  }

  @Test func algorithmFactorizesHiddenLayersAndCutsFLOPs() {
    var rng = RNG(seed: 2)
    let model = MLP(widths: [64, 80, 80, 10], rng: &rng)
    let dense = (0..<2).map { (model.layers[$0] as! Linear).weight.data }
    let state = TrainState(
      model: model, optimizer: SGD(model.parameters.map(\.tensor)),
      recipe: Recipe(learningRate: 0.1, batchSize: 4, steps: 1), rng: RNG(seed: 3))
    let x = Tensor(shape: [4, 64], data: matrix(4, 64, seed: 4))
    let denseCount = FLOPCounter()
    Tensor.countingFLOPs(denseCount) { _ = model(x) }
    let algorithm = LowRankFactorization(rankRatio: 0.25)
    #expect(algorithm.match(.initialize, state) && !algorithm.match(.batchStart, state))
    algorithm.apply(.initialize, state)
    // Both hidden layers are factorized, at ranks 0.25 * min(in, out) = 16 and 20; the
    // classifier stays dense.
    let factors = model.layers.compactMap { $0 as? FactorizedLinear }
    #expect(factors.count == 2 && model.layers[2] is Linear)
    #expect(factors[0].u.shape == [64, 16] && factors[0].v.shape == [16, 80] && factors[1].u.shape == [80, 20])
    #expect(model.parameters.map(\.name).prefix(3) == ["fc1.u", "fc1.v", "fc1.bias"])
    // Each product UV is the rank-16 truncation of the dense initial weight.
    let best = spectralFactors(dense[0], rows: 64, cols: 80, rank: 16)
    #expect(product(factors[0].u.data, factors[0].v.data, 64, 16, 80) == product(best.u, best.v, 64, 16, 80))
    // Matrix-product FLOPs per example: 2 r (in + out) instead of 2 in out per layer.
    let lowCount = FLOPCounter()
    Tensor.countingFLOPs(lowCount) { _ = model(x) }
    #expect(denseCount.forward["matmul"] == 4 * 2 * (64 * 80 + 80 * 80 + 80 * 10))
    #expect(lowCount.forward["matmul"] == 4 * 2 * (16 * (64 + 80) + 20 * (80 + 80) + 80 * 10))
    // The new optimizer trains the factors.
    let before = factors[0].u.data
    model(x).sum().backward()
    state.optimizer.step(lr: 0.1)
    #expect(factors[0].u.data != before)
  }

  @Test func registryTechniqueTrainsASmallMLP() {
    // The registered algorithms on a small MLP and synthetic digits, end to end.
    let technique = Examples.all["low-rank-factorization"]!
    let data = Dataset.syntheticDigits(count: 300, seed: 4).split(validation: 50, test: 50, seed: 0)
    var rng = RNG(seed: 1)
    let model = MLP(widths: [64, 64, 64, 10], rng: &rng)
    let recipe = Recipe(learningRate: 0.05, batchSize: 16, steps: 20)
    let state = TrainState(model: model, optimizer: recipe.makeOptimizer(model.parameters.map(\.tensor)), recipe: recipe, rng: RNG(seed: 2))
    let trainer = Trainer(train: data.train, validation: data.validation, test: data.test, evaluations: 2)
    let record = trainer.fit(state, algorithms: technique.algorithms(arm: "technique"), arm: "technique", seed: 1)
    #expect(record.steps == 20 && !record.diverged)
    #expect(record.trace["low-rank-factorization/initialize"] == 1)
    #expect(model.layers.filter { $0 is FactorizedLinear }.count == 2)
  }
}
