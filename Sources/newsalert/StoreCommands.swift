import ArgumentParser
import Foundation
import NewsAlert
import Rules
import Store

/// Opens the database the config names (or the default one) for the read-only commands.
func openStore(_ option: ConfigOption) throws -> Store {
    let config: Config
    do {
        config = try option.load()
    } catch {
        for d in error.diagnostics { printError(d.description) }
        throw ExitCode(1)
    }
    let path = Store.defaultPath(configured: config.database)
    do {
        return try Store(path: path)
    } catch {
        printError("\(error)")
        throw ExitCode(1)
    }
}

func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

func ago(_ date: Date?, now: Date = Date()) -> String {
    guard let date else { return "never" }
    let s = Int(now.timeIntervalSince(date))
    let a = abs(s)
    let text = a < 90 ? "\(a)s" : a < 5400 ? "\(a / 60)m" : a < 172_800 ? "\(a / 3600)h" : "\(a / 86400)d"
    return s >= 0 ? "\(text) ago" : "in \(text)"
}

struct StoriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories",
        abstract: "List stored stories by cluster (syndicated copies folded together).")

    @OptionGroup var config: ConfigOption

    @Option(help: "How far back, as a duration such as 24h or 7d.")
    var since = "24h"

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        guard let seconds = Values.duration(since).map(Double.init) else {
            printError("--since must be a duration such as 90m, 24h or 7d, not '\(since)'")
            throw ExitCode(2)
        }
        let store = try openStore(config)
        let clusters = try store.clusters(since: Date().addingTimeInterval(-seconds))
        if json { return try printJSON(StoriesReport(clusters: clusters)) }
        if clusters.isEmpty { print("no stories in the last \(since)") }
        for c in clusters {
            let sources = Set(c.stories.map(\.source)).sorted()
            print("#\(c.id)  \(c.title)")
            print("      first seen \(ago(c.firstSeen)); \(c.stories.count) \(c.stories.count == 1 ? "copy" : "copies") from \(sources.joined(separator: ", "))")
            for s in c.stories where c.stories.count > 1 {
                print("      · \(s.source): \(s.url ?? s.guid)")
            }
        }
    }
}

struct SourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "Show each source's health, or import sources from an OPML file.",
        subcommands: [SourcesList.self, SourcesImport.self],
        defaultSubcommand: SourcesList.self)
}
