import Foundation

extension ArticleExtractor {
    /// Chooses the character encoding of an HTML page the way the HTML standard's
    /// "determining the character encoding" does (§13.2.3.2): byte order mark, (then valid
    /// multi-byte UTF-8 content, see `isMultibyteUTF8`), then the
    /// transport layer (HTTP Content-Type charset), then the `<meta>` prescan of the first
    /// 1024 bytes (we look a little further, as pages with long `<head>` comments need),
    /// then a default. The standard's default for unknown locales is windows-1252; we first
    /// check whether the bytes are valid UTF-8, which is what browsers' auto-detection
    /// settles on for the undeclared UTF-8 pages that dominate today.
    enum Charset {
        struct Choice: Equatable {
            /// The label handed to libxml2 (iconv names).
            var name: String
            /// Where it came from: "bom", "http", "meta", "utf-8 check" or "default".
            var source: String
        }

        static func sniff(_ data: Data, contentType: String?) -> Choice {
            if data.starts(with: [0xEF, 0xBB, 0xBF]) { return Choice(name: "UTF-8", source: "bom") }
            if data.starts(with: [0xFE, 0xFF]) { return Choice(name: "UTF-16BE", source: "bom") }
            if data.starts(with: [0xFF, 0xFE]) { return Choice(name: "UTF-16LE", source: "bom") }
            if isMultibyteUTF8(data) { return Choice(name: "UTF-8", source: "utf-8 content") }
            if let label = contentType.flatMap(charsetParameter), let name = normalize(label) {
                return Choice(name: name, source: "http")
            }
            if let label = metaCharset(data.prefix(4096)), let name = normalize(label) {
                // A page cannot declare itself UTF-16 in ASCII bytes (HTML §13.2.3.2 step 4).
                return Choice(name: name.hasPrefix("UTF-16") ? "UTF-8" : name, source: "meta")
            }
            if String(validating: data, as: UTF8.self) != nil {
                return Choice(name: "UTF-8", source: "utf-8 check")
            }
            return Choice(name: "windows-1252", source: "default")
        }

        /// Bytes that hold multi-byte UTF-8 sequences and no invalid ones are UTF-8 whatever the
        /// labels say: legacy encodings almost never form valid UTF-8 by accident, while
        /// mislabelled UTF-8 pages (a CMS template still saying gb2312 or iso-8859-1, a server
        /// default charset) are common. A deliberate step beyond the HTML standard's order.
        static func isMultibyteUTF8(_ data: Data) -> Bool {
            guard data.contains(where: { $0 >= 0x80 }) else { return false }
            return String(validating: data, as: UTF8.self) != nil
        }

        /// `charset=` of a Content-Type value (RFC 9110 §8.3), quotes removed.
        static func charsetParameter(_ contentType: String) -> String? {
            for part in contentType.split(separator: ";").dropFirst() {
                let pair = part.split(separator: "=", maxSplits: 1)
                guard pair.count == 2,
                      pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
                return value.isEmpty ? nil : value
            }
            return nil
        }

        /// Maps a label to what iconv knows, following the WHATWG Encoding Standard's
        /// aliases where they differ from IANA (latin1 and ascii mean windows-1252; GB2312
        /// means GBK; unknown labels are ignored so the next source decides).
        static func normalize(_ label: String) -> String? {
            let key = label.trimmingCharacters(in: .whitespaces).lowercased()
            switch key {
            case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return "UTF-8"
            case "iso-8859-1", "latin1", "l1", "us-ascii", "ascii", "iso8859-1", "iso_8859-1", "cp1252",
                 "windows-1252", "x-cp1252", "ansi_x3.4-1968", "cp819", "ibm819":
                return "windows-1252"
            case "gb2312", "gbk", "x-gbk", "chinese", "csgb2312", "iso-ir-58": return "GBK"
            case "gb18030": return "GB18030"
            case "big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5": return "BIG5-HKSCS"
            case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "csshiftjis":
                return "SHIFT_JIS"
            case "euc-jp", "x-euc-jp": return "EUC-JP"
            case "euc-kr", "ks_c_5601-1987", "windows-949", "korean": return "EUC-KR"
            case "koi8-r", "koi8_r", "koi", "koi8", "cskoi8r": return "KOI8-R"
            case "koi8-u", "koi8-ru": return "KOI8-U"
            case "utf-16", "utf-16le": return "UTF-16LE"
            case "utf-16be": return "UTF-16BE"
            case "x-user-defined": return "windows-1252"
            default:
                if key.hasPrefix("iso-8859-") || key.hasPrefix("windows-125") || key.hasPrefix("iso8859-") {
                    return key.uppercased().replacingOccurrences(of: "ISO8859-", with: "ISO-8859-")
                }
                return nil
            }
        }

        /// A simplified HTML §13.2.3.3 prescan: the first `<meta charset>` or
        /// `<meta http-equiv=content-type content="…charset=…">`.
        static func metaCharset(_ head: Data) -> String? {
            let text = String(decoding: head, as: UTF8.self).lowercased()
            var searchStart = text.startIndex
            while let open = text.range(of: "<meta", range: searchStart..<text.endIndex) {
                let end = text[open.upperBound...].firstIndex(of: ">") ?? text.endIndex
                let tag = String(text[open.upperBound..<end])
                searchStart = end
                if let value = attributeValue("charset", in: tag) { return value }
                if attributeValue("http-equiv", in: tag) == "content-type",
                   let content = attributeValue("content", in: tag),
                   let range = content.range(of: "charset=") {
                    let value = content[range.upperBound...].prefix { $0 != ";" && $0 != " " && $0 != "\"" && $0 != "'" }
                    if !value.isEmpty { return String(value) }
                }
            }
            return nil
        }

        private static func attributeValue(_ name: String, in tag: String) -> String? {
            var search = tag.startIndex
            while let range = tag.range(of: name, range: search..<tag.endIndex) {
                search = range.upperBound
                let before = range.lowerBound == tag.startIndex ? " " : tag[tag.index(before: range.lowerBound)]
                guard before == " " || before == "\t" || before == "\n" || before == "\"" || before == "'" else { continue }
                var cursor = range.upperBound
                while cursor < tag.endIndex, tag[cursor] == " " { cursor = tag.index(after: cursor) }
                guard cursor < tag.endIndex, tag[cursor] == "=" else { continue }
                cursor = tag.index(after: cursor)
                while cursor < tag.endIndex, tag[cursor] == " " { cursor = tag.index(after: cursor) }
                guard cursor < tag.endIndex else { return nil }
                let quote = tag[cursor]
                if quote == "\"" || quote == "'" {
                    let start = tag.index(after: cursor)
                    let stop = tag[start...].firstIndex(of: quote) ?? tag.endIndex
                    return String(tag[start..<stop]).trimmingCharacters(in: .whitespaces)
                }
                let stop = tag[cursor...].firstIndex { " /;\"'>".contains($0) } ?? tag.endIndex
                return String(tag[cursor..<stop])
            }
            return nil
        }
    }
}
