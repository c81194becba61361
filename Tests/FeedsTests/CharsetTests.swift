import Foundation
import Testing
@testable import Feeds

@Suite struct CharsetTests {
    /// (fixture, HTTP Content-Type, expected title)
    static let cases: [(String, String?, String)] = [
        ("enc-windows-1252.xml", nil, "Café – “quoted” €5"),
        ("enc-latin1-as-1252.xml", nil, "“Smart” quotes"),
        ("enc-iso-8859-2.xml", nil, "Zażółć gęślą jaźń"),
        ("enc-koi8-r.xml", nil, "Новости дня"),
        ("enc-shift_jis.xml", nil, "東京のニュース"),
        ("enc-gb2312.xml", nil, "北京新闻"),
        ("enc-big5.xml", nil, "台灣新聞"),
        ("enc-utf-16le-bom.xml", nil, "Ünïcödé 16"),
        ("enc-utf-16be-bom.xml", nil, "Ünïcödé 16"),
        ("enc-utf-8-bom.xml", nil, "Straße"),
        ("enc-http-wins.xml", "application/rss+xml; charset=KOI8-R", "Новости дня"),
        ("enc-bom-wins.xml", "text/xml; charset=iso-8859-1", "Straße"),
        ("enc-invalid-utf8.xml", nil, "Bad \u{FFFD} byte"),
        ("enc-undeclared-1252.xml", nil, "Résumé"),
    ]

    @Test(arguments: cases)
    func decodes(_ file: String, _ contentType: String?, _ title: String) throws {
        let doc = try FeedFixture.parse(file, contentType: contentType)
        #expect(doc.stories.first?.title == title)
    }

    @Test(arguments: [
        ("text/xml; charset=\"utf-8\"", "utf-8"),
        ("application/xml;charset=Shift_JIS", "Shift_JIS"),
        ("text/html", nil),
        ("text/html; foo=bar; charset=gb2312", "gb2312"),
    ] as [(String, String?)])
    func readsContentTypeCharset(_ header: String, _ charset: String?) {
        #expect(Charset.charset(fromContentType: header) == charset)
    }

    @Test func htmlMetaCharsetIsHonoured() {
        let bytes = Data("<html><head><meta charset=\"windows-1251\"><title>".utf8) + Data([0xCD, 0xEE, 0xE2, 0xEE, 0xF1, 0xF2, 0xE8])
        let decoded = Charset.decode(bytes, contentType: nil, markup: .html)
        #expect(decoded.encoding == "windows-1251")
        #expect(decoded.source == .meta)
        #expect(decoded.text.hasSuffix("Новости"))
    }

    @Test func unknownLabelsFallBackWithAWarning() {
        let decoded = Charset.decode(Data("<?xml version=\"1.0\" encoding=\"x-nonsense\"?><rss/>".utf8), contentType: nil, markup: .xml)
        #expect(decoded.encoding == "utf-8")
        #expect(decoded.warnings.count == 1)
    }

    @Test func publicDecodeOfKnownBytes() {
        #expect(Charset.decode([0x93, 0x48, 0x69, 0x94], encoding: "windows-1252") == "“Hi”")
        #expect(Charset.decode([0xFF, 0x41], encoding: "utf-8") == "\u{FFFD}A")
    }
}
