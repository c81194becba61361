import Feeds
import Foundation

enum Dump {
    static func run(_ files: [String]) {
        for path in files {
            let url = URL(fileURLWithPath: path)
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
