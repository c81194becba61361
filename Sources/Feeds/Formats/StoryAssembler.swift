import Foundation

/// `RawItem` → `Story`: the field handling every format shares (text, dates, URLs, GUIDs,
/// authors, image, fingerprint). Adapters only say where each field sits in their format.
struct StoryAssembler {
    var warnings: [String] = []

    /// Summaries synthesized from the body stop near this many characters, at a word.
    static let summaryLimit = 500

    mutating func story(from raw: RawItem) -> Story? {
        let title = raw.title.map(Self.inlineText) ?? ""
        let link = raw.link.flatMap { URLResolver.resolve(HTMLEntities.decode($0), against: raw.base) }
        let canonical = link.flatMap(URLCanonicalizer.canonical)
        let summaryHTML = nonEmpty(raw.summaryHTML)
        let contentHTML = nonEmpty(raw.contentHTML)
        let bodyHTML = contentHTML ?? summaryHTML
        // The body with markup is tokenized once for both its plain text and its sanitized HTML.
        var html: String? = nil
        var bodyText: String? = nil
        if let b = bodyHTML, b.hasByte(0x3C) || HTMLFragment.unescapeIfDoubleEscaped(b).hasByte(0x3C) {
            let rendered = HTMLFragment.render(b, baseURL: raw.base ?? link)
            bodyText = rendered.text
            html = rendered.html.isEmpty || !rendered.richMarkup ? nil : rendered.html
        }
        var summary = summaryHTML.map { contentHTML == nil ? bodyText ?? HTMLFragment.plainText($0) : HTMLFragment.plainText($0) } ?? ""
        var text = contentHTML.map { bodyText ?? HTMLFragment.plainText($0) } ?? summary
        if text.isEmpty, let t = nonEmpty(raw.contentText) { text = HTMLFragment.normalizeLines(t) }
        if summary.isEmpty { summary = Self.shorten(text) }
        if text.isEmpty { text = summary }
        let id = raw.id.map { $0.trimmedFeedText }.flatMap(nonEmpty)
        guard id != nil || link != nil || !title.isEmpty || !text.isEmpty || raw.published != nil
            || raw.updated != nil || !raw.authors.isEmpty || !raw.categories.isEmpty || raw.image != nil else {
            warn(raw, "empty item; skipped")
            return nil
        }
        // No link and no title either: the body stands in, so distinct items stay distinct.
        let identity = canonical ?? link ?? ("\n" + title + (title.isEmpty ? "\n" + text : ""))
        let guid = id ?? "urn:newsalert:" + StableHash.hex(identity)
        var image = raw.image.flatMap { URLResolver.resolve($0, against: raw.base) }
        if image == nil, let b = bodyHTML { image = Self.firstImage(b, base: raw.base ?? link) }
        return Story(
            guid: guid, url: link, canonicalURL: canonical, title: title, summary: summary, text: text,
            html: html, authors: Self.unique(raw.authors.compactMap(Self.authorName)),
            published: date(raw.published, raw, "published"), updated: date(raw.updated, raw, "updated"),
            categories: Self.unique(raw.categories.map { Self.inlineText($0) }),
            language: raw.language.flatMap(nonEmpty), image: image,
            fingerprint: storyFingerprint(title: title, text: text)
        )
    }

    private mutating func date(_ s: String?, _ raw: RawItem, _ field: String) -> Date? {
        guard let s = s?.trimmedFeedText, !s.isEmpty else { return nil }
        if let d = FeedDate.parse(s) { return d }
        warn(raw, "unparseable \(field) date \"\(s.prefix(60))\"; left empty")
        return nil
    }

    private mutating func warn(_ raw: RawItem, _ message: String) {
        warnings.append(raw.line.map { "line \($0): \(message)" } ?? message)
    }

    private func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.trimmedFeedText.isEmpty else { return nil }
        return s
    }

    /// Titles and categories: markup stripped, entities decoded, one line.
    static func inlineText(_ s: String) -> String {
        HTMLFragment.plainText(s).replacingByte(0x0A, with: 0x20)
    }

    static func shorten(_ text: String) -> String {
        let firstLine = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        guard firstLine.count > summaryLimit else { return firstLine }
        let cut = firstLine.prefix(summaryLimit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }

    /// RSS authors come as "jo@example.com (Jo Smith)", "Jo Smith <jo@example.com>", or a
    /// bare name or address (RSS 2.0 §author); the person's name is what readers want.
    static func authorName(_ raw: String) -> String? {
        let s = inlineText(raw)
        guard !s.isEmpty else { return nil }
        // Byte checks first: most authors are a bare name, and `firstIndex(of:)` on a String
        // walks grapheme clusters.
        guard s.hasByte(0x28) || s.hasByte(0x3C) else { return s }
        if let open = s.firstIndex(of: "("), s.hasSuffix(")") {
            let inner = String(s[s.index(after: open)..<s.index(before: s.endIndex)]).trimmedFeedText
            let outer = String(s[..<open]).trimmedFeedText
            // "jo@example.com (Jo Smith)" per the spec, or the reverse as some feeds write it.
            let name = inner.hasByte(0x40) && !outer.isEmpty && !outer.hasByte(0x40) ? outer : inner
            if !name.isEmpty { return name }
        }
        if let lt = s.firstIndex(of: "<"), s.hasSuffix(">") {
            let name = String(s[..<lt]).trimmedFeedText.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            if !name.isEmpty { return name }
        }
        return s
    }

    static func unique(_ values: [String]) -> [String] {
        // Items carry a handful of authors and categories: a linear check beats building a Set.
        guard values.count > 8 else {
            var out: [String] = []
            for v in values where !v.isEmpty && !out.contains(v) { out.append(v) }
            return out
        }
        var seen = Set<String>()
        return values.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The first `<img src>` of a body, when the feed names no image of its own.
    static func firstImage(_ html: String, base: String?) -> String? {
        guard html.hasBytes("<img") || html.hasBytes("&lt;img") else { return nil }
        var t = HTMLTokenizer(HTMLFragment.unescapeIfDoubleEscaped(html))
        while let token = t.next() {
            if case .start("img", let attributes, _) = token,
               let src = attributes.first(where: { $0.name == "src" })?.value,
               let safe = HTMLFragment.safeURL(src, base: base), !safe.hasPrefix("data:") {
                return safe
            }
        }
        return nil
    }
}

extension HTMLFragment {
    /// Plain text given as such: whitespace normalized within lines, blank lines dropped.
    static func normalizeLines(_ s: String) -> String {
        s.split(whereSeparator: \.isNewline).map { normalizeWhitespace(String($0)) }
            .filter { !$0.isEmpty }.joined(separator: "\n")
    }
}
