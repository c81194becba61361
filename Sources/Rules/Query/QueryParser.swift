import Tokens

/// Parses the query language of the README ("The query language"). Precedence NOT > AND > OR; AND is
/// implicit between neighbouring terms. Every error carries the scalar offset of its cause.
public enum QueryParser {
    public static func parse(_ query: String) throws(QueryError) -> QueryNode {
        let lexemes = try QueryLexer.lex(query)
        if lexemes.count == 1 {
            throw QueryError(offset: 0, message: "empty query: write the words to look for")
        }
        var p = Parser(lexemes: lexemes)
        let node = try p.parseOr()
        let rest = p.peek
        switch rest.kind {
        case .end: break
        case .close: throw QueryError(offset: rest.offset, message: "unbalanced ')': no '(' to close")
        default: throw QueryError(offset: rest.offset, message: "unexpected text")
        }
        guard node.requiredAtoms != nil else {
            throw QueryError(offset: 0, message: "the query only excludes (NOT/-) terms and would match every story; add a term to look for")
        }
        return node
    }

    struct Parser {
        let lexemes: [QueryLexer.Lexeme]
        var index = 0
        var scope: QueryScope = .any

        var peek: QueryLexer.Lexeme { lexemes[index] }
        mutating func next() -> QueryLexer.Lexeme { defer { index += 1 }; return lexemes[index] }

        mutating func parseOr() throws(QueryError) -> QueryNode {
            var children = [try parseAnd()]
            while peek.kind == .or {
                let op = next()
                guard startsTerm(peek.kind) else { throw missingOperand("OR", op.offset) }
                children.append(try parseAnd())
            }
            return children.count == 1 ? children[0] : .or(children)
        }

        mutating func parseAnd() throws(QueryError) -> QueryNode {
            var children = [try parseUnary()]
            while true {
                if peek.kind == .and {
                    let op = next()
                    guard startsTerm(peek.kind) else { throw missingOperand("AND", op.offset) }
                } else if !startsTerm(peek.kind) {
                    break
                }
                children.append(try parseUnary())
            }
            return children.count == 1 ? children[0] : .and(children)
        }

        mutating func parseUnary() throws(QueryError) -> QueryNode {
            let l = peek
            switch l.kind {
            case .not, .minus:
                _ = next()
                guard startsTerm(peek.kind) else { throw missingOperand(l.kind == .not ? "NOT" : "-", l.offset) }
                return .not(try parseUnary())
            default:
                return try parsePrimary()
            }
        }

        mutating func parsePrimary() throws(QueryError) -> QueryNode {
            let l = next()
            switch l.kind {
            case .open:
                if peek.kind == .close { throw QueryError(offset: l.offset, message: "empty parentheses") }
                let inner = try parseOr()
                guard peek.kind == .close else {
                    throw QueryError(offset: l.offset, message: "unbalanced '(': add the closing ')'")
                }
                _ = next()
                return inner
            case .scope(let s):
                let saved = scope
                scope = s
                defer { scope = saved }
                guard startsTerm(peek.kind), peek.kind != .not, peek.kind != .minus else {
                    throw QueryError(offset: l.offset, message: "\(s.rawValue): needs a word, \"phrase\" or (group) right after it")
                }
                return try parsePrimary()
            case .word(let w):
                return .atom(try word(w, at: l.offset))
            case .phrase(let text):
                return .atom(try phrase(text, at: l.offset))
            case .close:
                throw QueryError(offset: l.offset, message: "unbalanced ')': no '(' to close")
            case .and, .or:
                throw missingOperand(l.kind == .and ? "AND" : "OR", l.offset)
            case .not, .minus, .end:
                throw QueryError(offset: l.offset, message: "expected a word, \"phrase\" or (group)")
            }
        }

        func startsTerm(_ k: QueryLexer.Kind) -> Bool {
            switch k {
            case .open, .not, .minus, .word, .phrase, .scope: return true
            case .close, .and, .or, .end: return false
            }
        }

        func missingOperand(_ op: String, _ offset: Int) -> QueryError {
            QueryError(offset: offset, message: "\(op) needs a term on \(op == "NOT" || op == "-" ? "its right" : "both sides")")
        }

        func word(_ raw: String, at offset: Int) throws(QueryError) -> QueryAtom {
            var text = raw
            let isPrefix = text.hasSuffix("*")
            if isPrefix { text.removeLast() }
            if let star = text.unicodeScalars.firstIndex(of: "*") {
                let col = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: star)
                throw QueryError(offset: offset + col, message: "'*' works only at the end of a word (prefix search)")
            }
            let terms = Tokenizer.terms(text)
            if terms.isEmpty {
                throw QueryError(offset: offset, message: "'\(raw)' contains no searchable word")
            }
            if isPrefix {
                guard terms.count == 1 else {
                    throw QueryError(offset: offset, message: "prefix search '\(raw)' must be a single word")
                }
                guard terms[0].unicodeScalars.count >= 2 else {
                    throw QueryError(offset: offset, message: "prefix '\(raw)' is too short; give at least 2 letters")
                }
                return QueryAtom(kind: .prefix(terms[0]), scope: scope, offset: offset)
            }
            return QueryAtom(kind: terms.count == 1 ? .word(terms[0]) : .phrase(terms), scope: scope, offset: offset)
        }

        func phrase(_ text: String, at offset: Int) throws(QueryError) -> QueryAtom {
            if let star = text.unicodeScalars.firstIndex(of: "*") {
                let col = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: star)
                throw QueryError(offset: offset + 1 + col, message: "'*' does not work inside a \"phrase\"")
            }
            let terms = Tokenizer.terms(text)
            if terms.isEmpty { throw QueryError(offset: offset, message: "empty phrase") }
            return QueryAtom(kind: terms.count == 1 ? .word(terms[0]) : .phrase(terms), scope: scope, offset: offset)
        }
    }
}
