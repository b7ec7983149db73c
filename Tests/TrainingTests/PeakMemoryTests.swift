// PeakMemory: the rise of resident memory during a piece of work, where Linux can measure it.
import Testing
@testable import Training

@Suite struct PeakMemoryTests {
  @Test func touchingMemoryRaisesThePeak() {
    let bytes = 64 << 20
    var checksum: Float = 0
    let peak = PeakMemory.measure {
      // Written, not just reserved, so the pages become resident.
      let block = [Float](repeating: 1, count: bytes / 4)
      checksum = block[block.count / 2]
    }
    #expect(checksum == 1)
    #if os(Linux)
      #expect(peak.map { $0 >= bytes * 3 / 4 } == true, "rise: \(String(describing: peak))")
    #else
      #expect(peak == nil)
    #endif
  }
}
