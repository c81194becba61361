/// RSS 0.91/0.92/2.0 (https://www.rssboard.org/rss-specification) and RSS 1.0/RDF
/// (https://web.resource.org/rss/1.0/spec) with their common modules, read into `RawItem`s.
enum RSSAdapter {
    static func item(_ n: XMLNode) -> RawItem {
        var r = RawItem(base: n.base, line: n.line)
        r.title = n.child("title", NS.rss)?.text ?? n.child("title", NS.dc)?.text
        r.link = n.child("link", NS.rss)?.text.nonEmptyText
            ?? AtomAdapter.link(in: n, rel: "alternate")
        let guid = n.child("guid", NS.rss)
        r.id = guid?.text.nonEmptyText ?? n.attrIn("about", NS.rdf) ?? n.child("identifier", NS.dc)?.text.nonEmptyText
            ?? n.child("id", NS.atom)?.text.nonEmptyText
        // RSS 2.0 §guid: a guid is a permalink unless isPermaLink="false".
        if r.link == nil, let g = guid, g.attr("isPermaLink")?.lowercasedIfNeeded != "false",
           let t = g.text.nonEmptyText, URLResolver.hasScheme(t) {
            r.link = t
        }
        r.summaryHTML = n.child("description", NS.rss).map(markup)
            ?? n.child("summary", NS.itunes)?.text ?? n.child("description", NS.dc)?.text
            ?? n.child("summary", NS.atom).map(AtomAdapter.textConstruct)
        r.contentHTML = n.child("encoded", NS.content)?.text
            ?? n.child("content", NS.atom).map(AtomAdapter.textConstruct)
        // One array in the order of the sources (no intermediate arrays per source).
        for c in n.children where c.isElement("author", NS.rss) { r.authors.append(c.text) }
        for c in n.children where c.isElement("creator", NS.dc) { r.authors.append(c.text) }
        for c in n.children where c.isElement("author", NS.dc) { r.authors.append(c.text) }
        for c in n.children where c.isElement("author", NS.atom) { if let p = AtomAdapter.person(c) { r.authors.append(p) } }
        if r.authors.isEmpty, let a = n.child("author", NS.itunes)?.text { r.authors = [a] }
        r.published = n.child("pubDate", NS.rss)?.text ?? n.child("date", NS.dc)?.text
            ?? n.child("published", NS.atom)?.text ?? n.child("issued", NS.dc)?.text
        r.updated = n.child("updated", NS.atom)?.text ?? n.child("modified", NS.dc)?.text
        for c in n.children where c.isElement("category", NS.rss) { r.categories.append(c.text) }
        for c in n.children where c.isElement("subject", NS.dc) { r.categories.append(c.text) }
        for c in n.children where c.isElement("category", NS.atom) {
            if let t = c.attr("label")?.nonEmptyText ?? c.attr("term") { r.categories.append(t) }
        }
        if let k = n.child("keywords", NS.itunes)?.text { r.categories += k.split(separator: ",").map(String.init) }
        r.image = MediaRSS.image(in: n)
        r.language = n.child("language", NS.dc)?.text.nonEmptyText ?? n.lang
        return r
    }

    /// A description that arrived as unescaped markup (a common mistake) is kept as HTML.
    static func markup(_ n: XMLNode) -> String {
        n.hasElementChildren ? n.innerXML : n.text
    }

    /// Channel facts: RSS 2.0 §channel, plus atom:link rel="hub"/"self" (WebSub §4).
    static func feed(_ root: XMLNode) -> FeedInfo {
        let ch = root.child("channel", NS.rss) ?? root
        var f = FeedInfo()
        f.title = (ch.child("title", NS.rss)?.text ?? ch.child("title", NS.dc)?.text).map(StoryAssembler.inlineText)
        f.link = ch.child("link", NS.rss)?.text.nonEmptyText.flatMap { URLResolver.resolve($0, against: ch.base) }
            ?? AtomAdapter.link(in: ch, rel: "alternate")
        f.language = ch.child("language", NS.rss)?.text.nonEmptyText ?? ch.child("language", NS.dc)?.text.nonEmptyText
            ?? ch.lang ?? root.lang
        f.ttlMinutes = ch.child("ttl", NS.rss).flatMap { Int($0.text) }
        if f.ttlMinutes == nil, let period = ch.child("updatePeriod", NS.syndication)?.text {
            // RSS 1.0 syndication module: updatePeriod × updateFrequency.
            let minutes = ["hourly": 60, "daily": 1440, "weekly": 10080, "monthly": 43200, "yearly": 525600][period.lowercased()]
            let freq = ch.child("updateFrequency", NS.syndication).flatMap { Int($0.text) } ?? 1
            f.ttlMinutes = minutes.map { $0 / max(1, freq) }
        }
        f.skipHours = (ch.child("skipHours", NS.rss)?.children("hour", NS.rss) ?? [])
            .compactMap { Int($0.text) }.map { $0 == 24 ? 0 : $0 }.filter { (0...23).contains($0) }
        f.hub = AtomAdapter.link(in: ch, rel: "hub")
        f.selfURL = AtomAdapter.link(in: ch, rel: "self")
        return f
    }
}

/// Media RSS (https://www.rssboard.org/media-rss) and iTunes images for an item.
enum MediaRSS {
    static func image(in n: XMLNode) -> String? {
        if let t = n.child("thumbnail", NS.media)?.attr("url") { return t }
        for m in n.children("content", NS.media) + (n.child("group", NS.media)?.children("content", NS.media) ?? []) {
            let type = m.attr("type") ?? ""
            if m.attr("medium") == "image" || type.hasPrefix("image/"), let u = m.attr("url") { return u }
        }
        if let t = n.child("group", NS.media)?.child("thumbnail", NS.media)?.attr("url") { return t }
        for e in n.children("enclosure", NS.rss) where (e.attr("type") ?? "").hasPrefix("image/") {
            if let u = e.attr("url") { return u }
        }
        if let i = n.child("image", NS.itunes)?.attr("href") { return i }
        if let i = n.child("image", NS.rss) { return i.child("url", NS.rss)?.text ?? i.text.nonEmptyText }
        return nil
    }
}

extension XMLNode {
    func attrIn(_ localName: String, _ ns: NSMask) -> String? {
        for a in attributes where a.name == localName && !a.family.isDisjoint(with: ns) { return a.value }
        return nil
    }
}

extension String {
    var nonEmptyText: String? {
        let t = trimmedFeedText
        return t.isEmpty ? nil : t
    }
}
