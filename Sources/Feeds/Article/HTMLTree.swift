import CLibXML2
import Foundation

extension ArticleExtractor {
    /// Parses HTML bytes with libxml2's HTML parser (recovering, never touching the network)
    /// and converts the result into `Node`s.
    enum HTMLTree {
        /// Deeper elements are flattened into their ancestor at this depth, so hostile nesting
        /// cannot exhaust the stack of the recursive passes that follow.
        static let maxDepth = 128

        static func parse(_ data: Data, encoding: String) -> Node? {
            let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue
                | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_COMPACT.rawValue)
                | Int32(1 << 21) // HTML_PARSE_IGNORE_ENC: our sniffed encoding wins over <meta>.
            let document: htmlDocPtr? = data.withUnsafeBytes { raw -> htmlDocPtr? in
                guard let base = raw.baseAddress, raw.count > 0, raw.count < Int(Int32.max) else { return nil }
                return htmlReadMemory(base.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, encoding, options)
            }
            guard let document else { return nil }
            defer { xmlFreeDoc(document) }
            let root = Node(tag: "#document")
            var stack: [(UnsafeMutablePointer<xmlNode>?, Node, Int)] = [(document.pointee.children, root, 0)]
            while let (first, parent, depth) = stack.popLast() {
                var cursor = first
                while let node = cursor {
                    cursor = node.pointee.next
                    switch node.pointee.type {
                    case XML_ELEMENT_NODE:
                        let element = Node(tag: name(node.pointee.name), attributes: attributes(of: node))
                        if depth >= maxDepth {
                            stack.append((node.pointee.children, parent, depth))
                        } else {
                            parent.append(element)
                            stack.append((node.pointee.children, element, depth + 1))
                        }
                    case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                        if let content = node.pointee.content {
                            parent.append(Node(tag: "#text", text: String(cString: content)))
                        }
                    default:
                        continue
                    }
                }
            }
            return root
        }

        private static func name(_ pointer: UnsafePointer<xmlChar>?) -> String {
            guard let pointer else { return "" }
            return String(cString: pointer).lowercased()
        }

        private static func attributes(of node: UnsafeMutablePointer<xmlNode>) -> [(name: String, value: String)] {
            var out: [(name: String, value: String)] = []
            var cursor = node.pointee.properties
            while let attribute = cursor {
                cursor = attribute.pointee.next
                let key = name(attribute.pointee.name)
                var value = ""
                var child = attribute.pointee.children
                while let text = child {
                    if let content = text.pointee.content { value += String(cString: content) }
                    child = text.pointee.next
                }
                out.append((key, value))
            }
            return out
        }
    }
}
