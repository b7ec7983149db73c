// ResultSet.decoded(from:) (Sources/Results/ResultSetDecoding.swift): the fast path that reads
// evaluation points with its own scanner must give exactly what JSONDecoder gives, fall back
// to JSONDecoder on anything it does not expect, and keep JSONDecoder's errors.
import Foundation
@testable import Results
import Testing

@Suite struct ResultSetDecodingTests {
  /// The fixture result set with points whose numbers take every form JSONEncoder writes.
  static func awkwardSet() -> ResultSet {
    var set = ResultsImportTests.resultSet()
    let values: [Double] = [1e-05, -3.5, 1.2345678901234567e+30, 0.1, 2.3058929443359375, 1277752960, 0, -0.0]
    for r in set.runs.indices {
      set.runs[r].points = values.indices.map { i in
        Point(
          step: i * 5, seconds: values[i].magnitude, flops: values[(i + 1) % values.count], trainLoss: i == 0 ? nil : values[i],
          validationLoss: i % 3 == 0 ? nil : values[(i + 2) % values.count], metric: i % 2 == 0 ? values[i] : nil)
      }
    }
    return set
  }

  static func encoded(_ set: ResultSet, pretty: Bool) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys]
    return try encoder.encode(set)
  }

  @Test(arguments: [true, false])
  func givesWhatJSONDecoderGives(pretty: Bool) throws {
    let data = try Self.encoded(Self.awkwardSet(), pretty: pretty)
    let fast = try ResultSet.decoded(from: data), plain = try JSONDecoder().decode(ResultSet.self, from: data)
    #expect(fast == plain)
    #expect(fast == Self.awkwardSet())
    #expect(fast.runs.allSatisfy { $0.points.count == 8 })
    #expect(PointScanner.pointArrays(in: data)?.count == 4, "the scanner itself read the four runs' points")
  }

  @Test func readsPointsOnlyFromPointsMembers() throws {
    // "points" inside a string value is not a member; a "points" member that is not an array
    // of points (here a trace counter) sends the file to JSONDecoder. Both decode exactly.
    var quoted = Self.awkwardSet()
    quoted.machine.cpu = #"CPU "points": [1, 2]"#
    var traced = Self.awkwardSet()
    traced.runs[1].trace["points"] = 3
    for set in [quoted, traced] {
      let data = try Self.encoded(set, pretty: true)
      #expect(try ResultSet.decoded(from: data) == set)
    }
    #expect(PointScanner.pointArrays(in: try Self.encoded(quoted, pretty: true))?.count == 4)
    #expect(PointScanner.pointArrays(in: try Self.encoded(traced, pretty: true)) == nil)
  }

  @Test func keepsJSONDecodersErrors() throws {
    let text = String(decoding: try Self.encoded(Self.awkwardSet(), pretty: false), as: UTF8.self)
      .replacingOccurrences(of: #""step":5,"#, with: #""step":"five","#)
    #expect(throws: DecodingError.self) { try ResultSet.decoded(from: Data(text.utf8)) }
    do {
      _ = try ResultSet.decoded(from: Data(text.utf8))
    } catch let DecodingError.typeMismatch(_, context) {
      #expect(context.codingPath.map(\.stringValue).contains("points"))
    }
  }
}
