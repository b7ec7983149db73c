// Op profiling (OpProfile.swift): every op that runs inside the scope is charged, forward and
// backward, under its own name; nothing outside the scope is.
import Testing

@testable import Tensor

@Suite struct OpProfileTests {
  @Test func chargesEachOpForwardAndBackward() {
    let a = randomTensor([64, 32], seed: 1), b = randomTensor([32, 16], seed: 2)
    let profile = OpProfile()
    Tensor.profilingOps(profile) { a.matmul(b).relu().sum().backward() }
    _ = a.matmul(b)  // outside the scope: not charged
    #expect(profile.stepCount == 1)
    #expect(Set(profile.forward.keys) == ["matmul", "relu", "sum"])
    #expect(Set(profile.backward.keys) == ["matmul", "relu", "sum"])
    #expect(profile.forward.values.allSatisfy { $0 >= .zero } && profile.total > .zero)
    let charged = profile.forward.values.reduce(.zero, +) + profile.backward.values.reduce(.zero, +) + profile.betweenOps
    #expect(charged == profile.total)
  }

  @Test func countsScopes() {
    let profile = OpProfile(), x = randomTensor([4, 4], seed: 3)
    for _ in 0..<3 { Tensor.profilingOps(profile) { _ = x.exp() } }
    #expect(profile.stepCount == 3 && profile.forward.keys.sorted() == ["exp"] && profile.backward.isEmpty)
  }
}
