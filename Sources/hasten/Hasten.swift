// The `hasten` command: thin subcommands over the Atlas, Site and Training libraries.
import ArgumentParser

@main
struct Hasten: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hasten",
    abstract: "An executable atlas of the techniques that make deep-learning training cheaper.",
    discussion: """
      Hasten's knowledge base is built from the text sources in taxonomy/ (both surveys' \
      taxonomies, the techniques and their papers). Query it with list, search, show, tree, \
      crosswalk, papers, cite and sql; run a technique's reference implementation with run; \
      and generate the browsable site with site. Completions: hasten --generate-completion-script bash.
      """,
    version: "0.1.0",
    subcommands: [
      List.self, Search.self, Show.self, Tree.self, CrosswalkCommand.self, Papers.self, Cite.self, Sql.self, Run.self,
      SweepCommand.self, Db.self, SiteCommand.self, Bench.self,
    ])
}
