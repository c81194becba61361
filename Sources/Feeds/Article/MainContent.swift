import Foundation

extension ArticleExtractor {
    /// Runs the scorer and cleaner, retrying with fewer passes when an attempt finds too little
    /// (Readability.js `_grabArticle` loop), and checks the result against the JSON-LD
    /// `articleBody` when the page states one.
    struct MainContent {
        var node: Node
        var text: String
        var byline: String?

        static let attempts: [Flags] = [
            .all, [.weightClasses, .cleanConditionally], [.cleanConditionally], [],
        ]

        static func extract(body: Node, title: String, linkedData: LinkedData) -> MainContent {
            var best: MainContent?
            var byline: String?
            for flags in attempts {
                var finder = ContentFinder(flags: flags, title: title)
                let article = finder.grab(body.clone())
                byline = byline ?? finder.bylineText
                Cleaner(flags: flags).clean(article)
                let result = MainContent(node: article, text: Render.text(article), byline: byline)
                if result.text.count >= charThreshold { best = result; break }
                if best == nil || result.text.count > best!.text.count { best = result }
            }
            var result = best ?? MainContent(node: Node(tag: "div"), text: "", byline: byline)
            result.byline = byline
            if let stated = linkedData.articleBody, stated.count >= charThreshold {
                result = result.checked(against: stated, body: body)
            }
            return result
        }

        /// When the scorer's text covers little of the stated `articleBody`, the container whose
        /// words best match it wins; if none does, the stated body itself is the text.
        private func checked(against stated: String, body: Node) -> MainContent {
            let statedWords = Set(Similarity.words(stated))
            guard !statedWords.isEmpty else { return self }
            if Overlap.f1(Set(Similarity.words(text)), statedWords) >= 0.8 { return self }
            var bestNode: Node?
            var bestScore = Overlap.f1(Set(Similarity.words(text)), statedWords)
            let pristine = body.clone()
            for candidate in pristine.descendants(["div", "article", "section", "main", "td"]) {
                let words = Set(Similarity.words(candidate.textContent))
                guard words.count >= statedWords.count / 2 else { continue }
                let score = Overlap.f1(words, statedWords)
                if score > bestScore { bestScore = score; bestNode = candidate }
            }
            if let bestNode, bestScore >= 0.7 {
                bestNode.remove()
                let container = Node(tag: "div")
                container.append(bestNode)
                Cleaner(flags: [.cleanConditionally]).clean(container)
                return MainContent(node: container, text: Render.text(container), byline: byline)
            }
            let container = Node(tag: "div")
            for line in stated.split(whereSeparator: \.isNewline) {
                let clean = Whitespace.collapse(String(line))
                guard !clean.isEmpty else { continue }
                let paragraph = Node(tag: "p")
                paragraph.append(Node(tag: "#text", text: clean))
                container.append(paragraph)
            }
            return MainContent(node: container, text: Render.text(container), byline: byline)
        }
    }

    enum Overlap {
        static func f1(_ found: Set<String>, _ truth: Set<String>) -> Double {
            guard !found.isEmpty, !truth.isEmpty else { return 0 }
            let common = Double(found.intersection(truth).count)
            let precision = common / Double(found.count), recall = common / Double(truth.count)
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        }
    }
}
