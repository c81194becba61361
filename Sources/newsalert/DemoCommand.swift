import ArgumentParser
import Foundation
import Logging
import NewsAlert

/// `newsalert demo` (issue 8, "The first run"): the pipeline end to end with nothing but this
/// binary — bundled feeds, a webhook sink and an SMTP sink, all on 127.0.0.1.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Walk through the whole pipeline offline: bundled feeds, one rule, one webhook and one email, all on 127.0.0.1.",
        discussion: "Serves two bundled feeds (a wire story and its aggregator copy among unrelated stories), polls them with an example rules file, and shows the webhook and the email that result, then a second poll that changes nothing. Needs no config and no network.")

    @Option(help: ArgumentHelp("Write the config, rules and database to this new or empty directory and keep them.", valueName: "DIR"))
    var keep: String?

    func run() async throws {
        var logger = makeLogger("newsalert.demo")
        if ProcessInfo.processInfo.environment["NEWSALERT_LOG_LEVEL"] == nil { logger.logLevel = .error }
        do {
            _ = try await DemoRunner(keep: keep, logger: logger).run()
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }
}
