import Testing
@testable import Feeds

@Suite struct URLCanonicalizerTests {
    static let cases: [(String, String?)] = [
        ("HTTPS://News.Example.COM/Path?q=1#frag", "https://news.example.com/Path?q=1"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443", "https://example.com/"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com/a?utm_source=rss&utm_medium=feed&id=7", "https://example.com/a?id=7"),
        ("https://example.com/a?fbclid=X&gclid=Y&mc_cid=1&mc_eid=2&ocid=3&cmpid=4", "https://example.com/a"),
        ("https://example.com/a?UTM_Campaign=x&b=2", "https://example.com/a?b=2"),
        ("https://bücher.example/straße", "https://xn--bcher-kva.example/stra%C3%9Fe"),
        ("https://例え.テスト/", "https://xn--r8jz45g.xn--zckzah/"),
        ("https://Example.com./a", "https://example.com/a"),
        ("https://user@example.com/a", "https://user@example.com/a"),
        ("/relative/path", nil),
        ("mailto:someone@example.com", nil),
        ("", nil),
    ]

    @Test(arguments: cases)
    func canonical(_ input: String, _ expected: String?) {
        #expect(URLCanonicalizer.canonical(input) == expected)
    }

    @Test(arguments: [
        ("münchen", "mnchen-3ya"), ("bücher", "bcher-kva"), ("例え", "r8jz45g"), ("テスト", "zckzah"),
    ])
    func punycode(_ label: String, _ encoded: String) {
        #expect(Punycode.encode(label) == encoded)
    }

    @Test(arguments: [
        ("../c", "https://a.example/x/y/z", "https://a.example/x/c"),
        ("//cdn.example/i.png", "https://a.example/", "https://cdn.example/i.png"),
        ("?page=2", "https://a.example/list", "https://a.example/list?page=2"),
        ("https://abs.example/", "https://a.example/", "https://abs.example/"),
        ("with space.html", "https://a.example/dir/", "https://a.example/dir/with%20space.html"),
    ])
    func resolves(_ ref: String, _ base: String, _ expected: String) {
        #expect(URLResolver.resolve(ref, against: base) == expected)
    }
}
