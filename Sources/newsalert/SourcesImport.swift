import ArgumentParser
import Foundation
import NewsAlert

struct SourcesImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add the feeds of an OPML export (from a feed reader) to the config's sources.",
        discussion: "Feeds already in the config (same URL) are skipped; names come from the OPML titles. The rest of the config file, comments included, is left as it is. Reload the service afterwards (systemctl reload newsalert).")

    @Argument(help: "The OPML file your feed reader exported.")
    var file: String

    @OptionGroup var config: ConfigOption

    @Flag(help: "Print what would be added without changing the config.")
    var dryRun = false

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            printError("\(file): cannot read the file (check the path and permissions)")
            throw ExitCode(1)
        }
        do {
            let feeds = try OPMLImport.feeds(data, path: file)
            guard let path = ConfigLoader.locate(explicit: config.path) else {
                print("# No config file yet: copy deploy/config.example.yaml to /etc/newsalert/config.yaml (or pass --config),")
                print("# then import again, or paste these entries under its sources:")
                for f in feeds { print("  - { name: \(f.name), url: \"\(f.url)\" }") }
                return
            }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                printError("\(path): cannot read the config file")
                throw ExitCode(1)
            }
            let (updated, added) = try OPMLImport.add(feeds, toConfig: text, path: path)
            for f in added { print("\(dryRun ? "would add" : "added") \(f.name): \(f.url)") }
            let skipped = feeds.count - added.count
            if added.isEmpty {
                print("nothing to add: all \(feeds.count) feeds are already in \(path)")
                return
            }
            if !dryRun {
                try updated.write(toFile: path, atomically: true, encoding: .utf8)
                print("\(added.count) source\(added.count == 1 ? "" : "s") added to \(path)\(skipped > 0 ? " (\(skipped) already there)" : ""); reload the service to poll them: systemctl reload newsalert")
            }
        } catch let failure as OPMLImport.Failure {
            printError(failure.description)
            throw ExitCode(1)
        }
    }
}
