import ArgumentParser
extension Hasten {
  struct SiteCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "site") }
}
