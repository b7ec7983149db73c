// swift-tools-version:6.1
// Hasten: an executable atlas of the techniques that make deep-learning training cheaper.
// Targets follow the data flow: taxonomy/ + results/ -> Atlas (SQLite) -> CLI and Site;
// examples/ train on the Tensor engine through Training and produce results/.
import PackageDescription

// The engine's hand-written loops need AVX2/FMA code generation; without it SIMD code calls
// `fmaf` through the PLT and runs about 30x slower (measured on this machine kind).
let fastMath: [SwiftSetting] = [
  .unsafeFlags(["-Xcc", "-march=x86-64-v3"]),
  .unsafeFlags(["-Ounchecked"], .when(configuration: .release)),
]

let package = Package(
  name: "Hasten",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "hasten", targets: ["hasten"]),
    .library(name: "Tensor", targets: ["Tensor"]),
    .library(name: "Atlas", targets: ["Atlas"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),

    // OpenBLAS (libopenblas-dev) is loaded at run time, not linked: see Sources/Tensor/OpenBLAS.swift.
    .target(name: "Tensor", swiftSettings: fastMath),
    // The results file format, shared by its writer (Training) and its reader (Atlas).
    .target(name: "Results"),
    .target(name: "Training", dependencies: ["Tensor", "Results"], swiftSettings: fastMath),
    .target(
      name: "Atlas",
      dependencies: [.product(name: "GRDB", package: "GRDB.swift"), "Yams", "Results"]),
    .target(name: "Site", dependencies: ["Atlas", "CCmark"]),
    .target(name: "Examples", dependencies: ["Training"], path: "examples", swiftSettings: fastMath),
    .executableTarget(
      name: "hasten",
      dependencies: [
        "Atlas", "Site", "Tensor", "Training", "Examples", "Results",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
    .testTarget(name: "TrainingTests", dependencies: ["Training", "Results"]),
    .testTarget(name: "AtlasTests", dependencies: ["Atlas", "Results"]),
    .testTarget(name: "SiteTests", dependencies: ["Site", "Atlas"]),
    .testTarget(name: "ExamplesTests", dependencies: ["Examples", "Training"]),
    .testTarget(name: "HastenTests", dependencies: ["hasten"]),
  ]
)
