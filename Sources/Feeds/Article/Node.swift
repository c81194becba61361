import Foundation

extension ArticleExtractor {
    /// A mutable HTML tree the extractor owns. libxml2's tree is converted once so that
    /// scoring and cleaning (which move, retag and drop many nodes) stay in safe Swift.
    final class Node {
        /// Lowercased element name, or `"#text"` for a text node.
        var tag: String
        var attributes: [(name: String, value: String)]
        /// The characters of a text node (empty for elements).
        var text: String
        var children: [Node] = []
        weak var parent: Node?
        /// Readability content score; nil until the node becomes a candidate.
        var score: Double?
        /// Set by `markDataTables`: a table of data, kept whole by cleaning.
        var isDataTable = false
        /// Marked for removal by `discard()`; measures skip it and `sweep()` drops it. Removing
        /// one by one from a wide parent costs a scan per node; marking keeps cleaning linear.
        private(set) var isDiscarded = false

        init(tag: String, attributes: [(name: String, value: String)] = [], text: String = "") {
            self.tag = tag
            self.attributes = attributes
            self.text = text
        }

        var isText: Bool { tag == "#text" }

        /// A deep copy, detached, for another extraction attempt on the pristine tree.
        func clone() -> Node {
            let copy = Node(tag: tag, attributes: attributes, text: text)
            copy.children = children.map { child in
                let childCopy = child.clone()
                childCopy.parent = copy
                return childCopy
            }
            return copy
        }
        var isElement: Bool { tag != "#text" }

        func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }

        func setAttribute(_ name: String, _ value: String) {
            if let index = attributes.firstIndex(where: { $0.name == name }) {
                attributes[index].value = value
            } else {
                attributes.append((name, value))
            }
        }

        func removeAttribute(_ name: String) {
            attributes.removeAll { $0.name == name }
        }

        /// `class` and `id` joined, lowercased: what the class/id patterns look at.
        var classAndID: String {
            ((attribute("class") ?? "") + " " + (attribute("id") ?? "")).lowercased()
        }

        var elementChildren: [Node] { children.filter { $0.isElement && !$0.isDiscarded } }

        func append(_ child: Node) {
            child.parent?.removeChild(child)
            child.parent = self
            children.append(child)
        }

        func insert(_ child: Node, at index: Int) {
            child.parent?.removeChild(child)
            child.parent = self
            children.insert(child, at: min(index, children.count))
        }

        func removeChild(_ child: Node) {
            if let index = children.firstIndex(where: { $0 === child }) {
                children.remove(at: index)
            }
            child.parent = nil
        }

        func remove() { parent?.removeChild(self) }

        func discard() { isDiscarded = true }

        /// Drops every discarded node below this one, in one pass.
        func sweep() {
            var stack: [Node] = [self]
            while let node = stack.popLast() {
                if node.children.contains(where: \.isDiscarded) {
                    node.children = node.children.filter { child in
                        if child.isDiscarded { child.parent = nil }
                        return !child.isDiscarded
                    }
                }
                stack.append(contentsOf: node.children)
            }
        }

        /// Puts `other` where `self` was.
        func replace(with other: Node) {
            guard let parent, let index = parent.children.firstIndex(where: { $0 === self }) else { return }
            other.parent?.removeChild(other)
            parent.children[index] = other
            other.parent = parent
            self.parent = nil
        }

        /// All text below this node, as `textContent` gives it.
        var textContent: String {
            if isText { return text }
            var out = ""
            appendText(to: &out)
            return out
        }

        private func appendText(to out: inout String) {
            for child in children where !child.isDiscarded {
                if child.isText { out += child.text } else { child.appendText(to: &out) }
            }
        }

        /// `textContent` trimmed with runs of white space collapsed (Readability's getInnerText).
        var innerText: String { Whitespace.collapse(textContent) }

        /// `innerText.unicodeScalars.count`, without building the string: the scorer and the
        /// cleaner ask for lengths of every subtree, many times.
        var textLength: Int {
            var count = 0
            var pendingSpace = false
            var stack: [Node] = [self]
            while let node = stack.popLast() {
                if node.isDiscarded { continue }
                if node.isText {
                    for scalar in node.text.unicodeScalars {
                        if Whitespace.isSpace(scalar) {
                            pendingSpace = count > 0
                        } else {
                            if pendingSpace { count += 1; pendingSpace = false }
                            count += 1
                        }
                    }
                } else {
                    stack.append(contentsOf: node.children.reversed())
                }
            }
            return count
        }

        /// Elements below this node in document order (pre-order), not including itself.
        func descendants(_ tags: Set<String>? = nil) -> [Node] {
            var out: [Node] = []
            var stack: [Node] = children.reversed()
            while let node = stack.popLast() {
                guard node.isElement, !node.isDiscarded else { continue }
                if tags == nil || tags!.contains(node.tag) { out.append(node) }
                stack.append(contentsOf: node.children.reversed())
            }
            return out
        }

        /// The first descendant element with one of `tags`, in document order.
        func first(_ tags: Set<String>) -> Node? {
            var stack: [Node] = children.reversed()
            while let node = stack.popLast() {
                guard node.isElement, !node.isDiscarded else { continue }
                if tags.contains(node.tag) { return node }
                stack.append(contentsOf: node.children.reversed())
            }
            return nil
        }

        func ancestors(maxDepth: Int = .max) -> [Node] {
            var out: [Node] = []
            var node = parent
            while let current = node, out.count < maxDepth {
                out.append(current)
                node = current.parent
            }
            return out
        }

        func hasAncestor(_ tag: String, maxDepth: Int = 3) -> Bool {
            ancestors(maxDepth: maxDepth <= 0 ? .max : maxDepth).contains { $0.tag == tag }
        }

        /// The next element sibling, skipping text.
        var nextElementSibling: Node? {
            guard let parent, let index = parent.children.firstIndex(where: { $0 === self }) else { return nil }
            return parent.children[(index + 1)...].first(where: \.isElement)
        }

        var previousElementSibling: Node? {
            guard let parent, let index = parent.children.firstIndex(where: { $0 === self }) else { return nil }
            return parent.children[..<index].last(where: \.isElement)
        }
    }

    enum Whitespace {
        /// Trims and collapses every run of white space to one space.
        static func collapse(_ text: String) -> String {
            var out = ""
            out.reserveCapacity(text.utf8.count)
            var pendingSpace = false
            for scalar in text.unicodeScalars {
                if isSpace(scalar) {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.unicodeScalars.append(" "); pendingSpace = false }
                    out.unicodeScalars.append(scalar)
                }
            }
            return out
        }

        static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029,
                 0x202F, 0x205F, 0x3000, 0xFEFF:
                return true
            default:
                return false
            }
        }
    }
}
