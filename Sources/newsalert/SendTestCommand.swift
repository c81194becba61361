import ArgumentParser
import Delivery
import Foundation
import NewsAlert

struct SendTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-test",
        abstract: "Send one test alert through an owner's channel and report what the peer said.",
        discussion: "Uses the same channel settings, secrets and transports as the service. Exits 1 when the message was not accepted.")

    @Argument(help: "The owner, as in the rules file's `owner:`.")
    var owner: String

    @Argument(help: "The channel name under the owner's `channels:`.")
    var channel: String

    @OptionGroup var config: ConfigOption

    func run() async throws {
        let pipeline = try makePipeline(config)
        defer { pipeline.client.shutdown() }
        let resolved: ResolvedChannel
        switch pipeline.delivery.resolve(owner, channel) {
        case let .success(r): resolved = r
        case let .failure(error):
            printError(error.description)
            throw ExitCode(1)
        }
        let outcome = await pipeline.delivery.sender.send(AlertContent.test(owner: owner), via: resolved, now: Date())
        switch outcome {
        case let .delivered(status):
            print("sent: \(owner)/\(channel) accepted the test alert (\(status))")
        case let .retry(_, error, _), let .permanent(_, error):
            printError("\(owner)/\(channel): not delivered: \(error)")
            throw ExitCode(1)
        }
    }
}
