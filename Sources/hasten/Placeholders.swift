import ArgumentParser
extension Hasten {
  struct List: ParsableCommand {}
  struct Show: ParsableCommand {}
  struct Db: ParsableCommand {}
  struct SiteCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "site") }
}
