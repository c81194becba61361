import Foundation

/// libFuzzer entry for the feed parser: any bytes through `DocumentParser.parse` (sniffing,
/// charset decoding, libxml2 SAX, adapters, dates, HTML fragments, URL canonicalization and
/// the inspect encoder). Crashes, hangs and sanitizer reports are bugs; thrown `FeedError`s
/// are fine. Built by `Fuzz/run.sh feed`, never by `swift build`.
@_cdecl("LLVMFuzzerTestOneInput")
public func feedParserFuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let data = Data(bytes: start, count: count)
    let url = URL(string: "https://fuzz.example/feed.xml")
    let contentTypes: [String?] = [nil, "application/rss+xml; charset=windows-1252", "text/xml; charset=shift_jis"]
    let contentType = contentTypes[count % contentTypes.count]
    if let doc = try? DocumentParser.parse(data, url: url, contentType: contentType, fetchedAt: Date(timeIntervalSince1970: 1_722_362_640)) {
        _ = InspectJSON.object(for: doc, input: "fuzz")
        for story in doc.stories {
            if let u = story.url { _ = URLCanonicalizer.canonical(u) }
        }
    }
    if let text = String(bytes: data.prefix(4096), encoding: .utf8) {
        _ = FeedDate.parse(text)
        _ = HTMLFragment.plainText(text)
        _ = HTMLFragment.sanitize(text, baseURL: "https://fuzz.example/")
    }
    return 0
}
