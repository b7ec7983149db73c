// Right-padding for aligned text columns, in plain Swift. Foundation's `padding(toLength:)`
// goes through NSString on Linux and was half of `hasten list`'s own time.

extension String {
  /// The text followed by spaces up to `width` characters; longer text is left whole.
  public func padded(to width: Int) -> String {
    let missing = width - count
    return missing > 0 ? self + String(repeating: " ", count: missing) : self
  }
}
