// Errors from reading data sets: each names the file, what is wrong and the command that fixes it.

/// A data set that is missing or malformed.
public struct DataError: Error, CustomStringConvertible {
  public let file: String
  public let line: Int?
  public let message: String

  public init(file: String, line: Int? = nil, _ message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String {
    let place = line.map { "\(file):\($0)" } ?? file
    return "\(place): \(message)\nhint: run scripts/setup to fetch and verify the data sets"
  }
}
