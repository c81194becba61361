import ArgumentParser
import Curl
import Feeds
import Foundation

struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Parse feeds or article pages and print their stories.",
        discussion: """
        Each input is a file or an http(s) URL (fetched with the same client the service uses). The format is detected from the bytes: RSS, RDF, Atom, JSON Feed, sitemaps, or an HTML page (an article is extracted; other pages list the feeds they advertise). With --json, prints one JSON object per input (JSON Lines with several inputs). Exits 1 when any input could not be fetched or parsed.
        """
    )

    @Argument(help: "Files or http(s) URLs to inspect.")
    var inputs: [String]

    @Flag(help: "Print JSON (one object per input, as documented in the README).")
    var json = false

    func run() async throws {
        let ok = await Inputs.each(inputs) { input, doc in
            print(json ? InspectJSON.object(for: doc, input: inputs.count > 1 ? input : nil) : Listing.document(doc, input: input))
        }
        if !ok { throw ExitCode(1) }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data(("newsalert: " + message + "\n").utf8))
}
