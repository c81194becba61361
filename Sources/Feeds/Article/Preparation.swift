import Foundation

extension ArticleExtractor {
    /// Readability.js `_prepDocument`: drop what never is text, and turn `<br><br>` runs
    /// (the paragraphs of old CMSs) into real paragraphs.
    enum Preparation {
        static let dropped: Set<String> = ["script", "style", "noscript", "template", "link", "meta", "head"]

        static func prepare(_ root: Node) {
            for node in root.descendants(dropped) where node.parent != nil { node.remove() }
            for node in root.descendants(["font"]) { node.tag = "span" }
            replaceBreaks(root)
        }

        private static func replaceBreaks(_ root: Node) {
            for br in root.descendants(["br"]) where br.parent != nil {
                guard let parent = br.parent else { continue }
                var sawChain = false
                while let next = nextNonWhitespace(after: br), next.tag == "br" {
                    sawChain = true
                    removeWhitespace(between: br, and: next)
                    next.remove()
                }
                guard sawChain else { continue }
                let paragraph = Node(tag: "p")
                br.replace(with: paragraph)
                guard let index = parent.children.firstIndex(where: { $0 === paragraph }) else { continue }
                while index + 1 < parent.children.count {
                    let sibling = parent.children[index + 1]
                    if sibling.tag == "br", let after = nextNonWhitespace(after: sibling), after.tag == "br" { break }
                    guard Measure.isPhrasing(sibling) else { break }
                    paragraph.append(sibling)
                }
                while let last = paragraph.children.last, Measure.isWhitespace(last) { last.remove() }
                if parent.tag == "p" { parent.tag = "div" }
            }
        }

        private static func nextNonWhitespace(after node: Node) -> Node? {
            guard let parent = node.parent, let index = parent.children.firstIndex(where: { $0 === node }) else { return nil }
            for sibling in parent.children[(index + 1)...] {
                if sibling.isText && Whitespace.collapse(sibling.text).isEmpty { continue }
                return sibling
            }
            return nil
        }

        private static func removeWhitespace(between first: Node, and second: Node) {
            guard let parent = first.parent,
                  let start = parent.children.firstIndex(where: { $0 === first }),
                  let end = parent.children.firstIndex(where: { $0 === second }), start < end else { return }
            parent.children.removeSubrange((start + 1)..<end)
        }
    }
}
