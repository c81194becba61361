import Foundation

/// libFuzzer entry for the HTML article extractor: any bytes, as a page with and without a
/// declared charset, must yield a document or a `FeedError` — never a crash, a hang or a
/// sanitizer report. Built by `Fuzz/run-article.sh` together with the Feeds sources.
@_cdecl("LLVMFuzzerTestOneInput")
public func articleFuzzTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes, count > 0 else { return 0 }
    let data = Data(bytes: bytes, count: count)
    let fetchedAt = Date(timeIntervalSince1970: 1_700_000_000)
    let contentType = count % 3 == 0 ? "text/html; charset=shift_jis" : count % 3 == 1 ? nil : "text/html; charset=\"koi8-r\""
    if let document = try? ArticleExtractor.parse(data, url: URL(string: "https://fuzz.example/a/b.html"),
                                                   contentType: contentType, fetchedAt: fetchedAt) {
        for story in document.stories {
            precondition(!story.guid.isEmpty, "an article without a guid")
            precondition(!(story.html ?? "").lowercased().contains("<script"), "script survived sanitizing")
        }
    }
    return 0
}
