import Curl
import Feeds
import Foundation
import Geo
import NewsAlert

/// One `FILE|URL` argument, read from disk or fetched through the libcurl client.
struct LoadedInput {
    var input: String
    var data: Data
    var url: URL?
    var contentType: String?
    var fetchedAt: Date
}

/// Why an input could not be read; the message names the input and says what happened.
struct InputError: Error, CustomStringConvertible {
    var description: String
}

enum Inputs {
    static func isURL(_ s: String) -> Bool {
        let lower = s.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    static func load(_ input: String, client: HTTPClient) async -> Result<LoadedInput, InputError> {
        if isURL(input) {
            let result = await client.fetch(input)
            switch result.outcome {
            case let .modified(doc):
                return .success(LoadedInput(input: input, data: doc.body, url: URL(string: result.finalURL),
                                            contentType: doc.contentType, fetchedAt: Date()))
            default:
                return .failure(InputError(description: result.message))
            }
        }
        let path = (input as NSString).expandingTildeInPath
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(InputError(description: "\(input): cannot read the file (check the path and permissions)"))
        }
        return .success(LoadedInput(input: input, data: data, url: URL(fileURLWithPath: path), contentType: nil, fetchedAt: Date()))
    }

    /// Fetches or reads and parses one input.
    static func parse(_ input: String, client: HTTPClient) async -> Result<(LoadedInput, ParsedDocument), InputError> {
        switch await load(input, client: client) {
        case let .failure(e):
            return .failure(e)
        case let .success(loaded):
            do {
                var doc = try DocumentParser.parse(loaded.data, url: loaded.url, contentType: loaded.contentType, fetchedAt: loaded.fetchedAt)
                PlaceDetector().locate(&doc.stories)
                return .success((loaded, doc))
            } catch {
                return .failure(InputError(description: "\(input): \(error)"))
            }
        }
    }

    /// Parses each input in turn, printing a failure and going on with the rest; true when
    /// every input was read (`inspect` and `match` exit 1 otherwise).
    static func each(_ inputs: [String], _ body: (String, ParsedDocument) throws -> Void) async rethrows -> Bool {
        let client = HTTPClient()
        defer { client.shutdown() }
        var ok = true
        for input in inputs {
            switch await parse(input, client: client) {
            case let .failure(error):
                ok = false
                printError(error.description)
            case let .success((_, doc)):
                try body(input, doc)
            }
        }
        return ok
    }
}
