import Foundation

extension ArticleExtractor {
    /// The article's title: JSON-LD headline, og:title and friends, else `<title>` cut at its
    /// site-name separator (Readability.js `_getArticleTitle`), else the one `<h1>`.
    enum Titles {
        static func choose(root: Node, meta: MetaTags, linkedData: LinkedData, siteName: String?) -> String {
            let stated = linkedData.headline ?? meta.first(["og:title", "twitter:title", "dc.title", "title", "parsely-title"])
            if let stated { return stripSiteName(stated, siteName: siteName) }
            let documentTitle = root.first(["title"]).map(\.innerText) ?? ""
            let cleaned = clean(documentTitle, root: root)
            if !cleaned.isEmpty { return stripSiteName(cleaned, siteName: siteName) }
            return root.first(["h1"])?.innerText ?? ""
        }

        static let separators: [Character] = ["|", "-", "–", "—", "\\", "/", ">", "»", "·", ":"]

        /// Drops " | Site Name" (or "Site Name | ") when it names the site.
        static func stripSiteName(_ title: String, siteName: String?) -> String {
            let title = Whitespace.collapse(title)
            guard let site = siteName.map(Whitespace.collapse), !site.isEmpty, title != site else { return title }
            for separator in separators {
                let mark = " \(separator) "
                if title.hasSuffix(mark + site) { return String(title.dropLast(mark.count + site.count)) }
                if title.hasPrefix(site + mark) { return String(title.dropFirst(mark.count + site.count)) }
            }
            return title
        }

        static func clean(_ original: String, root: Node) -> String {
            let original = Whitespace.collapse(original)
            var title = original
            var hierarchical = false
            let hierarchy: [Character] = ["\\", "/", ">", "»"]
            let split: [Character] = ["|", "-", "–", "—", "\\", "/", ">", "»"]
            if let last = lastSeparator(in: original, split) {
                hierarchical = original.contains { hierarchy.contains($0) && original.contains(" \($0) ") }
                title = String(original[..<last.lowerBound])
                if wordCount(title) < 3, let first = firstSeparator(in: original, split) {
                    title = String(original[first.upperBound...])
                }
            } else if original.contains(": ") {
                let headings = root.descendants(["h1", "h2"]).map(\.innerText)
                if !headings.contains(original) {
                    let afterLast = original[original.range(of: ":", options: .backwards)!.upperBound...]
                    title = String(afterLast)
                    if wordCount(title) < 3 {
                        title = String(original[original.range(of: ":")!.upperBound...])
                    } else if wordCount(String(original[..<original.range(of: ":")!.lowerBound])) > 5 {
                        title = original
                    }
                }
            } else if original.count > 150 || original.count < 15 {
                let h1s = root.descendants(["h1"])
                if h1s.count == 1 { title = h1s[0].innerText }
            }
            title = Whitespace.collapse(title)
            let count = wordCount(title)
            if count <= 4 && (!hierarchical || count != wordCount(original.filter { !split.contains($0) }) - 1) {
                title = original
            }
            return title
        }

        private static func lastSeparator(in text: String, _ marks: [Character]) -> Range<String.Index>? {
            marks.compactMap { text.range(of: " \($0) ", options: .backwards) }.max { $0.lowerBound < $1.lowerBound }
        }

        private static func firstSeparator(in text: String, _ marks: [Character]) -> Range<String.Index>? {
            marks.compactMap { text.range(of: " \($0) ") }.min { $0.lowerBound < $1.lowerBound }
        }

        static func wordCount(_ text: String) -> Int { text.split(whereSeparator: \.isWhitespace).count }
    }

    /// Author names from metadata; the DOM byline found by the scorer comes last.
    enum Bylines {
        static func fromMetadata(meta: MetaTags, linkedData: LinkedData) -> [String] {
            if !linkedData.authors.isEmpty { return linkedData.authors.map(clean).filter { !$0.isEmpty } }
            for key in ["author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "article:author", "byl"] {
                if let value = meta[key], !value.hasPrefix("http") {
                    let name = clean(value)
                    if !name.isEmpty { return [name] }
                }
            }
            return []
        }

        /// "A, B and C" → three names, when every part reads like a name (≤ 4 words).
        static func split(_ byline: String) -> [String] {
            guard !byline.isEmpty else { return [] }
            let parts = byline.replacingOccurrences(of: " and ", with: ", ").replacingOccurrences(of: " & ", with: ", ")
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard parts.count > 1, parts.allSatisfy({ Titles.wordCount($0) <= 4 }) else { return [byline] }
            return parts
        }

        /// Removes "By", trailing dates and relative times, and agency suffixes after a bullet.
        static func clean(_ raw: String) -> String {
            var text = Whitespace.collapse(raw)
            for separator in ["·", "•", "|", "\n"] {
                if let range = text.range(of: separator) {
                    let head = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                    if !head.isEmpty { text = head }
                }
            }
            let lower = text.lowercased()
            for prefix in ["by:", "by ", "written by ", "words by ", "von ", "par "] where lower.hasPrefix(prefix) {
                text = String(text.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
                break
            }
            if let range = text.range(of: #",?\s+(updated|published|posted)\b.*$"#, options: [.regularExpression, .caseInsensitive]) {
                text.removeSubrange(range)
            }
            return text.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:-–—"))
        }
    }
}
