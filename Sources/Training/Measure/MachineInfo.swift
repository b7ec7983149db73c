// The machine a measurement ran on, recorded with every result set: numbers from a different
// CPU, thread count or BLAS build are different numbers.
import Foundation
import Tensor
import Results

extension Machine {
  /// This machine, as far as Linux and OpenBLAS tell.
  public static func current() -> Machine {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?
      .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
    return Machine(
      cpu: model, cores: ProcessInfo.processInfo.activeProcessorCount, threads: BLASThreads.count,
      openblas: BLASThreads.config, swift: compilerVersion, os: ProcessInfo.processInfo.operatingSystemVersionString)
  }

  /// The Swift compiler that built this binary (the language has no runtime query for it).
  static var compilerVersion: String {
    #if compiler(>=6.4)
      "6.4 or newer"
    #elseif compiler(>=6.3)
      "6.3"
    #elseif compiler(>=6.2)
      "6.2"
    #elseif compiler(>=6.1)
      "6.1"
    #else
      "older than 6.1"
    #endif
  }
}
