import Yams

/// Typed reads of a composed YAML tree that record a diagnostic at the node's mark instead
/// of throwing, so one pass reports every problem in a file.
public struct YAMLReader {
    public let path: String
    public var diagnostics: [Diagnostic] = []

    public init(path: String) {
        self.path = path
    }

    public func location(_ node: Node?) -> SourceLocation {
        let m = node?.mark
        return SourceLocation(file: path, line: m?.line ?? 1, column: m?.column ?? 1)
    }

    public mutating func error(_ node: Node?, _ message: String) {
        diagnostics.append(Diagnostic(location(node), message))
    }

    public mutating func error(at location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(location, message))
    }

    public static func kind(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar: return "a single value"
        case .alias: return "an alias"
        }
    }

    public static func isNull(_ s: Node.Scalar) -> Bool {
        s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    /// The keys of a mapping, each checked against `allowed` (with a "did you mean" hint).
    public mutating func fields(_ node: Node, allowed: [String], in context: String) -> [String: (key: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            error(node, "\(context) must be a mapping of keys, found \(Self.kind(node))")
            return nil
        }
        var out: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard case .scalar(let k) = key else {
                error(key, "keys must be plain words")
                continue
            }
            guard allowed.contains(k.string) else {
                error(key, "unknown key '\(k.string)' in \(context)\(Suggest.hint(k.string, among: allowed)); allowed: \(allowed.joined(separator: ", "))")
                continue
            }
            out[k.string] = (key, value)
        }
        return out
    }

    /// A non-empty string value.
    public mutating func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let s) = node else {
            error(node, "\(what) must be a single value, found \(Self.kind(node))")
            return nil
        }
        guard !Self.isNull(s), !s.string.trimmingCharacters(in: .whitespaces).isEmpty else {
            error(node, "\(what) is empty")
            return nil
        }
        return s.string
    }

    /// A list of non-empty strings, each with its node.
    public mutating func strings(_ node: Node, _ what: String) -> [(String, Node)]? {
        guard case .sequence(let seq) = node else {
            if case .scalar(let s) = node, !Self.isNull(s) {
                error(node, "\(what) must be a list: write [\(s.string)]")
            } else {
                error(node, "\(what) must be a list, found \(Self.kind(node))")
            }
            return nil
        }
        var out: [(String, Node)] = []
        for item in seq {
            if let s = string(item, "each entry of \(what)") { out.append((s, item)) }
        }
        return out
    }
}
