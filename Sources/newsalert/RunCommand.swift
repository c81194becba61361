import ArgumentParser
import Foundation
import Logging
import NewsAlert
import ServiceLifecycle

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the service until SIGTERM; SIGHUP reloads config and rules.",
        discussion: "Polls each source when it is due, stores and dedups stories, matches rules, writes alerts to the outbox and delivers them. Rules files are also reloaded when they change on disk; a file with errors keeps its last good version. Serves /healthz, /readyz and /metrics on the config's listen: address. Under systemd (Type=notify) it reports READY, RELOADING, STOPPING and watchdog pings.")

    @OptionGroup var config: ConfigOption

    func run() async throws {
        let logger = makeLogger()
        let pipeline = try makePipeline(config)
        logger.info("newsalert running", metadata: [
            "config": "\(pipeline.config.origin)", "sources": "\(pipeline.config.sources.count)",
            "rules": "\(pipeline.rules.path)", "rules.summary": "\(pipeline.rules.book.summary)",
            "database": "\(pipeline.store.path)", "listen": "\(pipeline.config.listen ?? "off")",
        ])
        let option = config
        let service = PipelineService(pipeline: pipeline, logger: logger) { try option.load() }
        var services: [any Service] = [service]
        if let listen = pipeline.config.listen {
            do {
                services.append(try HTTPEndpoint.make(listen: listen, store: pipeline.store, metrics: pipeline.metrics, logger: logger,
                                                      websub: service.webSubCallbacks))
            } catch {
                printError("config: \(error)")
                throw ExitCode(1)
            }
        }
        let group = ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger)
        do {
            try await group.run()
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }
}
