import Foundation

extension ArticleExtractor {
    /// Page furniture that looks like content to a scorer: it sits inside the article's
    /// container on aggregator and newspaper pages ("Open in App", "Expand All",
    /// "Comments / 0", "YOU MAY ALSO LIKE", image credits, section-link rows).
    enum Boilerplate {
        static func strip(_ article: Node) {
            for node in article.descendants(["figcaption"]) { node.discard() }
            for node in article.descendants() where !node.isDiscarded && isCaptionOrCredit(node) {
                node.discard()
            }
            for node in article.descendants().reversed() where !node.isDiscarded && isFurniture(node) {
                node.discard()
            }
            article.sweep()
            cutAtTrailer(article)
        }

        /// Caption and credit elements by class/id or by their text ("Photo: …", "(AP Photo/…)").
        static func isCaptionOrCredit(_ node: Node) -> Bool {
            let match = node.classAndID
            guard node.textLength < 300 else { return false }
            let text = node.innerText
            if Patterns.matchesAny(match, ["caption", "credit", "photo-source", "image-source", "copyright"]) {
                return true
            }
            return isCreditLine(text)
        }

        static func isCreditLine(_ text: String) -> Bool {
            let lower = text.lowercased()
            guard lower.count < 120 else { return false }
            let prefixes = ["photo:", "photo by", "image:", "image credit", "credit:", "photograph:", "(ap photo", "©", "(c)", "getty images", "ap photo/"]
            if prefixes.contains(where: lower.hasPrefix) { return true }
            if lower.hasPrefix("("), lower.hasSuffix(")"), lower.contains("photo") { return true }
            return false
        }

        /// A short block that is a navigation row, a phrase of page chrome, or mostly links.
        static func isFurniture(_ node: Node) -> Bool {
            if node.tag == "time", let parent = node.parent,
               ["div", "article", "section", "header", "main", "body"].contains(parent.tag) {
                return true
            }
            guard ["p", "div", "li", "ul", "ol", "span", "section", "h2", "h3", "h4", "h5", "h6", "a", "button", "strong"]
                .contains(node.tag) else { return false }
            let length = node.textLength
            if length == 0 || length > 400 { return false }
            let text = node.innerText
            if text.count < 400, Patterns.matchesAny(node.classAndID, furnitureClasses) { return true }
            if text.count <= 60, isBoilerplatePhrase(text) { return true }
            if text.count <= 80, isDateline(node, text) { return true }
            if text.count < 200, isSectionRow(text) { return true }
            guard ["p", "div", "li", "ul", "ol", "section"].contains(node.tag), text.count < 160 else { return false }
            let density = Measure.linkDensity(node)
            return density > 0.66 && !Sentence.looksLikeProse(text)
        }

        /// Boxes that sell something other than the article: sign-ups, app banners, consent.
        static let furnitureClasses = [
            "newsletter", "subscribe", "signup", "sign-up", "app-banner", "promo", "paywall", "cookie",
            "gdpr", "consent", "donate", "inline-ad", "ad-slot", "advert",
        ]

        /// A line that only dates the article ("Published 14 May 2024, 6:30 a.m.", "5 hours ago").
        static func isDateline(_ node: Node, _ text: String) -> Bool {
            let lower = text.lowercased()
            let hasDigit = lower.contains { $0.isNumber }
            if hasDigit, ["published", "updated", "posted", "last updated", "first published"].contains(where: lower.hasPrefix) {
                return true
            }
            if let time = node.first(["time"]), time.innerText.count * 2 >= text.count { return true }
            return hasDigit && text.count <= 40
                && (ArticleDates.parse(text) != nil || ArticleDates.relative(text, now: Date()) != nil)
        }

        /// "Local · U.S. · Election · Politics": short items joined by separators.
        static func isSectionRow(_ text: String) -> Bool {
            let separators: Set<Character> = ["·", "•", "|", "›", "»"]
            let parts = text.split(whereSeparator: { separators.contains($0) })
            guard parts.count >= 3 else { return false }
            return parts.allSatisfy { $0.split(separator: " ").count <= 3 }
        }

        static func isBoilerplatePhrase(_ text: String) -> Bool {
            let lower = text.lowercased().trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
            if lower.isEmpty { return false }
            if Patterns.boilerplatePhrases.contains(where: { lower == $0 || lower.hasPrefix($0) }) { return true }
            // "Comments / 0", "12 comments", "Share", "Print"
            let words = Similarity.words(lower)
            let chrome: Set<String> = ["comments", "comment", "share", "print", "email", "tweet", "facebook",
                                       "twitter", "whatsapp", "linkedin", "copy", "link", "save", "listen",
                                       "min", "read", "reddit", "pinterest", "flipboard", "x"]
            return !words.isEmpty && words.count <= 6
                && words.allSatisfy { chrome.contains($0) || Int($0) != nil }
                && words.contains { chrome.contains($0) && !["x", "min", "read", "link", "copy", "save"].contains($0) }
        }

        /// Headings that announce what follows the article ("YOU MAY ALSO LIKE", "Related
        /// stories", "More from …", "Comments") end it: they and every later block go.
        static func cutAtTrailer(_ article: Node) {
            let trailers = ["you may also like", "related stories", "related articles", "more stories",
                            "more from", "recommended for you", "read next", "comments", "most read",
                            "most popular", "trending now", "what to read next", "up next"]
            for node in article.descendants(["h2", "h3", "h4", "h5", "h6", "div", "p", "span", "strong"])
            where node.parent != nil && node.textLength <= 60 {
                let text = node.innerText.lowercased().trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
                guard text.count <= 40, trailers.contains(where: { text == $0 || (text.hasPrefix($0) && $0.count > 9) }) else { continue }
                var cut: Node = node
                // Climb to the block that is a direct child of a container holding later content.
                while let parent = cut.parent, parent !== article, parent.children.filter(\.isElement).count == 1 {
                    cut = parent
                }
                removeFollowing(cut, within: article)
                cut.remove()
                return
            }
        }

        private static func removeFollowing(_ node: Node, within root: Node) {
            var current: Node? = node
            while let here = current, here !== root, let parent = here.parent {
                if let index = parent.children.firstIndex(where: { $0 === here }) {
                    for sibling in parent.children[(index + 1)...] { sibling.parent = nil }
                    parent.children.removeSubrange((index + 1)...)
                }
                current = parent
            }
        }
    }

    enum Sentence {
        /// Prose has several words and ends like a sentence.
        static func looksLikeProse(_ text: String) -> Bool {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let last = trimmed.last else { return false }
            return trimmed.split(separator: " ").count >= 8 && ".!?\"”’)".contains(last)
        }
    }
}
