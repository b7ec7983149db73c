// The test project: a copy of the real taxonomy/, examples/, results/ and site/ plus one
// technique whose every text tries to inject markup. Imported once and shared by the suites
// (importing is the slow part); each test that writes files writes into its own folder.
import Atlas
import Foundation
import Site

/// The repository this test file sits in.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A YAML technique whose name, summary, description, rationale, hyperparameters and caveats
/// all carry markup that must never reach the HTML raw.
let hostileTechnique = """
  slug: hostile
  name: "Mix <b>up</b> & co"
  summary: "A summary with <script>alert(1)</script> and *stars* | pipes"
  saves: [fewer-steps]
  domains: [any]
  description: |
    Plain **bold** text.

    <div onclick="evil()">raw html block</div>

    A [bad link](javascript:alert(1)) and <script>alert(2)</script> inline.
  classification:
    shen2023:
      - {node: learning-rate, provenance: curated, rationale: "because <i>tests</i>"}
    bartoldson2023:
      - {node: optimization, provenance: curated, rationale: r}
      - {node: reorder, provenance: curated, rationale: r}
      - {node: scheduled, provenance: curated, rationale: "</td></tr><script>alert(3)</script>"}
  papers:
    - {key: zhang2018mixup, role: applies}
  hyperparameters:
    - {name: "<img src=x onerror=alert(4)>", value: "`<b>`", reason: "</svg><script>alert(5)</script>"}
  caveats:
    - "Caveat with <iframe src=x></iframe>"
  """

struct Fixture: Sendable {
  let root: URL
  let catalog: Catalog
  let atlas: AtlasDatabase

  static func make() throws -> Fixture {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("hasten-site-tests-\(UUID().uuidString)")
    try fm.createDirectory(at: root, withIntermediateDirectories: true)
    for folder in ["taxonomy", "examples", "results", "site"] {
      try fm.copyItem(at: repositoryRoot.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
    }
    try hostileTechnique.write(to: root.appendingPathComponent("taxonomy/techniques/hostile.yaml"), atomically: true, encoding: .utf8)
    let catalog = try TaxonomyImporter.load(root: root)
    return Fixture(root: root, catalog: catalog, atlas: try AtlasDatabase.inMemory(catalog))
  }

  /// A new empty folder for one test's output.
  func outputFolder() -> URL {
    root.appendingPathComponent("out-\(UUID().uuidString)")
  }
}

/// Built on first use, shared by every test.
let fixture = Result { try Fixture.make() }

/// The fixture's site, written once (generating is slow in a debug build) and only read.
let writtenSite = Result { () throws -> URL in
  let f = try fixture.get()
  let out = f.outputFolder()
  try SiteGenerator(atlas: f.atlas, root: f.root).write(to: out)
  return out
}

/// The fixture's pages, built once.
let fixturePages = Result { () throws -> [Page] in
  let f = try fixture.get()
  return try SiteGenerator(atlas: f.atlas, root: f.root).pages()
}
