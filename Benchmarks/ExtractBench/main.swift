import Feeds
import Foundation

/// ExtractBench DIR [--repeat N]
///
/// Runs `ArticleExtractor.parse` on every `DIR/*/source.html` (the layout of Mozilla
/// Readability's test pages) and prints one JSON object per page on stdout: the page name,
/// the document kind and the extracted fields. Timing goes to stderr as a final JSON line
/// (`pages_per_second` over all repeats). Scoring lives in `score.py` beside this file.
struct Extraction: Encodable {
    var page: String
    var kind: String
    var title: String?
    var byline: String?
    var published: String?
    var language: String?
    var canonical: String?
    var image: String?
    var summary: String?
    var text: String
    var feeds: [String]
    var error: String?
    var milliseconds: Double
}

let arguments = CommandLine.arguments.dropFirst()
guard let directory = arguments.first else {
    FileHandle.standardError.write(Data("usage: ExtractBench DIR [--repeat N]\n".utf8))
    exit(2)
}
var repeats = 1
if let index = arguments.firstIndex(of: "--repeat"), arguments.index(after: index) < arguments.endIndex {
    repeats = max(1, Int(arguments[arguments.index(after: index)]) ?? 1)
}

let root = URL(fileURLWithPath: directory)
let pages = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    .filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).appendingPathComponent("source.html").path) }
var inputs = pages.map { ($0, (try? Data(contentsOf: root.appendingPathComponent($0).appendingPathComponent("source.html"))) ?? Data()) }
if inputs.isEmpty {
    // Any other tree (e.g. the gofeed corpus): every regular file, to show nothing crashes or hangs.
    let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
    while let file = walker?.nextObject() as? URL {
        guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
              let data = try? Data(contentsOf: file) else { continue }
        inputs.append((String(file.path.dropFirst(root.path.count + 1)), data))
    }
    inputs.sort { $0.0 < $1.0 }
}
let fetchedAt = Date(timeIntervalSince1970: 1_700_000_000)
let pageURL = URL(string: "http://fakehost/test/page.html")
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
let iso = ISO8601DateFormatter()

var totalSeconds = 0.0
var totalBytes = 0
for round in 0..<repeats {
    for (name, data) in inputs {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = Result { () throws(FeedError) -> ParsedDocument in
            try ArticleExtractor.parse(data, url: pageURL, contentType: nil, fetchedAt: fetchedAt)
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        totalSeconds += elapsed
        totalBytes += data.count
        guard round == repeats - 1 else { continue }
        var row = Extraction(page: name, kind: "error", text: "", feeds: [], milliseconds: elapsed * 1000)
        switch result {
        case .success(let document):
            row.kind = document.kind.rawValue
            row.feeds = document.feed.discoveredFeeds
            row.language = document.feed.language
            if let story = document.stories.first {
                row.title = story.title
                row.byline = story.authors.isEmpty ? nil : story.authors.joined(separator: ", ")
                row.published = story.published.map(iso.string(from:))
                row.language = story.language
                row.canonical = story.canonicalURL
                row.image = story.image
                row.summary = story.summary
                row.text = story.text
            }
        case .failure(let error):
            row.error = error.description
        }
        if let line = try? encoder.encode(row) {
            FileHandle.standardOutput.write(line + Data("\n".utf8))
        }
    }
}
let pagesPerSecond = Double(inputs.count * repeats) / max(totalSeconds, 1e-9)
let summary = String(format: "{\"pages\": %d, \"repeats\": %d, \"seconds\": %.3f, \"pages_per_second\": %.1f, \"mb_per_second\": %.2f}\n",
                     inputs.count, repeats, totalSeconds, pagesPerSecond, Double(totalBytes) / 1e6 / max(totalSeconds, 1e-9))
FileHandle.standardError.write(Data(summary.utf8))
