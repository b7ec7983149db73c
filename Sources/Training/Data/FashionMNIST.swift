// Fashion-MNIST (Xiao, Rasul & Vollgraf 2017; MIT licence): 70,000 28x28 greyscale images of
// clothing in 10 classes, in the IDX format of the original MNIST files (big-endian header:
// magic 0x00000803 for images with three dimensions, 0x00000801 for labels). scripts/setup
// puts the four files in data/fashion-mnist/ and checks their sha256.
import Foundation
import Tensor

extension Dataset {
  /// Reads an IDX image file and its label file. Pixels are scaled to [0, 1]; `downsample` > 1
  /// averages each `downsample` x `downsample` block (area resizing), making the images
  /// smaller and every step cheaper. `limit` keeps the first examples only.
  public static func fashionMNIST(images: URL, labels: URL, downsample: Int = 1, limit: Int? = nil, name: String = "fashion-mnist") throws -> Dataset {
    let (pixels, n, rows, cols) = try readIDXImages(images)
    let classes = try readIDXLabels(labels)
    guard classes.count == n else {
      throw DataError(file: labels.path, "holds \(classes.count) labels but \(images.lastPathComponent) holds \(n) images")
    }
    guard downsample >= 1, rows % downsample == 0, cols % downsample == 0 else {
      throw DataError(file: images.path, "images of \(rows)x\(cols) cannot be downsampled by \(downsample)")
    }
    let count = min(n, limit ?? n)
    let (h, w) = (rows / downsample, cols / downsample)
    var features = [Float](repeating: 0, count: count * h * w)
    let scale = 1 / (255 * Float(downsample * downsample))
    for i in 0..<count {
      for y in 0..<rows {
        for x in 0..<cols {
          features[i * h * w + (y / downsample) * w + x / downsample] += Float(pixels[i * rows * cols + y * cols + x]) * scale
        }
      }
    }
    return Dataset(name: name, features: features, labels: Array(classes[0..<count]), featureCount: h * w, classes: 10)
  }

  /// The pixel bytes, image count, rows and columns of an IDX3 file.
  static func readIDXImages(_ url: URL) throws -> ([UInt8], Int, Int, Int) {
    let bytes = try readFile(url)
    try checkMagic(bytes, 0x0000_0803, url, "image")
    guard bytes.count >= 16 else { throw DataError(file: url.path, "truncated: the IDX header needs 16 bytes, the file has \(bytes.count)") }
    let (n, rows, cols) = (bigEndian(bytes, 4), bigEndian(bytes, 8), bigEndian(bytes, 12))
    guard bytes.count == 16 + n * rows * cols else {
      throw DataError(file: url.path, "truncated or padded: \(n) images of \(rows)x\(cols) need \(16 + n * rows * cols) bytes, the file has \(bytes.count)")
    }
    return (Array(bytes[16...]), n, rows, cols)
  }

  /// The labels of an IDX1 file, each checked to be a class 0...9.
  static func readIDXLabels(_ url: URL) throws -> [Int] {
    let bytes = try readFile(url)
    try checkMagic(bytes, 0x0000_0801, url, "label")
    guard bytes.count >= 8 else { throw DataError(file: url.path, "truncated: the IDX header needs 8 bytes, the file has \(bytes.count)") }
    let n = bigEndian(bytes, 4)
    guard bytes.count == 8 + n else {
      throw DataError(file: url.path, "truncated or padded: \(n) labels need \(8 + n) bytes, the file has \(bytes.count)")
    }
    let labels = bytes[8...].map(Int.init)
    if let bad = labels.firstIndex(where: { $0 > 9 }) {
      throw DataError(file: url.path, "label \(labels[bad]) of example \(bad - 8) is not a class 0...9")
    }
    return labels
  }

  private static func readFile(_ url: URL) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: url.path) else { throw DataError(file: url.path, "cannot read the file (missing?)") }
    return [UInt8](data)
  }

  private static func checkMagic(_ bytes: [UInt8], _ magic: Int, _ url: URL, _ kind: String) throws {
    guard bytes.count >= 4, bigEndian(bytes, 0) == magic else {
      let found = bytes.count >= 4 ? String(format: "0x%08x", bigEndian(bytes, 0)) : "a file shorter than 4 bytes"
      throw DataError(file: url.path, "not an IDX \(kind) file: magic number \(String(format: "0x%08x", magic)) expected, found \(found)")
    }
  }

  private static func bigEndian(_ b: [UInt8], _ at: Int) -> Int {
    Int(b[at]) << 24 | Int(b[at + 1]) << 16 | Int(b[at + 2]) << 8 | Int(b[at + 3])
  }
}
