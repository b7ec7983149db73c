// A state dict: named tensors in a fixed order (a model's parameters and buffers), and its
// small versioned binary file format. Everything is little-endian:
//
//   magic "HSTD" (4 bytes), version UInt32 (= 1), entry count UInt32
//   per entry: name length UInt32, name (UTF-8), rank UInt32, dims UInt64 x rank,
//              values Float32 x product(dims)
//
// Reading checks the magic, the version and every length against the bytes left, so a
// truncated, foreign or newer file fails with a StateDictError rather than garbage values.
import Foundation

/// Named tensor values in a fixed order.
public struct StateDict: Equatable, Sendable {
  /// One named tensor's shape and values.
  public struct Entry: Equatable, Sendable {
    public var name: String
    public var shape: [Int]
    public var values: [Float]
    public init(name: String, shape: [Int], values: [Float]) {
      (self.name, self.shape, self.values) = (name, shape, values)
    }
  }

  /// The format version this code writes and reads.
  public static let version: UInt32 = 1
  static let magic = Array("HSTD".utf8)

  public var entries: [Entry]
  public init(entries: [Entry]) { self.entries = entries }

  /// The file's bytes.
  public func encoded() -> Data {
    var out = Data(StateDict.magic)
    func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    u32(StateDict.version)
    u32(UInt32(entries.count))
    for e in entries {
      let name = Array(e.name.utf8)
      u32(UInt32(name.count))
      out.append(contentsOf: name)
      u32(UInt32(e.shape.count))
      for d in e.shape { withUnsafeBytes(of: UInt64(d).littleEndian) { out.append(contentsOf: $0) } }
      for v in e.values { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
    }
    return out
  }

  /// Parses a file's bytes; `source` names the file in errors.
  public init(decoding data: Data, source: String = "state dict") throws {
    var reader = Reader(bytes: [UInt8](data), source: source)
    guard try reader.take(4) == StateDict.magic else { throw StateDictError.notAStateDict(source: source) }
    let version = try reader.u32()
    guard version == StateDict.version else {
      throw StateDictError.unsupportedVersion(source: source, found: version, supported: StateDict.version)
    }
    let count = try reader.u32()
    var entries: [Entry] = []
    for _ in 0..<count {
      let name = String(decoding: try reader.take(Int(try reader.u32())), as: UTF8.self)
      let rank = Int(try reader.u32())
      let shape = try (0..<rank).map { _ in Int(try reader.u64()) }
      let n = shape.reduce(1, *)
      let raw = try reader.take(4 * n)
      let values = (0..<n).map { i in
        Float(bitPattern: UInt32(raw[4 * i]) | UInt32(raw[4 * i + 1]) << 8 | UInt32(raw[4 * i + 2]) << 16 | UInt32(raw[4 * i + 3]) << 24)
      }
      entries.append(Entry(name: name, shape: shape, values: values))
    }
    guard reader.offset == reader.bytes.count else {
      throw StateDictError.trailingBytes(source: source, count: reader.bytes.count - reader.offset)
    }
    self.entries = entries
  }

  /// Writes the file atomically.
  public func write(to url: URL) throws { try encoded().write(to: url, options: .atomic) }

  /// Reads a file written by `write(to:)`.
  public init(contentsOf url: URL) throws {
    try self.init(decoding: try Data(contentsOf: url), source: url.path)
  }

  struct Reader {
    let bytes: [UInt8]
    let source: String
    var offset = 0
    mutating func take(_ n: Int) throws -> [UInt8] {
      guard n >= 0, n <= bytes.count - offset else {
        throw StateDictError.truncated(source: source, offset: offset, needed: n, available: bytes.count - offset)
      }
      defer { offset += n }
      return Array(bytes[offset..<(offset + n)])
    }
    mutating func u32() throws -> UInt32 {
      try take(4).enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
    }
    mutating func u64() throws -> UInt64 {
      try take(8).enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }
  }
}

/// Why a state dict could not be read or loaded.
public enum StateDictError: Error, CustomStringConvertible, Equatable {
  case notAStateDict(source: String)
  case unsupportedVersion(source: String, found: UInt32, supported: UInt32)
  case truncated(source: String, offset: Int, needed: Int, available: Int)
  case trailingBytes(source: String, count: Int)
  case missing(name: String)
  case unexpected(name: String)
  case shapeMismatch(name: String, expected: [Int], found: [Int])

  public var description: String {
    let hint = "\n  hint: save the state again with the current version (Module.save(to:))"
    switch self {
    case .notAStateDict(let s): return "\(s): not a Hasten state dict (magic bytes are not HSTD)\(hint)"
    case .unsupportedVersion(let s, let found, let supported):
      return "\(s): state dict format version \(found), this build reads version \(supported)\(hint)"
    case .truncated(let s, let offset, let needed, let available):
      return "\(s): truncated at byte \(offset): needed \(needed) more bytes, \(available) left\(hint)"
    case .trailingBytes(let s, let count): return "\(s): \(count) unexpected bytes after the last entry\(hint)"
    case .missing(let name): return "state dict has no entry '\(name)' that the model needs\(hint)"
    case .unexpected(let name): return "state dict has an entry '\(name)' that the model does not have\(hint)"
    case .shapeMismatch(let name, let expected, let found):
      return "state dict entry '\(name)' has shape \(found), the model expects \(expected)\(hint)"
    }
  }
}
