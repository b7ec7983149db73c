// A usage error found after parsing (an unknown slug, say): printed to standard error without
// the root command's usage line, exit code 64 (EX_USAGE), like argument-parser's own.
import ArgumentParser
import Foundation

func usageError(_ message: String) -> ExitCode {
  FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
  return ExitCode(64)
}
