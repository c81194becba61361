import Foundation
@testable import Feeds

/// Loads and parses the fixtures in `Fixtures/feeds/`.
enum FeedFixture {
    static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/feeds") else {
            throw FeedError("fixture \(name) missing")
        }
        return try Data(contentsOf: url)
    }

    static func parse(_ name: String, url: String = "https://feeds.example.net/feed",
                      contentType: String? = nil) throws -> ParsedDocument {
        try DocumentParser.parse(data(name), url: URL(string: url), contentType: contentType)
    }

    static func parse(xml: String, url: String? = "https://feeds.example.net/feed") throws -> ParsedDocument {
        try DocumentParser.parse(Data(xml.utf8), url: url.flatMap(URL.init(string:)))
    }
}

extension Date {
    var rfc3339: String { RFC3339.string(self) }
}
