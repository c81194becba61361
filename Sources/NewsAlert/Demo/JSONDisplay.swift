/// JSON laid out for reading in a terminal, exactly as received: members keep their order
/// and scalars their text (`JSONSerialization` would forget the one and respell the other).
/// Objects and arrays go on one line when they fit in `width` columns, else one member a line.
enum JSONDisplay {
    indirect enum Node {
        case scalar(String)
        case array([Node])
        case object([(key: String, value: Node)])
    }

    /// nil when the body is not one JSON value (RFC 8259).
    static func lines(_ body: [UInt8], width: Int = 150) -> [String]? {
        var parser = Parser(bytes: body)
        guard let node = parser.value(), parser.atEnd else { return nil }
        return render(node, indent: "", prefix: "", width: width).split(separator: "\n").map(String.init)
    }

    private static func render(_ node: Node, indent: String, prefix: String, width: Int) -> String {
        let flat = compact(node)
        let inner = indent + "  "
        switch node {
        case .object(let members) where indent.count + prefix.count + flat.count > width:
            let lines = members.map { render($0.value, indent: inner, prefix: $0.key + ": ", width: width) }
            return indent + prefix + "{\n" + lines.joined(separator: ",\n") + "\n" + indent + "}"
        case .array(let items) where indent.count + prefix.count + flat.count > width:
            let lines = items.map { render($0, indent: inner, prefix: "", width: width) }
            return indent + prefix + "[\n" + lines.joined(separator: ",\n") + "\n" + indent + "]"
        default:
            return indent + prefix + flat
        }
    }

    private static func compact(_ node: Node) -> String {
        switch node {
        case .scalar(let text): text
        case .array(let items): "[" + items.map(compact).joined(separator: ", ") + "]"
        case .object(let members): "{ " + members.map { $0.key + ": " + compact($0.value) }.joined(separator: ", ") + " }"
        }
    }

    /// A strict-enough reader for bodies newsalert itself wrote: strings keep their escapes.
    private struct Parser {
        let bytes: [UInt8]
        var i = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool {
            mutating get {
                skipSpace()
                return i == bytes.count
            }
        }

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        }

        mutating func value() -> Node? {
            skipSpace()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var members: [(key: String, value: Node)] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                while true {
                    skipSpace()
                    guard let key = string() else { return nil }
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    guard let v = value() else { return nil }
                    members.append((key, v))
                    skipSpace()
                    guard i < bytes.count else { return nil }
                    i += 1
                    if bytes[i - 1] == UInt8(ascii: "}") { return .object(members) }
                    guard bytes[i - 1] == UInt8(ascii: ",") else { return nil }
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [Node] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                while true {
                    guard let v = value() else { return nil }
                    items.append(v)
                    skipSpace()
                    guard i < bytes.count else { return nil }
                    i += 1
                    if bytes[i - 1] == UInt8(ascii: "]") { return .array(items) }
                    guard bytes[i - 1] == UInt8(ascii: ",") else { return nil }
                }
            case UInt8(ascii: "\""):
                return string().map(Node.scalar)
            default:
                let start = i
                while i < bytes.count, !",]} \t\r\n".utf8.contains(bytes[i]) { i += 1 }
                return i > start ? .scalar(String(decoding: bytes[start..<i], as: UTF8.self)) : nil
            }
        }

        /// A string token with its quotes and escapes, as written.
        mutating func string() -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            let start = i
            i += 1
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard i < bytes.count else { return nil }
            i += 1
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
    }
}
