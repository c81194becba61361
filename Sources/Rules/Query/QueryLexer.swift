/// Splits a query into operators, words and quoted phrases, keeping scalar offsets.
struct QueryLexer {
    enum Kind: Equatable {
        case open, close, and, or, not, minus
        case word(String)
        case phrase(String)
        /// `title:` or `source:` directly followed by a term, phrase or parenthesis.
        case scope(QueryScope)
        case end
    }

    struct Lexeme: Equatable {
        var kind: Kind
        var offset: Int
    }

    static func lex(_ query: String) throws(QueryError) -> [Lexeme] {
        let s = Array(query.unicodeScalars)
        var out: [Lexeme] = []
        var i = 0
        func isSpace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }
        func isDelimiter(_ c: Unicode.Scalar) -> Bool { isSpace(c) || c == "(" || c == ")" || c == "\"" }

        while i < s.count {
            let c = s[i]
            if isSpace(c) { i += 1; continue }
            if c == "(" { out.append(Lexeme(kind: .open, offset: i)); i += 1; continue }
            if c == ")" { out.append(Lexeme(kind: .close, offset: i)); i += 1; continue }
            if c == "\"" || c == "\u{201C}" || c == "\u{201D}" {
                let start = i
                i += 1
                var text = String.UnicodeScalarView()
                while i < s.count, s[i] != "\"", s[i] != "\u{201D}", s[i] != "\u{201C}" { text.append(s[i]); i += 1 }
                guard i < s.count else {
                    throw QueryError(offset: start, message: "unterminated phrase: add the closing \"")
                }
                i += 1
                out.append(Lexeme(kind: .phrase(String(text)), offset: start))
                continue
            }
            // "-word" / "-(…)" / "-\"…\"": a minus that starts a term negates it.
            if c == "-" && i + 1 < s.count && !isSpace(s[i + 1]) && s[i + 1] != ")" {
                out.append(Lexeme(kind: .minus, offset: i))
                i += 1
                continue
            }
            let start = i
            var text = String.UnicodeScalarView()
            while i < s.count, !isDelimiter(s[i]) {
                text.append(s[i])
                i += 1
                // A field name: letters then ':' with something attached.
                if s[i - 1] == ":", i < s.count, !isSpace(s[i]), s[i] != ")",
                   text.dropLast().allSatisfy({ $0.properties.isAlphabetic }), text.count > 1 {
                    break
                }
            }
            let word = String(text)
            switch word {
            case "AND": out.append(Lexeme(kind: .and, offset: start))
            case "OR": out.append(Lexeme(kind: .or, offset: start))
            case "NOT": out.append(Lexeme(kind: .not, offset: start))
            case "and", "or", "not", "And", "Or", "Not":
                throw QueryError(offset: start, message: "'\(word)' is not an operator; operators are uppercase (did you mean \(word.uppercased())?) — to search the word itself, quote it: \"\(word)\"")
            default:
                if word.hasSuffix(":"), let scope = QueryScope(rawValue: String(word.dropLast()).lowercased()),
                   scope != .any, i >= s.count || isSpace(s[i]) || s[i] == ")" {
                    throw QueryError(offset: start, message: "\(scope.rawValue): needs a word, \"phrase\" or (group) right after it, without a space")
                }
                if word.hasSuffix(":"), word.count > 1, i < s.count, !isSpace(s[i]) {
                    let name = String(word.dropLast()).lowercased()
                    guard let scope = QueryScope(rawValue: name), scope != .any else {
                        let hint = Suggest.closest(name, among: ["title", "source"]).map { " (did you mean \($0):?)" } ?? ""
                        throw QueryError(offset: start, message: "unknown field '\(word)'; fields are title: and source:\(hint)")
                    }
                    out.append(Lexeme(kind: .scope(scope), offset: start))
                } else {
                    out.append(Lexeme(kind: .word(word), offset: start))
                }
            }
        }
        out.append(Lexeme(kind: .end, offset: s.count))
        return out
    }
}
