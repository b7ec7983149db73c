// LookSAM's mechanism: g_v is orthogonal to g and completes SAM's gradient; the reused gradient
// adds alpha ||g|| along g_v; the second pass runs only every k-th step, so over 10 steps with
// k = 5 the counted FLOPs are 1.2 times the baseline's.
import Examples
import Tensor
import Testing
import Training

@Suite struct LookSAMTests {
  @Test func orthogonalComponentIsOrthogonalAndCompletesTheSAMGradient() {
    let g: [[Float]] = [[1, 0], [0]], gs: [[Float]] = [[2, 1], [3]]
    let gv = orthogonalComponent(of: gs, to: g)
    // <gs, g> / ||g||^2 = 2, so g_v = gs - 2 g = [[0, 1], [3]].
    #expect(gv == [[0, 1], [3]])
  }

  @Test func reusedGradientAddsAlphaTimesTheGradientNorm() {
    let g: [[Float]] = [[3, 4]], gv: [[Float]] = [[0, 0.5]]  // ||g|| = 5, ||g_v|| = 0.5
    let r = lookSAMGradient(g, reusing: gv, alpha: 0.7)
    // g + 0.7 * 5 / 0.5 * g_v = [3, 4 + 3.5]
    #expect(abs(r[0][0] - 3) < 1e-6 && abs(r[0][1] - 7.5) < 1e-5)
    #expect(lookSAMGradient(g, reusing: [[0, 0]], alpha: 0.7) == g)
  }

  @Test func secondPassRunsEveryKthStepOnly() {
    let technique = Technique(slug: "looksam", workload: .fashionCNN) { [LookSAM(k: 5, alpha: 0.7, rho: 0.05)] }
    let records = smokeRecords(technique, budget: 10.0 / 400)
    #expect(records.map(\.steps) == [10, 10])
    #expect(records[1].trace["looksam/afterBackward"] == 10)
    let ratio = records[1].points.last!.flops / records[0].points.last!.flops
    #expect(ratio > 1.17 && ratio < 1.23)  // steps 0 and 5 cost two passes
  }
}
