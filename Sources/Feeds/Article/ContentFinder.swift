import Foundation

extension ArticleExtractor {
    /// Finds the article's container the way Mozilla Readability's `_grabArticle` does:
    /// paragraphs score their ancestors by length and commas, candidates are discounted by
    /// link density and weighted by class/id vocabulary, and the best candidate is widened to
    /// the siblings that look like continuations of it.
    struct ContentFinder {
        var flags: Flags
        var title: String
        /// The first byline element met on the way (removed from the content).
        private(set) var bylineText: String?

        init(flags: Flags, title: String) {
            self.flags = flags
            self.title = title
        }

        mutating func grab(_ body: Node) -> Node {
            let elementsToScore = collectElements(body)
            let candidates = score(elementsToScore, flags: flags)
            let top = pickTop(candidates, body: body)
            return gatherSiblings(of: top)
        }

        // MARK: - Walk: drop unlikely nodes, normalize divs, collect scorable elements

        private mutating func collectElements(_ body: Node) -> [Node] {
            var elementsToScore: [Node] = []
            var stack: [Node] = body.children.reversed()
            nodes: while var node = stack.popLast() {
                guard node.isElement, node.parent != nil else { continue }
                let match = node.classAndID
                if !Measure.isProbablyVisible(node) { node.remove(); continue }
                if node.attribute("aria-modal") == "true" && node.attribute("role") == "dialog" {
                    node.remove(); continue
                }
                if bylineText == nil, isByline(node, match) {
                    bylineText = bylineName(node)
                    node.remove(); continue
                }
                if (node.tag == "h1" || node.tag == "h2"), Similarity.isSame(node.innerText, title) {
                    node.remove(); continue
                }
                if flags.contains(.stripUnlikelys) {
                    if Patterns.matchesAny(match, Patterns.unlikelyCandidates),
                       !Patterns.matchesAny(match, Patterns.maybeCandidate),
                       !node.hasAncestor("table", maxDepth: 0), !node.hasAncestor("code", maxDepth: 0),
                       node.tag != "body", node.tag != "a", node.tag != "main", node.tag != "article" {
                        node.remove(); continue
                    }
                    if let role = node.attribute("role"), Patterns.unlikelyRoles.contains(role) {
                        node.remove(); continue
                    }
                }
                if ["div", "section", "header", "h1", "h2", "h3", "h4", "h5", "h6"].contains(node.tag),
                   Measure.isWithoutContent(node) {
                    node.remove(); continue
                }
                if Patterns.tagsToScore.contains(node.tag) { elementsToScore.append(node) }
                if node.tag == "div" {
                    wrapPhrasingRuns(node)
                    if node.elementChildren.count == 1, node.elementChildren[0].tag == "p",
                       !node.children.contains(where: { $0.isText && !Measure.isWhitespace($0) }),
                       Measure.linkDensity(node) < 0.25 {
                        let child = node.elementChildren[0]
                        node.replace(with: child)
                        node = child
                        elementsToScore.append(node)
                    } else if !Measure.hasBlockChild(node) {
                        node.tag = "p"
                        elementsToScore.append(node)
                    }
                }
                stack.append(contentsOf: node.children.reversed())
                continue nodes
            }
            return elementsToScore
        }

        /// Puts each run of inline content of a `<div>` that also holds blocks into its own `<p>`.
        private func wrapPhrasingRuns(_ div: Node) {
            guard div.children.contains(where: { !Measure.isPhrasing($0) }) else { return }
            var paragraph: Node?
            var rebuilt: [Node] = []
            for child in div.children {
                if Measure.isPhrasing(child) {
                    if paragraph == nil {
                        if Measure.isWhitespace(child) { rebuilt.append(child); continue }
                        let p = Node(tag: "p")
                        p.parent = div
                        rebuilt.append(p)
                        paragraph = p
                    }
                    child.parent = paragraph
                    paragraph!.children.append(child)
                } else {
                    paragraph = nil
                    rebuilt.append(child)
                }
            }
            div.children = rebuilt
        }

        private func isByline(_ node: Node, _ match: String) -> Bool {
            let rel = node.attribute("rel") ?? ""
            let itemprop = node.attribute("itemprop") ?? ""
            guard rel == "author" || itemprop.contains("author") || Patterns.matchesAny(match, Patterns.byline)
            else { return false }
            let text = node.innerText
            return !text.isEmpty && text.count < 100
        }

        private func bylineName(_ node: Node) -> String {
            if let name = node.descendants().first(where: { $0.attribute("itemprop")?.contains("name") == true }) {
                return name.innerText
            }
            return node.innerText
        }

        // MARK: - Score

        private func score(_ elements: [Node], flags: Flags) -> [Node] {
            var candidates: [Node] = []
            for element in elements {
                guard let parent = element.parent, parent.isElement else { continue }
                let text = element.innerText
                guard text.count >= 25 else { continue }
                let ancestors = element.ancestors(maxDepth: 5)
                guard !ancestors.isEmpty else { continue }
                let contentScore = 1.0 + Double(Measure.commaCount(text) + 1) + Double(min(text.count / 100, 3))
                for (level, ancestor) in ancestors.enumerated() {
                    guard ancestor.isElement, ancestor.tag != "#document",
                          let grand = ancestor.parent, grand.isElement, grand.tag != "#document" else { break }
                    if ancestor.score == nil {
                        Measure.initialize(ancestor, flags: flags)
                        candidates.append(ancestor)
                    }
                    let divider = level == 0 ? 1.0 : level == 1 ? 2.0 : Double(level * 3)
                    ancestor.score! += contentScore / divider
                }
            }
            for candidate in candidates {
                candidate.score! *= 1 - Measure.linkDensity(candidate)
            }
            return candidates
        }

        // MARK: - Choose

        private func pickTop(_ candidates: [Node], body: Node) -> Node {
            let top = candidates.sorted { $0.score! > $1.score! }.prefix(5)
            guard var topCandidate = top.first, topCandidate.tag != "body" else {
                let container = Node(tag: "div")
                for child in body.children { container.append(child) }
                body.append(container)
                Measure.initialize(container, flags: flags)
                return container
            }
            let topScore = topCandidate.score!
            let alternatives = top.dropFirst().filter { $0.score! / topScore >= 0.75 }.map { $0.ancestors() }
            if alternatives.count >= 3 {
                var ancestor = topCandidate.parent
                while let current = ancestor, current.tag != "body", current.isElement {
                    if alternatives.filter({ $0.contains { $0 === current } }).count >= 3 {
                        topCandidate = current
                        break
                    }
                    ancestor = current.parent
                }
            }
            if topCandidate.score == nil { Measure.initialize(topCandidate, flags: flags) }
            var lastScore = topCandidate.score!
            let threshold = lastScore / 3
            var parent = topCandidate.parent
            while let current = parent, current.tag != "body", current.tag != "#document" {
                guard let parentScore = current.score else { parent = current.parent; continue }
                if parentScore < threshold { break }
                if parentScore > lastScore { topCandidate = current; break }
                lastScore = parentScore
                parent = current.parent
            }
            while let current = topCandidate.parent, current.tag != "body", current.tag != "#document",
                  current.elementChildren.count == 1 {
                topCandidate = current
            }
            if topCandidate.score == nil { Measure.initialize(topCandidate, flags: flags) }
            return topCandidate
        }

        private func gatherSiblings(of top: Node) -> Node {
            let article = Node(tag: "div")
            guard let parent = top.parent, top.tag != "body" else {
                article.append(top)
                return article
            }
            let topScore = top.score ?? 0
            let threshold = max(10, topScore * 0.2)
            let topClass = top.attribute("class") ?? ""
            for sibling in parent.elementChildren {
                var keep = sibling === top
                if !keep {
                    let bonus = !topClass.isEmpty && sibling.attribute("class") == topClass ? topScore * 0.2 : 0
                    if let score = sibling.score, score + bonus >= threshold {
                        keep = true
                    } else if sibling.tag == "p" {
                        let density = Measure.linkDensity(sibling)
                        let text = sibling.innerText
                        if text.count > 80 && density < 0.25 {
                            keep = true
                        } else if text.count < 80, !text.isEmpty, density == 0,
                                  text.hasSuffix(".") || text.contains(". ") {
                            keep = true
                        }
                    }
                }
                guard keep else { continue }
                if !["div", "article", "section", "p", "ol", "ul"].contains(sibling.tag) { sibling.tag = "div" }
                article.append(sibling)
            }
            return article
        }
    }

    enum Similarity {
        /// Whether a heading repeats the title (Readability `_headerDuplicatesTitle`: text
        /// similarity above 0.75 by words).
        static func isSame(_ a: String, _ b: String) -> Bool {
            guard !a.isEmpty, !b.isEmpty else { return false }
            return similarity(a, b) > 0.75
        }

        static func similarity(_ a: String, _ b: String) -> Double {
            let tokensA = words(a), tokensB = words(b)
            guard !tokensA.isEmpty, !tokensB.isEmpty else { return 0 }
            let setA = Set(tokensA)
            let unique = tokensB.filter { !setA.contains($0) }
            let distance = Double(unique.joined(separator: " ").count) / Double(tokensB.joined(separator: " ").count)
            return 1 - distance
        }

        static func words(_ text: String) -> [String] {
            text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        }
    }
}
