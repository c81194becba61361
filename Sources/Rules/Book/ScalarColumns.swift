import Yams

/// Maps an offset inside a YAML scalar's value to its line and column in the file, so a
/// query error points at the character in the file, not at the start of the value. Handles
/// plain, 'single' ('' escapes), "double" (\ escapes), multi-line flow folding and block
/// scalars (| and >).
enum ScalarColumns {
    static func locate(offset: Int, in scalar: Node.Scalar, lines: [[Unicode.Scalar]]) -> (line: Int, column: Int)? {
        guard let mark = scalar.mark else { return nil }
        var line = mark.line - 1
        var col = mark.column - 1
        guard line < lines.count else { return nil }

        func atEnd() -> Bool { col >= lines[line].count }
        func nextLine(skipIndent indent: Int?) -> Bool {
            line += 1
            col = 0
            guard line < lines.count else { return false }
            if let indent { col = min(indent, lines[line].count) } else {
                while col < lines[line].count, lines[line][col] == " " || lines[line][col] == "\t" { col += 1 }
            }
            return true
        }

        switch scalar.style {
        case .literal, .folded:
            // Content starts on the next line; its indentation is the first non-blank line's.
            var probe = line + 1
            while probe < lines.count, lines[probe].allSatisfy({ $0 == " " }) { probe += 1 }
            guard probe < lines.count else { return nil }
            let indent = lines[probe].prefix { $0 == " " }.count
            guard nextLine(skipIndent: indent) else { return nil }
            var k = 0
            while k < offset {
                if atEnd() { guard nextLine(skipIndent: indent) else { return nil } } else { col += 1 }
                k += 1
            }
            if atEnd(), line + 1 < lines.count, offset > 0 { _ = nextLine(skipIndent: indent) }
            return (line + 1, col + 1)
        case .singleQuoted, .doubleQuoted:
            col += 1
        default:
            break
        }
        var k = 0
        while k < offset {
            if atEnd() {
                guard nextLine(skipIndent: nil) else { return nil }
                k += 1
                continue
            }
            let c = lines[line][col]
            if scalar.style == .singleQuoted && c == "'" {
                col += 2
            } else if scalar.style == .doubleQuoted && c == "\\" && col + 1 < lines[line].count {
                switch lines[line][col + 1] {
                case "x": col += 4
                case "u": col += 6
                case "U": col += 10
                default: col += 2
                }
            } else {
                col += 1
            }
            k += 1
        }
        return (line + 1, col + 1)
    }
}
