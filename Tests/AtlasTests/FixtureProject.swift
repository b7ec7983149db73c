// Shared helpers: small project trees in a temporary directory, written from the texts below,
// and the repository root for tests that read the real taxonomy.
import Atlas
import Foundation
import Testing

/// The repository root, found from this file's path (Tests/AtlasTests/FixtureProject.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A throwaway project root holding taxonomy/ (and examples/) files; removed when released.
final class FixtureProject {
  let root: URL

  /// Writes `files` (relative path -> text) into a fresh temporary directory.
  init(_ files: [String: String] = FixtureProject.validFiles) throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("hasten-atlas-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    for (path, text) in files { try write(path, text) }
  }

  deinit { try? FileManager.default.removeItem(at: root) }

  func write(_ relative: String, _ text: String) throws {
    let url = root.appendingPathComponent(relative)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
  }

  func remove(_ relative: String) throws {
    try FileManager.default.removeItem(at: root.appendingPathComponent(relative))
  }

  func load() throws -> Catalog { try TaxonomyImporter.load(root: root) }

  /// The problems the importer reports; records an issue when the import unexpectedly succeeds.
  func problems(sourceLocation: SourceLocation = #_sourceLocation) -> [ImportProblem] {
    do {
      _ = try load()
      Issue.record("the import succeeded, but problems were expected", sourceLocation: sourceLocation)
      return []
    } catch let failure as ImportFailure {
      return failure.problems
    } catch {
      Issue.record("expected ImportFailure, got \(error)", sourceLocation: sourceLocation)
      return []
    }
  }

  /// The valid fixture with `files` replaced or added.
  static func with(_ files: [String: String]) throws -> FixtureProject {
    try FixtureProject(validFiles.merging(files) { _, new in new })
  }

  static let validFiles: [String: String] = [
    "taxonomy/surveys.yaml": surveysYAML,
    "taxonomy/papers.bib": papersBib,
    "taxonomy/techniques/mixup.yaml": mixupYAML,
    "taxonomy/techniques/one-cycle-lr.yaml": oneCycleYAML,
    "examples/mixup.swift": "// the mixup example\n",
  ]

  /// Shen: one axis (perspective) with two perspectives of two and one leaves. Bartoldson: the
  /// three axes with two values each. 6 + 9 = 15 nodes.
  static let surveysYAML = """
    # Fixture surveys.
    surveys:
      - id: shen2023
        paper: shen2023efficient
        short: Shen et al. 2023
        title: On Efficient Training of Large-Scale Deep Learning Models
        authors: [Li Shen, Yan Sun]
        year: 2023
        venue: ACM Computing Surveys
        arxiv: "2304.03589"
        description: The Shen survey.
        axes:
          - id: perspective
            name: Perspective
            provenance: survey
            source: abstract
            description: Which part of the update formula a method accelerates.
            children:
              - id: data-centric
                name: Data-centric
                provenance: survey
                source: abstract
                description: Cheaper data.
                children:
                  - id: dataset-regularization
                    name: Dataset regularization
                    provenance: survey
                    source: abstract
                    description: Regularize the training set.
                  - id: data-sampling
                    name: Data sampling
                    provenance: survey
                    source: abstract
                    description: Compute fewer samples.
              - id: optimization-centric
                name: Optimization-centric
                provenance: survey
                source: abstract
                description: The training policy.
                children:
                  - id: learning-rate
                    name: Learning rate
                    provenance: survey
                    source: abstract
                    description: Schedules.
      - id: bartoldson2023
        paper: bartoldson2023compute
        short: Bartoldson et al. 2023
        title: "Compute-Efficient Deep Learning: Algorithmic Trends and Opportunities"
        authors: [Brian R. Bartoldson, Bhavya Kailkhura, Davis Blalock]
        year: 2023
        venue: JMLR
        description: The Bartoldson survey.
        axes:
          - id: component
            name: Component
            provenance: survey
            source: abstract
            description: What is changed.
            children:
              - id: data
                name: Data
                provenance: curated
                rationale: The examples.
                description: The training examples.
              - id: optimization
                name: Optimization
                provenance: curated
                rationale: The update rule.
                description: Loss and optimizer.
          - id: action
            name: Action
            provenance: survey
            source: abstract
            description: How it is changed.
            children:
              - id: augment
                name: Augment
                provenance: curated
                rationale: Adds to it.
                description: Change the distribution.
              - id: reorder
                name: Reorder
                provenance: curated
                rationale: Changes the order.
                description: Change the order.
          - id: mechanism
            name: Mechanism
            provenance: survey
            source: abstract
            description: When it applies.
            children:
              - id: every-step
                name: Every step
                provenance: curated
                rationale: Always on.
                description: The same at every step.
              - id: scheduled
                name: Scheduled
                provenance: curated
                rationale: Depends on progress.
                description: Changes with training progress.
    """

  /// Four papers; three survey citations.
  static let papersBib = """
    % Fixture bibliography.
    @string{iclr = {International Conference on Learning Representations}}

    @article{shen2023efficient,
      title    = {On Efficient Training of Large-Scale Deep Learning Models},
      author   = {Li Shen and Yan Sun},
      journal  = {ACM Computing Surveys},
      year     = {2024},
      arxiv    = {2304.03589},
      surveys  = {},
      verified = {yes}
    }

    @article{bartoldson2023compute,
      title    = {Compute-Efficient Deep Learning},
      author   = {Bartoldson, Brian R. and Kailkhura, Bhavya and Blalock, Davis},
      journal  = {Journal of Machine Learning Research},
      year     = 2023,
      verified = {yes}
    }

    @inproceedings{zhang2018mixup,
      title     = {mixup: Beyond Empirical Risk Minimization},
      author    = {Hongyi Zhang and Moustapha Cisse},
      booktitle = iclr,
      year      = {2018},
      arxiv     = {1710.09412},
      surveys   = {shen2023:H, bartoldson2023:M},
      verified  = {yes}
    }

    @misc{smith2019super,
      title    = {Super-Convergence},
      author   = {Leslie N. Smith and Nicholay Topin},
      journal  = {arXiv preprint},
      year     = {2019},
      surveys  = {shen2023:M},
      verified = {no}
    }
    """

  static let mixupYAML = """
    slug: mixup
    name: Mixup
    aliases: [input mixup, mix-up]
    summary: Train on convex combinations of pairs of examples and of their labels.
    saves: [fewer-steps]
    domains: [vision, speech]
    description: |
      Blends pairs of examples and their labels.
    classification:
      shen2023:
        - node: dataset-regularization
          provenance: curated
          rationale: It regularizes the training set.
      bartoldson2023:
        - node: data
          provenance: curated
          rationale: It changes the examples.
        - node: augment
          provenance: curated
          rationale: It changes the input distribution.
        - node: every-step
          provenance: survey
          rationale: The same mixing at every step.
    papers:
      - key: zhang2018mixup
        role: introduces
      - key: smith2019super
        role: applies
    claims:
      - value: 1.29
        unit: percentage points
        metric: CIFAR-10 test error reduction
        setting: ResNet, 200 epochs
        paper: zhang2018mixup
        source: code README
    relations:
      composes-with: [one-cycle-lr]
    hyperparameters:
      - name: alpha
        value: "0.2"
        reason: A small alpha on large data.
      - name: partner
        value: shuffled batch
        reason: No extra loading.
    caveats:
      - Not cheaper per step.
      - Can lose in short runs.
    example: mixup
    """

  static let oneCycleYAML = """
    slug: one-cycle-lr
    name: One-cycle learning rate
    summary: Raise the learning rate, then anneal it, in one cycle.
    saves: [fewer-steps, cheaper-steps]
    domains: [any]
    description: One cycle.
    classification:
      shen2023:
        - {node: learning-rate, provenance: curated, rationale: A schedule.}
      bartoldson2023:
        - {node: optimization, provenance: curated, rationale: The optimizer.}
        - {node: reorder, provenance: curated, rationale: Reorders the rates.}
        - {node: scheduled, provenance: curated, rationale: Follows progress.}
    papers:
      - {key: smith2019super, role: introduces}
    """
}

/// The 1-based numbers of the lines of `text` containing `needle`.
func lines(of needle: String, in text: String) -> [Int] {
  text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().filter { $0.element.contains(needle) }.map { $0.offset + 1 }
}

/// The 1-based number of the first line of `text` containing `needle`; 0 when none does.
func line(of needle: String, in text: String) -> Int { lines(of: needle, in: text).first ?? 0 }

/// JSON of a record with sorted keys, for comparing records that are not Equatable.
func json<T: Encodable>(_ value: T) throws -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys]
  return String(decoding: try encoder.encode(value), as: UTF8.self)
}
