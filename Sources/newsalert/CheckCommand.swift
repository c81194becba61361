import ArgumentParser
import Delivery
import Foundation
import NewsAlert
import Rules

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the config and every rules file.",
        discussion: """
        Reports every problem in every file as `path:line:col: message` (with a hint where one helps) and exits 1; otherwise prints a one-line summary and exits 0.
        """
    )

    @OptionGroup var config: ConfigOption

    @Option(help: "A rules directory or file (default: the config's `rules:`).")
    var rules: String?

    func run() async throws {
        var problems: [String] = []
        var loaded: Config?
        do {
            loaded = try config.load()
        } catch {
            problems += error.diagnostics.map(\.description)
        }
        if let templates = loaded?.templates {
            do {
                _ = try MessageTemplates.load(directory: templates)
            } catch {
                // Template errors already read "path:line:col: message".
                problems.append(error.message.replacingOccurrences(of: "delivery: ", with: ""))
            }
        }
        let rulesPath = rules ?? loaded.map(\.rules) ?? "./rules"
        let (book, diagnostics) = RulesLoader.load(path: rulesPath, regions: RegionSupport.resolver)
        problems += diagnostics.map(\.description)
        if !problems.isEmpty {
            for p in problems { print(p) }
            print("\(problems.count) problem\(problems.count == 1 ? "" : "s") found")
            throw ExitCode(1)
        }
        let origin = loaded?.origin ?? "embedded default"
        print("ok: config \(origin) (\(loaded?.sources.count ?? 0) sources); rules \(rulesPath): \(book.summary)")
    }
}

/// `--config FILE`, shared by every command that reads the config.
struct ConfigOption: ParsableArguments {
    @Option(name: .customLong("config"), help: "Config file (default: $NEWSALERT_CONFIG, else /etc/newsalert/config.yaml, else the embedded default).")
    var path: String?

    func load() throws(ConfigLoader.Failure) -> Config {
        try ConfigLoader.load(path: ConfigLoader.locate(explicit: path))
    }
}
