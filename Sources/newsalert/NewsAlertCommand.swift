import ArgumentParser

@main
struct NewsAlertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsalert",
        abstract: "Watch news sources and alert people when a story matches their rules."
    )
}
