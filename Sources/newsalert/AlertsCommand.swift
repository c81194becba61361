import ArgumentParser
import Foundation
import Store

struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Show the outbox: pending, sent and failed alerts with their last error.",
        subcommands: [List.self, Retry.self],
        defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List alerts (the default).")

        @OptionGroup var config: ConfigOption

        @Option(help: "Only alerts with this status: pending, sent or failed.")
        var status: String?

        @Flag(help: "Print JSON.")
        var json = false

        struct Row: Encodable {
            var id: Int64, owner: String, rule: String, channel: String, status: String, attempts: Int
            var story: StoryRef?
            var last_error: String?
            struct StoryRef: Encodable { var title: String; var url: String? }

            enum CodingKeys: String, CodingKey { case id, owner, rule, channel, status, attempts, story, last_error }

            /// Every key is present, with null where there is no value (DESIGN.md `alerts --json`).
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(id, forKey: .id)
                try c.encode(owner, forKey: .owner)
                try c.encode(rule, forKey: .rule)
                try c.encode(channel, forKey: .channel)
                try c.encode(status, forKey: .status)
                try c.encode(attempts, forKey: .attempts)
                try c.encode(story, forKey: .story)
                try c.encode(last_error, forKey: .last_error)
            }
        }
        struct Report: Encodable { var alerts: [Row] }

        func run() async throws {
            var filter: AlertStatus?
            if let status {
                guard let s = AlertStatus(rawValue: status) else {
                    printError("--status must be pending, sent or failed, not '\(status)'")
                    throw ExitCode(2)
                }
                filter = s
            }
            let store = try openStore(config)
            let alerts = try store.alerts(status: filter)
            if json {
                return try printJSON(Report(alerts: alerts.map {
                    Row(id: $0.id, owner: $0.owner, rule: $0.rule, channel: $0.channel, status: $0.status.rawValue,
                        attempts: $0.attempts, story: $0.story.map { Row.StoryRef(title: $0.title, url: $0.url) }, last_error: $0.lastError)
                }))
            }
            if alerts.isEmpty { print("no alerts\(status.map { " with status \($0)" } ?? "")") }
            for a in alerts {
                print("#\(a.id)  \(a.status.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(a.owner)/\(a.rule) → \(a.channel)  \(a.attempts) attempt\(a.attempts == 1 ? "" : "s")  \(a.story?.title ?? "(story pruned)")")
                if let e = a.lastError, a.status != .sent { print("        last error: \(e)") }
                if a.status == .failed { print("        retry with: newsalert alerts retry \(a.id)") }
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retry", abstract: "Make a failed alert (or all, with --failed) due again.")

        @OptionGroup var config: ConfigOption

        @Argument(help: "The alert id (see `newsalert alerts --status failed`).")
        var id: Int64?

        @Flag(help: "Retry every failed alert.")
        var failed = false

        func run() async throws {
            let store = try openStore(config)
            if failed {
                let n = try store.retryFailed()
                print("\(n) failed alert\(n == 1 ? "" : "s") due again; the service (or `newsalert poll --once`) delivers them")
            } else if let id {
                do {
                    try store.retry(alertID: id)
                } catch {
                    printError("\(error)")
                    throw ExitCode(1)
                }
                print("alert #\(id) is due again")
            } else {
                printError("give an alert id, or --failed for all failed alerts")
                throw ExitCode(2)
            }
        }
    }
}
