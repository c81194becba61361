#if canImport(Glibc)
import Glibc
#endif

/// A forgiving tokenizer for the HTML fragments feeds carry in descriptions and content
/// (HTML §13.2.5, simplified: no tree construction, no foreign content). Works on UTF-8
/// bytes; fragments are small and many, so this avoids a full libxml2 HTML parse per item.
struct HTMLTokenizer {
    enum Token {
        case text(ArraySlice<UInt8>)
        case start(name: String, attributes: [(name: String, value: String)], selfClosing: Bool)
        case end(name: String)
    }

    /// Elements whose content is raw text up to the matching end tag (HTML §13.1.2).
    static let rawText: Set<String> = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"]

    private let b: [UInt8]
    private var i = 0
    private var pendingRaw: String?

    init(_ html: String) { b = Array(html.utf8) }

    mutating func next() -> Token? {
        guard i < b.count else { return nil }
        if let raw = pendingRaw {
            pendingRaw = nil
            let start = i
            while i < b.count {
                if b[i] == 0x3C, i + 1 < b.count, b[i + 1] == 0x2F, matchesName(raw, at: i + 2) { break }
                i += 1
            }
            if i > start { return .text(b[start..<i]) }
        }
        if b[i] == 0x3C, i + 1 < b.count {
            let c = b[i + 1]
            if isLetter(c) { return startTag() }
            if c == 0x2F, i + 2 < b.count, isLetter(b[i + 2]) { return endTag() }
            if c == 0x21 { return markupDeclaration() }
            if c == 0x3F { skipPast(0x3E); return next() }
        }
        let start = i
        i = b.withUnsafeBufferPointer { p in
            guard let hit = memchr(p.baseAddress! + start + 1, 0x3C, p.count - start - 1) else { return p.count }
            return UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p.baseAddress!
        }
        return .text(b[start..<i])
    }

    private func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    private func matchesName(_ name: String, at j: Int) -> Bool {
        var k = j
        for ch in name.utf8 {
            guard k < b.count, b[k] | 0x20 == ch else { return false }
            k += 1
        }
        return k >= b.count || !isLetter(b[k])
    }

    private mutating func skipPast(_ byte: UInt8) {
        while i < b.count, b[i] != byte { i += 1 }
        i = min(i + 1, b.count)
    }

    private mutating func readName() -> String {
        let start = i
        var upper = false
        while i < b.count, !isSpace(b[i]), b[i] != 0x2F, b[i] != 0x3E, b[i] != 0x3D {
            if b[i] >= 0x41 && b[i] <= 0x5A { upper = true }
            i += 1
        }
        // Lower-case names (nearly all) go straight from the bytes, without a mapped copy.
        guard upper else { return String(decoding: b[start..<i], as: UTF8.self) }
        return String(decoding: b[start..<i].map { isLetter($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C }

    private mutating func skipSpace() { while i < b.count, isSpace(b[i]) { i += 1 } }

    private mutating func startTag() -> Token {
        i += 1
        let name = readName()
        var attributes: [(name: String, value: String)] = []
        var selfClosing = false
        while i < b.count {
            skipSpace()
            guard i < b.count else { break }
            if b[i] == 0x3E { i += 1; break }
            if b[i] == 0x2F { selfClosing = true; i += 1; continue }
            let attrName = readName()
            if attrName.isEmpty { i += 1; continue }
            skipSpace()
            var value = ""
            if i < b.count, b[i] == 0x3D {
                i += 1
                skipSpace()
                if i < b.count, b[i] == 0x22 || b[i] == 0x27 {
                    let q = b[i]
                    i += 1
                    let s = i
                    while i < b.count, b[i] != q { i += 1 }
                    value = String(decoding: b[s..<i], as: UTF8.self)
                    i = min(i + 1, b.count)
                } else {
                    let s = i
                    while i < b.count, !isSpace(b[i]), b[i] != 0x3E { i += 1 }
                    value = String(decoding: b[s..<i], as: UTF8.self)
                }
            }
            if attributes.count < 64, !attributes.contains(where: { $0.name == attrName }) {
                attributes.append((attrName, HTMLEntities.decode(value)))
            }
        }
        // Every raw-text element name has three or more letters: "p", "a", "br" skip the lookup.
        if !selfClosing, name.utf8.count >= 3, Self.rawText.contains(name) { pendingRaw = name }
        return .start(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    private mutating func endTag() -> Token {
        i += 2
        let name = readName()
        skipPast(0x3E)
        return .end(name: name)
    }

    /// Comments, doctypes and CDATA sections (the latter kept as text: feeds nest them).
    private mutating func markupDeclaration() -> Token? {
        if matches("<!--") {
            i += 4
            while i < b.count, !matches("-->") { i += 1 }
            i = min(i + 3, b.count)
            return next()
        }
        if matches("<![CDATA[") {
            i += 9
            let s = i
            while i < b.count, !matches("]]>") { i += 1 }
            let t = b[s..<i]
            i = min(i + 3, b.count)
            return .text(t)
        }
        skipPast(0x3E)
        return next()
    }

    private func matches(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        let p = s.utf8Start
        for k in 0..<n where b[i + k] != p[k] { return false }
        return true
    }
}
