import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Yams

/// `newsalert sources import FILE.opml`: the subscription lists feed readers export (OPML 1/2,
/// `<outline type="rss" xmlUrl=…>`), turned into `sources:` entries of the config file.
public enum OPMLImport {
    public struct Feed: Sendable, Equatable {
        public var name: String
        public var url: String
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The feeds of an OPML document, with names made unique and config-friendly.
    public static func feeds(_ data: Data, path: String) throws(Failure) -> [Feed] {
        let reader = OutlineReader()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse() else {
            throw Failure(description: "\(path):\(parser.lineNumber):\(parser.columnNumber): not valid OPML (\(parser.parserError.map { "\($0.localizedDescription)" } ?? "XML error")); export the subscriptions again from your feed reader")
        }
        guard reader.sawOPML else { throw Failure(description: "\(path): no <opml> element; this is not an OPML export") }
        guard !reader.outlines.isEmpty else {
            throw Failure(description: "\(path): no feeds found (no <outline> with an xmlUrl); export the subscriptions again from your feed reader")
        }
        var used = Set<String>()
        return reader.outlines.map { title, url in
            var name = slug(title.isEmpty ? (URL(string: url)?.host ?? "feed") : title)
            if name.isEmpty { name = "feed" }
            var unique = name, n = 2
            while used.contains(unique) { unique = "\(name)-\(n)"; n += 1 }
            used.insert(unique)
            return Feed(name: unique, url: url)
        }
    }

    /// `config` with `feeds` added to its `sources:` list (those whose URL is already there are
    /// skipped). Comments and layout of the rest of the file are kept. Returns the new text and
    /// the feeds added.
    public static func add(_ feeds: [Feed], toConfig text: String, path: String) throws(Failure) -> (String, [Feed]) {
        let existing = try ConfigLoader.parseOrFail(text, path: path)
        let known = Set(existing.sources.map(\.url))
        let names = Set(existing.sources.map(\.name))
        var added: [Feed] = []
        for var f in feeds where !known.contains(f.url) {
            var n = 2
            let base = f.name
            while names.contains(f.name) || added.contains(where: { $0.name == f.name }) { f.name = "\(base)-\(n)"; n += 1 }
            added.append(f)
        }
        guard !added.isEmpty else { return (text, []) }
        let entries = added.map { "  - { name: \($0.name), url: \"\($0.url.replacingOccurrences(of: "\"", with: "%22"))\" }" }
        var lines = text.components(separatedBy: "\n")
        if let root = try? Yams.compose(yaml: text), let map = root.mapping,
           let (key, value) = map.first(where: { $0.key.string == "sources" }) {
            let keyLine = key.mark.map { lines[$0.line - 1] } ?? ""
            let inline = keyLine.drop { $0 != ":" }.contains("[")
            if case .sequence = value, !inline {
                // Insert after the last line that belongs to the list: before the next top-level key.
                let after = map.compactMap { $0.key.mark?.line }.filter { $0 > (key.mark?.line ?? 0) }.min()
                var insertAt = (after ?? lines.count + 1) - 1
                while insertAt > 0, lines[insertAt - 1].trimmingCharacters(in: .whitespaces).isEmpty || lines[insertAt - 1].hasPrefix("#") { insertAt -= 1 }
                lines.insert(contentsOf: entries, at: insertAt)
            } else if case let .sequence(seq) = value, seq.isEmpty, let line = key.mark?.line {
                lines[line - 1] = "sources:"
                lines.insert(contentsOf: entries, at: line)
            } else {
                throw Failure(description: "\(path):\(key.mark?.line ?? 1):\(key.mark?.column ?? 1): sources is written inline; write it as a list (one `- { name, url }` per line) and import again")
            }
        } else {
            if lines.last == "" { lines.removeLast() }
            lines += ["", "sources:"] + entries + [""]
        }
        return (lines.joined(separator: "\n"), added)
    }

    /// "BBC News - World" → "bbc-news-world".
    static func slug(_ s: String) -> String {
        let folded = s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var out = ""
        for c in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(c) && c.isASCII { out.unicodeScalars.append(c) } else if !out.hasSuffix("-") { out += "-" }
        }
        return String(out.trimmingCharacters(in: CharacterSet(charactersIn: "-")).prefix(40))
    }

    private final class OutlineReader: NSObject, XMLParserDelegate {
        var outlines: [(String, String)] = []
        var sawOPML = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name.lowercased() == "opml" { sawOPML = true }
            guard name.lowercased() == "outline" else { return }
            let attrs = Dictionary(attributes.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
            guard let url = attrs["xmlurl"]?.trimmingCharacters(in: .whitespaces), url.lowercased().hasPrefix("http") else { return }
            outlines.append((attrs["title"] ?? attrs["text"] ?? "", url))
        }
    }
}

extension ConfigLoader {
    /// Parses config text, turning its diagnostics into one import failure.
    static func parseOrFail(_ text: String, path: String) throws(OPMLImport.Failure) -> Config {
        do {
            return try parse(text, path: path, origin: path)
        } catch {
            throw OPMLImport.Failure(description: error.description + "\nfix the config first, then import again")
        }
    }
}
