import ArgumentParser

@main
struct NewsAlertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsalert",
        abstract: "Watch news sources and alert people when a story matches their rules.",
        discussion: """
        newsalert polls RSS, Atom, JSON Feed, news sitemaps and article pages, folds syndicated copies of a story into one, matches every new story against each person's rules (keywords and regions), and delivers alerts by webhook and email.

        Start with `newsalert inspect URL` to see what newsalert reads from a source, and `newsalert check` to validate your config and rules files. The config is read from --config, else $NEWSALERT_CONFIG, else /etc/newsalert/config.yaml; without one the embedded default applies (see deploy/config.example.yaml).
        """,
        subcommands: [
            RunCommand.self, PollCommand.self, CheckCommand.self, InspectCommand.self, MatchCommand.self,
            SourcesCommand.self, StoriesCommand.self, AlertsCommand.self, SendTestCommand.self,
            DemoCommand.self,
        ]
    )
}
