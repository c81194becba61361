import Foundation

/// `Link:` header fields (RFC 8288 §3): `<target>; rel="hub self"; type=…`, several links
/// comma-separated or in repeated fields. WebSub §4 lets publishers advertise the hub and the
/// topic (`rel=self`) this way, for any content type.
public struct LinkHeader: Sendable, Equatable {
    public struct Link: Sendable, Equatable {
        /// The target as written (resolve with `resolved(against:)`).
        public var target: String
        /// Relation types, lowercased (RFC 8288 §2.1.1: compared case-insensitively).
        public var relations: [String]
    }

    public var links: [Link]

    /// Parses every field value given (e.g. all `Link` fields of a response, in order).
    /// Malformed links are skipped: a broken header must not stop the feed being read.
    public init(_ values: [String]) {
        links = values.flatMap(Self.parse)
    }

    /// Targets of the links with relation `rel`, resolved against `base`, in header order.
    public func targets(rel: String, base: URL?) -> [String] {
        let rel = rel.lowercased()
        return links.filter { $0.relations.contains(rel) }.compactMap { link in
            guard let base else { return link.target }
            return URL(string: link.target, relativeTo: base)?.absoluteURL.absoluteString
        }
    }

    static func parse(_ value: String) -> [Link] {
        var out: [Link] = []
        var s = Substring(value)
        while true {
            s = s.drop { $0 == " " || $0 == "\t" || $0 == "," }
            guard s.first == "<", let close = s.firstIndex(of: ">") else { return out }
            let target = String(s[s.index(after: s.startIndex)..<close]).trimmingCharacters(in: .whitespaces)
            s = s[s.index(after: close)...]
            var relations: [String] = []
            // Parameters: `; name=value` or `; name="quoted, value"` until the next comma.
            while true {
                s = s.drop { $0 == " " || $0 == "\t" }
                guard s.first == ";" else { break }
                s = s.dropFirst().drop { $0 == " " || $0 == "\t" }
                let name = s.prefix { $0 != "=" && $0 != ";" && $0 != "," }.trimmingCharacters(in: .whitespaces).lowercased()
                s = s.dropFirst(s.prefix { $0 != "=" && $0 != ";" && $0 != "," }.count)
                var parameter = ""
                if s.first == "=" {
                    s = s.dropFirst().drop { $0 == " " || $0 == "\t" }
                    if s.first == "\"" {
                        s = s.dropFirst()
                        var escaped = false
                        while let c = s.first {
                            s = s.dropFirst()
                            if escaped { parameter.append(c); escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { break } else { parameter.append(c) }
                        }
                    } else {
                        parameter = String(s.prefix { $0 != ";" && $0 != "," }).trimmingCharacters(in: .whitespaces)
                        s = s.dropFirst(s.prefix { $0 != ";" && $0 != "," }.count)
                    }
                }
                // RFC 8288 §3.3: occurrences after the first rel are ignored.
                if name == "rel" && relations.isEmpty {
                    relations = parameter.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
                }
            }
            if !target.isEmpty { out.append(Link(target: target, relations: relations)) }
            guard s.first == "," else {
                // Junk after a link: skip to the next comma, if any.
                guard let comma = s.firstIndex(of: ",") else { return out }
                s = s[comma...]
                continue
            }
        }
    }
}
