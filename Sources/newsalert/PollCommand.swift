import ArgumentParser
import Delivery
import Foundation
import Logging
import NewsAlert

struct PollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll",
        abstract: "Run the whole pipeline once for all due sources, then exit.",
        discussion: "Fetch, parse, locate, store and dedup, match, and deliver the alerts that are due (see `newsalert alerts`).")

    @OptionGroup var config: ConfigOption

    @Flag(help: "Required: poll once and exit (the service is `newsalert run`).")
    var once = false

    @Flag(help: "Poll every source, not only those that are due.")
    var all = false

    func run() async throws {
        guard once else {
            printError("poll needs --once (to keep polling, run the service: newsalert run)")
            throw ExitCode(2)
        }
        let pipeline = try makePipeline(config)
        defer { pipeline.client.shutdown() }
        let report = await pipeline.pollDue(all: all, deliver: true)
        print("polled \(report.polled) source\(report.polled == 1 ? "" : "s") (\(report.failed) failed): \(report.newStories) new stories, \(report.alerts) alerts")
        do {
            let sent = try await report.delivery + pipeline.delivery.deliverDue()
            if sent.claimed > 0 {
                print("delivered \(sent.delivered) message\(sent.delivered == 1 ? "" : "s"); \(sent.retrying) to retry, \(sent.failed) failed, \(sent.held) held for quiet hours or a digest (see `newsalert alerts`)")
            }
        } catch {
            printError("delivery: \(error)")
            throw ExitCode(1)
        }
        let notices = await pipeline.sendNotices()
        if notices > 0 { print("sent \(notices) notice\(notices == 1 ? "" : "s") about failing sources or channels") }
        if report.polled > 0 && report.failed == report.polled { throw ExitCode(1) }
    }
}

func makeLogger(_ label: String = "newsalert") -> Logger {
    var logger = Logger(label: label) { JournalLogHandler(label: $0) }
    if let level = ProcessInfo.processInfo.environment["NEWSALERT_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) {
        logger.logLevel = level
    }
    return logger
}

func makePipeline(_ option: ConfigOption) throws -> Pipeline {
    let config: Config
    do {
        config = try option.load()
    } catch {
        for d in error.diagnostics { printError(d.description) }
        throw ExitCode(1)
    }
    do {
        return try Pipeline(config: config, logger: makeLogger())
    } catch {
        printError("\(error)")
        throw ExitCode(1)
    }
}
