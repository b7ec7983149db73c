// Progress of long work on standard error: one live line with an ETA on a terminal, plain log
// lines otherwise (so logs and CI output stay readable).
import Foundation
import Training

final class ProgressLine {
  private let live = isatty(STDERR_FILENO) == 1
  private let start = ContinuousClock.now
  private var shown = false

  /// Seconds since the progress began.
  var elapsed: Double { (ContinuousClock.now - start).seconds }

  /// Shows `message` with an ETA estimated from the fraction of the work done so far.
  func update(_ message: String, done: Double) {
    var text = message
    if done > 0.02 && done < 1 {
      let remaining = elapsed * (1 - done) / done
      text += String(format: "  (%d%%, about %@ left)", Int(done * 100), Self.duration(remaining))
    }
    write(text)
  }

  /// Shows a line that stays (a finished step), on a terminal and in logs alike.
  func log(_ message: String) {
    if live && shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    FileHandle.standardError.write(Data("\(message)\n".utf8))
    shown = false
  }

  /// Clears the live line.
  func finish() {
    if live && shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    shown = false
  }

  private func write(_ text: String) {
    if live {
      FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
      shown = true
    } else {
      FileHandle.standardError.write(Data("\(text)\n".utf8))
    }
  }

  static func duration(_ seconds: Double) -> String {
    seconds < 90 ? "\(Int(seconds.rounded())) s" : "\(Int((seconds / 60).rounded())) min"
  }
}
