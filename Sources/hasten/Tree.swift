// `hasten tree`: both surveys' taxonomies as indented trees, with technique counts.
import ArgumentParser
import Atlas
import Foundation

extension Hasten {
  struct Tree: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "tree",
      abstract: "Print the taxonomy trees with how many techniques sit under each node.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Only this survey's tree: shen2023 or bartoldson2023.")
    var survey: String?

    func run() throws {
      let trees: [SurveyTree]
      do {
        trees = try options.openAtlas().trees(survey: survey)
      } catch let unknown as UnknownName {
        throw usageError(unknown.sentence)
      }
      if options.json { return try printJSON(trees) }
      func labelWidth(_ node: TreeNode, _ depth: Int) -> Int {
        node.children.map { labelWidth($0, depth + 1) }.reduce(label(node, depth).count, max)
      }
      let width = trees.flatMap { $0.axes.map { labelWidth($0, 1) } }.max() ?? 0
      for (i, tree) in trees.enumerated() {
        if i > 0 { print() }
        print("\(Style.bold(tree.short)) (\(tree.survey)): \(tree.title)")
        for axis in tree.axes { printNode(axis, depth: 1, width: width) }
      }
      print(Style.dim("\n[survey] stated by the survey; [curated] placed by us. Counts include sub-nodes."))
    }

    private func label(_ node: TreeNode, _ depth: Int) -> String {
      String(repeating: "  ", count: depth) + "\(node.name) (\(node.id))"
    }

    private func printNode(_ node: TreeNode, depth: Int, width: Int) {
      let text = label(node, depth)
      let count = String(node.techniqueCount)
      let pad = String(repeating: " ", count: width + 5 - text.count - count.count)
      print(text + pad + count + "  " + Style.dim("[\(node.provenance.rawValue)]"))
      for child in node.children { printNode(child, depth: depth + 1, width: width) }
    }
  }
}

extension UnknownName {
  /// The description as a sentence: capitalised, with a full stop.
  var sentence: String { description.prefix(1).uppercased() + description.dropFirst() + "." }
}
