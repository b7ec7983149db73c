// Reading a result file fast. Foundation's JSONDecoder spends about 8 us on each evaluation
// point (a keyed container and a generic metadata lookup per value), and a full measurement
// holds about a thousand points per example: decoding them was most of `hasten db build`.
// So `ResultSet.decoded(from:)` lets JSONDecoder read everything but the points (0.03 s for
// 25 full result sets instead of 0.19 s) and reads the points itself with `PointScanner`, a
// scanner for exactly what the writer produces: arrays of flat objects of numbers. Whenever
// the scan meets anything else, or finds a different number of point arrays than runs, the
// file is decoded the ordinary way, which also gives the ordinary error messages.
import Foundation

extension CodingUserInfoKey {
  /// Set to true to decode `RunResult`s without their points (left empty).
  static let skipsPoints = CodingUserInfoKey(rawValue: "hasten.skipsPoints")!
}

extension ResultSet {
  /// The result set in `data` (JSON, as written by `JSONEncoder`); throws JSONDecoder's errors.
  public static func decoded(from data: Data) throws -> ResultSet {
    let outline = JSONDecoder()
    outline.userInfo[.skipsPoints] = true
    var set = try outline.decode(ResultSet.self, from: data)
    guard let points = PointScanner.pointArrays(in: data), points.count == set.runs.count else {
      return try JSONDecoder().decode(ResultSet.self, from: data)
    }
    for i in set.runs.indices { set.runs[i].points = points[i] }
    return set
  }
}

extension RunResult {
  enum CodingKeys: String, CodingKey {
    case arm, seed, budget, plannedSteps, steps, diverged, trainSeconds, finalMetric, testMetric, points, trace
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    arm = try c.decode(String.self, forKey: .arm)
    seed = try c.decode(UInt64.self, forKey: .seed)
    budget = try c.decode(Double.self, forKey: .budget)
    plannedSteps = try c.decode(Int.self, forKey: .plannedSteps)
    steps = try c.decode(Int.self, forKey: .steps)
    diverged = try c.decode(Bool.self, forKey: .diverged)
    trainSeconds = try c.decode(Double.self, forKey: .trainSeconds)
    finalMetric = try c.decodeIfPresent(Double.self, forKey: .finalMetric)
    testMetric = try c.decodeIfPresent(Double.self, forKey: .testMetric)
    points = decoder.userInfo[.skipsPoints] as? Bool == true ? [] : try c.decode([Point].self, forKey: .points)
    trace = try c.decode([String: Int].self, forKey: .trace)
  }
}

/// Finds every `"points": [...]` member of a JSON text, in document order, and reads its
/// flat objects of numbers as `Point`s; nil if any of them holds something else.
enum PointScanner {
  static func pointArrays(in data: Data) -> [[Point]]? {
    // strtod needs a terminator after the last number.
    var bytes = [UInt8](data)
    bytes.append(0)
    return bytes.withUnsafeBufferPointer { buffer in
      var scanner = Cursor(bytes: buffer.baseAddress!, end: buffer.count - 1)
      var arrays: [[Point]] = []
      let pointsKey = Array("points".utf8)
      while scanner.position < scanner.end {
        guard scanner.byte == UInt8(ascii: "\"") else {
          scanner.position += 1
          continue
        }
        guard let key = scanner.string() else { return nil }
        scanner.skipSpace()
        // A string followed by ':' is a member name; only "points" members are read.
        guard key.elementsEqual(pointsKey), scanner.byte == UInt8(ascii: ":") else { continue }
        scanner.position += 1
        guard let points = scanner.points() else { return nil }
        arrays.append(points)
      }
      return arrays
    }
  }

  private struct Cursor {
    let bytes: UnsafePointer<UInt8>
    let end: Int
    var position = 0

    init(bytes: UnsafePointer<UInt8>, end: Int) {
      self.bytes = bytes
      self.end = end
    }

    var byte: UInt8 { position < end ? bytes[position] : 0 }

    mutating func skipSpace() {
      while position < end {
        switch bytes[position] {
        case 0x20, 0x0A, 0x0D, 0x09: position += 1
        default: return
        }
      }
    }

    /// The bytes of the string starting at the opening quote, escapes as written (member
    /// names never have any); the cursor moves past the closing quote.
    mutating func string() -> UnsafeBufferPointer<UInt8>? {
      let start = position + 1
      position = start
      while position < end, bytes[position] != UInt8(ascii: "\"") {
        position += bytes[position] == UInt8(ascii: "\\") ? 2 : 1
      }
      guard position < end else { return nil }
      defer { position += 1 }
      return UnsafeBufferPointer(start: bytes + start, count: position - start)
    }

    mutating func expect(_ character: Unicode.Scalar) -> Bool {
      skipSpace()
      guard byte == UInt8(ascii: character) else { return false }
      position += 1
      return true
    }

    mutating func number() -> Double? {
      skipSpace()
      // null, never written for points (absent values are left out), converts nothing: nil.
      var after: UnsafeMutablePointer<CChar>?
      let start = UnsafeRawPointer(bytes + position).assumingMemoryBound(to: CChar.self)
      let value = strtod(start, &after)
      guard let after, after != UnsafeMutablePointer(mutating: start) else { return nil }
      position += after - UnsafeMutablePointer(mutating: start)
      return value
    }

    /// `[ {"name": number, ...}, ... ]` as points.
    mutating func points() -> [Point]? {
      guard expect("[") else { return nil }
      var points: [Point] = []
      if expect("]") { return points }
      repeat {
        guard expect("{") else { return nil }
        // Members by their index in `Point.memberNames`; NaN until read.
        var fields = SIMD8<Double>(repeating: .nan)
        if !expect("}") {
          repeat {
            skipSpace()
            guard byte == UInt8(ascii: "\""), let member = memberIndex(), expect(":"), let value = number() else { return nil }
            fields[member] = value
          } while expect(",")
          guard expect("}") else { return nil }
        }
        guard let point = Point(fields) else { return nil }
        points.append(point)
      } while expect(",")
      return expect("]") ? points : nil
    }

    /// The index in `Point.memberNames` of the member name starting at the opening quote;
    /// nil for any other name.
    mutating func memberIndex() -> Int? {
      guard let name = string() else { return nil }
      return Point.memberNames.firstIndex { $0.elementsEqual(name) }
    }
  }
}

extension Point {
  /// The members a point is written with, in the order of the scanner's fields.
  fileprivate static let memberNames = ["step", "seconds", "flops", "trainLoss", "validationLoss", "metric"].map { Array($0.utf8) }

  /// A point from its members (NaN where absent); nil for a missing required one or a step
  /// that is not a whole number. (JSON has no NaN, so NaN means "not written".)
  fileprivate init?(_ fields: SIMD8<Double>) {
    func optional(_ i: Int) -> Double? { fields[i].isNaN ? nil : fields[i] }
    guard let step = optional(0), let whole = Int(exactly: step), let seconds = optional(1), let flops = optional(2) else { return nil }
    self.init(step: whole, seconds: seconds, flops: flops, trainLoss: optional(3), validationLoss: optional(4), metric: optional(5))
  }
}
