import Foundation

extension ArticleExtractor {
    /// Cleans the chosen container (Readability.js `_prepArticle`), then removes the page
    /// furniture that survives it on news pages: short link-dense blocks, caption and credit
    /// lines, and blocks that are only a known boilerplate phrase.
    struct Cleaner {
        var flags: Flags

        func clean(_ article: Node) {
            markDataTables(article)
            cleanConditionally(article, "form")
            cleanConditionally(article, "fieldset")
            removeAll(article, ["object", "embed", "footer", "link", "aside", "iframe", "input", "textarea",
                                "select", "button", "nav", "svg", "canvas", "video", "audio", "template"])
            for child in article.elementChildren {
                for node in [child] + child.descendants()
                where Patterns.isShareElement(node.classAndID) && node.textContent.count < 500 {
                    node.discard()
                }
            }
            for header in article.descendants(["h1", "h2"]) where Measure.classWeight(header, flags: flags) < 0 {
                header.discard()
            }
            cleanConditionally(article, "table")
            cleanConditionally(article, "ul")
            cleanConditionally(article, "div")
            for heading in article.descendants(["h1"]) { heading.tag = "h2" }
            for paragraph in article.descendants(["p"])
            where paragraph.descendants(["img", "embed", "object", "iframe", "picture"]).isEmpty
                && paragraph.innerText.isEmpty {
                paragraph.discard()
            }
            article.sweep()
            Boilerplate.strip(article)
        }

        private func removeAll(_ root: Node, _ tags: Set<String>) {
            for node in root.descendants(tags) { node.discard() }
        }

        /// Readability.js `_cleanConditionally`: drops elements whose make-up (images per
        /// paragraph, list items, inputs, link density, embeds) says they are not content.
        private func cleanConditionally(_ root: Node, _ tag: String) {
            guard flags.contains(.cleanConditionally) else { return }
            for node in root.descendants([tag]).reversed() where !node.isDiscarded {
                if shouldRemove(node) { node.discard() }
            }
        }

        private func shouldRemove(_ node: Node) -> Bool {
            let tag = node.tag
            let text = node.innerText
            var isList = tag == "ul" || tag == "ol"
            if !isList, !text.isEmpty {
                let listLength = node.descendants(["ul", "ol"]).reduce(0) { $0 + $1.textLength }
                isList = Double(listLength) / Double(text.unicodeScalars.count) > 0.9
            }
            if tag == "table" && node.isDataTable { return false }
            if node.ancestors().contains(where: { $0.tag == "table" && $0.isDataTable }) { return false }
            if node.hasAncestor("code", maxDepth: 0) { return false }
            let weight = Measure.classWeight(node, flags: flags)
            if weight < 0 { return true }
            guard Measure.commaCount(text) < 10 else { return false }
            let paragraphs = Double(node.descendants(["p"]).count)
            let images = Double(node.descendants(["img"]).count)
            let listItems = Double(node.descendants(["li"]).count) - 100
            let inputs = Double(node.descendants(["input"]).count)
            let headingDensity = Measure.textDensity(node, tags: ["h1", "h2", "h3", "h4", "h5", "h6"])
            let embeds = node.descendants(["object", "embed", "iframe"]).count
            let linkDensity = Measure.linkDensity(node)
            let length = text.unicodeScalars.count
            let inFigure = node.hasAncestor("figure", maxDepth: 3)
            var remove = (images > 1 && paragraphs / images < 0.5 && !inFigure)
                || (!isList && listItems > paragraphs)
                || (inputs > (paragraphs / 3).rounded(.down))
                || (!isList && headingDensity < 0.9 && length < 25 && (images == 0 || images > 2) && !inFigure)
                || (!isList && weight < 25 && linkDensity > 0.2)
                || (weight >= 25 && linkDensity > 0.5)
                || (embeds == 1 && length < 75) || embeds > 1
            if isList && remove {
                let items = node.elementChildren
                if !items.isEmpty, items.allSatisfy({ $0.elementChildren.count == 1 && $0.elementChildren[0].tag == "img" }) {
                    remove = false
                }
            }
            return remove
        }

        /// Readability.js `_markDataTables`: tables of data are kept whole.
        private func markDataTables(_ root: Node) {
            for table in root.descendants(["table"]) {
                if table.attribute("role") == "presentation" || table.attribute("datatable") == "0" { continue }
                if table.attribute("summary") != nil { table.isDataTable = true; continue }
                if let caption = table.first(["caption"]), !caption.children.isEmpty { table.isDataTable = true; continue }
                if table.first(["col", "colgroup", "tfoot", "thead", "th"]) != nil { table.isDataTable = true; continue }
                if table.first(["table"]) != nil { continue }
                let rows = table.descendants(["tr"])
                let columns = rows.map { $0.elementChildren.filter { $0.tag == "td" || $0.tag == "th" }.count }.max() ?? 0
                table.isDataTable = rows.count >= 10 || columns > 4 || rows.count * columns > 10
            }
        }
    }
}
