import Foundation

extension ArticleExtractor {
    /// Passes of the extraction, dropped one by one when an attempt yields too little text
    /// (Readability.js `FLAG_*`).
    struct Flags: OptionSet {
        let rawValue: Int
        static let stripUnlikelys = Flags(rawValue: 1)
        static let weightClasses = Flags(rawValue: 2)
        static let cleanConditionally = Flags(rawValue: 4)
        static let all: Flags = [.stripUnlikelys, .weightClasses, .cleanConditionally]
    }

    /// The measures the scorer and the cleaner share.
    enum Measure {
        /// Characters of link text per character of text; in-page (`#`) links count 30%.
        static func linkDensity(_ node: Node) -> Double {
            let textLength = node.textLength
            guard textLength > 0 else { return 0 }
            var linkLength = 0.0
            for link in node.descendants(["a"]) {
                let href = link.attribute("href") ?? ""
                let coefficient = href.hasPrefix("#") && href.count > 1 ? 0.3 : 1
                linkLength += Double(link.textLength) * coefficient
            }
            return linkLength / Double(textLength)
        }

        /// ±25 for the class and ±25 for the id matching the negative/positive vocabularies.
        static func classWeight(_ node: Node, flags: Flags) -> Double {
            guard flags.contains(.weightClasses) else { return 0 }
            var weight = 0.0
            for value in [node.attribute("class"), node.attribute("id")] {
                guard let value = value?.lowercased(), !value.isEmpty else { continue }
                if Patterns.isNegative(value) { weight -= 25 }
                if Patterns.matchesAny(value, Patterns.positive) { weight += 25 }
            }
            return weight
        }

        /// Commas of every script (Latin, Arabic, CJK full-width…), as Readability counts them.
        static func commaCount(_ text: String) -> Int {
            var count = 0
            for scalar in text.unicodeScalars {
                switch scalar.value {
                case 0x2C, 0x60C, 0xFE50, 0xFE10, 0xFE11, 0x2E41, 0x2E34, 0x2E32, 0xFF0C: count += 1
                default: break
                }
            }
            return count
        }

        /// Share of the node's text that sits inside `tags`.
        static func textDensity(_ node: Node, tags: Set<String>) -> Double {
            let total = node.textLength
            guard total > 0 else { return 0 }
            let inside = node.descendants(tags).reduce(0) { $0 + $1.textLength }
            return Double(inside) / Double(total)
        }

        static func initialize(_ node: Node, flags: Flags) {
            var score = 0.0
            switch node.tag {
            case "div": score += 5
            case "pre", "td", "blockquote": score += 3
            case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": score -= 3
            case "h1", "h2", "h3", "h4", "h5", "h6", "th": score -= 5
            default: break
            }
            node.score = score + classWeight(node, flags: flags)
        }

        static func isWhitespace(_ node: Node) -> Bool {
            (node.isText && Whitespace.collapse(node.text).isEmpty) || node.tag == "br"
        }

        static func isPhrasing(_ node: Node) -> Bool {
            if node.isText || Patterns.phrasing.contains(node.tag) { return true }
            if node.tag == "a" || node.tag == "del" || node.tag == "ins" {
                return node.children.allSatisfy(isPhrasing)
            }
            return false
        }

        static func hasBlockChild(_ node: Node) -> Bool {
            node.children.contains { Patterns.blockElements.contains($0.tag) || hasBlockChild($0) }
        }

        static func isWithoutContent(_ node: Node) -> Bool {
            node.textLength == 0
                && (node.elementChildren.isEmpty
                    || node.elementChildren.allSatisfy { $0.tag == "br" || $0.tag == "hr" })
        }

        /// Hidden by inline style, the `hidden` attribute or `aria-hidden` (except the fallback
        /// images some sites hide from screen readers only).
        static func isProbablyVisible(_ node: Node) -> Bool {
            if let style = node.attribute("style")?.lowercased().replacingOccurrences(of: " ", with: ""),
               style.contains("display:none") || style.contains("visibility:hidden") { return false }
            if node.attribute("hidden") != nil { return false }
            if node.attribute("aria-hidden") == "true",
               !(node.attribute("class") ?? "").contains("fallback-image") { return false }
            return true
        }
    }
}
