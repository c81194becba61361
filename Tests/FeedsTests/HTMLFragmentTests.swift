import Testing
@testable import Feeds

@Suite struct HTMLFragmentTests {
    static let plainCases: [(String, String)] = [
        ("<p>One</p><p>Two</p>", "One\nTwo"),
        ("Line<br>break<br/>again", "Line\nbreak\nagain"),
        ("  lots   of\n\t space&nbsp;here ", "lots of space here"),
        ("<div><script>var x = '<p>';</script>Visible<style>p{}</style></div>", "Visible"),
        ("A &amp; B &lt;tag&gt; &#8220;q&#x201D; &eacute; &rsquo;", "A & B <tag> “q” é ’"),
        ("&#150; &#x80;", "– €"),
        ("<ul><li>a</li><li>b</li></ul>", "a\nb"),
        ("<p>Unclosed <b>bold", "Unclosed bold"),
        ("<!-- comment -->Text<![CDATA[ in cdata ]]>", "Text in cdata"),
        ("&lt;p&gt;double&lt;/p&gt;", "double"),
        ("5 < 6 and 7 > 3", "5 < 6 and 7 > 3"),
        ("<p>Caption</p><figure><img src=x><figcaption>Photo</figcaption></figure>", "Caption\nPhoto"),
        ("", ""),
    ]

    @Test(arguments: plainCases)
    func plainText(_ html: String, _ expected: String) {
        #expect(HTMLFragment.plainText(html) == expected)
    }

    static let sanitizeCases: [(String, String)] = [
        ("<p onclick=\"x()\">Hi <b>there</b></p>", "<p>Hi <b>there</b></p>"),
        ("<script>alert(1)</script><p>ok</p>", "<p>ok</p>"),
        ("<style>p{color:red}</style>text", "text"),
        ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\" jav&#x09;ascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"/rel/path\" target=_blank>x</a>", "<a href=\"https://news.example/rel/path\">x</a>"),
        ("<img src=\"pic.jpg\" onerror=\"x()\" alt=\"A\">", "<img src=\"https://news.example/a/pic.jpg\" alt=\"A\">"),
        ("<img src=\"data:image/png;base64,AAA\">", "<img>"),
        ("<iframe src=\"https://evil.example\"></iframe><p>after</p>", "<p>after</p>"),
        ("<div><p>unclosed", "<div><p>unclosed</p></div>"),
        ("<custom-tag>kept text</custom-tag>", "kept text"),
        ("<p style=\"x\" class=\"y\">s</p>", "<p>s</p>"),
        ("a &lt; b", "a &lt; b"),
    ]

    @Test(arguments: sanitizeCases)
    func sanitize(_ html: String, _ expected: String) {
        #expect(HTMLFragment.sanitize(html, baseURL: "https://news.example/a/b.html") == expected)
    }
}
