/// Atom 1.0 (RFC 4287) and Atom 0.3 (draft-nottingham-atom-format-02) into `RawItem`s.
enum AtomAdapter {
    static func item(_ n: XMLNode) -> RawItem {
        var r = RawItem(base: n.base, line: n.line)
        r.id = n.child("id", NS.atomOrNone)?.text.nonEmptyText
        r.title = n.child("title", NS.atomOrNone).map(textConstruct)
        r.link = link(in: n, rel: "alternate", ns: NS.atomOrNone)
        if let content = n.child("content", NS.atomOrNone) {
            let type = (content.attr("type") ?? "text").lowercasedIfNeeded
            if let src = content.attr("src"), r.link == nil {
                r.link = URLResolver.resolve(src, against: content.base)
            } else if type == "text" || type == "text/plain" {
                r.contentText = content.text
            } else {
                r.contentHTML = textConstruct(content)
            }
        }
        r.summaryHTML = n.child("summary", NS.atomOrNone).map(textConstruct)
        r.authors = n.children("author", NS.atomOrNone).compactMap(person)
        if r.authors.isEmpty { r.authors = n.children("creator", NS.dc).map(\.text) }
        r.published = n.child("published", NS.atomOrNone)?.text ?? n.child("issued", NS.atomOrNone)?.text
            ?? n.child("created", NS.atomOrNone)?.text ?? n.child("date", NS.dc)?.text
        r.updated = n.child("updated", NS.atomOrNone)?.text ?? n.child("modified", NS.atomOrNone)?.text
        // RFC 4287 makes <published> optional and <updated> mandatory: an entry without a
        // publication date was, as far as anyone can tell, published when last updated.
        if r.published == nil { r.published = r.updated }
        r.categories = n.children("category", NS.atomOrNone).compactMap { $0.attr("label")?.nonEmptyText ?? $0.attr("term") }
            + n.children("subject", NS.dc).map(\.text)
        r.image = MediaRSS.image(in: n)
        if r.image == nil {
            r.image = n.children("link", NS.atomOrNone).first {
                $0.attr("rel") == "enclosure" && ($0.attr("type") ?? "").hasPrefix("image/")
            }?.attr("href")
        }
        r.language = n.lang
        return r
    }

    /// Atom text constructs (RFC 4287 §3.1): text, html, or xhtml (a div whose children
    /// are the content); Atom 0.3 adds mode="escaped|xml|base64".
    static func textConstruct(_ n: XMLNode) -> String {
        let type = (n.attr("type") ?? "text").lowercasedIfNeeded
        if type == "xhtml" || type == "application/xhtml+xml" || n.attr("mode") == "xml" || n.hasElementChildren {
            if let div = n.child("div"), n.children.filter({ $0.kind == .element }).count == 1 {
                return div.innerXML
            }
            return n.innerXML
        }
        if type == "text" || type == "text/plain" {
            return XMLEscape.text(n.text)
        }
        return n.text
    }

    /// `<author><name>…</name></author>` (the email when no name is given).
    static func person(_ n: XMLNode) -> String? {
        n.child("name", NS.atomOrNone)?.text.nonEmptyText ?? n.child("email", NS.atomOrNone)?.text.nonEmptyText
            ?? n.text.nonEmptyText
    }

    /// The href of the first `<atom:link>` with this rel (RFC 4287 §4.2.7.2: no rel means
    /// "alternate"), resolved against its xml:base.
    static func link(in n: XMLNode, rel: String, ns: NSMask = NS.atom) -> String? {
        var fallback: String?
        for l in n.children("link", ns) {
            guard let href = l.attr("href") else { continue }
            let r = (l.attr("rel") ?? "alternate").lowercasedIfNeeded
            if r == rel {
                if rel != "alternate" || Self.namesHTML(l.attr("type") ?? "text/html") {
                    return URLResolver.resolve(href, against: l.base)
                }
                fallback = fallback ?? URLResolver.resolve(href, against: l.base)
            }
        }
        return fallback
    }

    /// Whether a link's media type mentions "html". Byte search for ASCII types (Foundation's
    /// `contains` went through CFString, 2 % of an Atom parse); Foundation's comparison, with
    /// its canonical equivalence, stays for the rest.
    static func namesHTML(_ type: String) -> Bool {
        type.utf8.allSatisfy { $0 < 0x80 } ? type.hasBytes("html") : type.contains("html")
    }

    static func feed(_ root: XMLNode) -> FeedInfo {
        var f = FeedInfo()
        f.title = root.child("title", NS.atomOrNone).map(textConstruct).map(StoryAssembler.inlineText)
        f.link = link(in: root, rel: "alternate", ns: NS.atomOrNone)
        f.language = root.lang
        f.hub = link(in: root, rel: "hub", ns: NS.atomOrNone)
        f.selfURL = link(in: root, rel: "self", ns: NS.atomOrNone)
        return f
    }
}
