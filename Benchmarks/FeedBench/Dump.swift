import Feeds
import Foundation

enum Dump {
    /// `--no-base`: parse without a document URL, so relative links stay relative (as the
    /// gofeed expectations have them).
    static func run(_ arguments: [String]) {
        let noBase = arguments.contains("--no-base")
        for path in arguments where path != "--no-base" {
            let url: URL? = noBase ? nil : URL(fileURLWithPath: path)
            guard let data = FileManager.default.contents(atPath: path) else {
                print("{\"input\":\(InspectJSON.string(path)),\"error\":\"unreadable\"}")
                continue
            }
            do {
                let doc = try DocumentParser.parse(data, url: url, contentType: nil, fetchedAt: Date())
                print(InspectJSON.object(for: doc, input: path))
            } catch {
                print("{\"input\":\(InspectJSON.string(path)),\"error\":\(InspectJSON.string(error.description))}")
            }
        }
    }
}
