import Yams

/// A problem in a configuration or rules file, with its place: `path:line:col: message`.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(path):\(line):\(column): \(message)" }
}

/// Walks a composed YAML tree and records problems with their marks instead of stopping at
/// the first, so `newsalert check` can list every mistake in one run.
struct YAMLWalker {
    let path: String
    var diagnostics: [Diagnostic] = []

    init(path: String) { self.path = path }

    mutating func error(_ node: Node?, _ message: String) {
        let mark = node?.mark
        diagnostics.append(Diagnostic(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    /// The mapping's entries; reports keys outside `allowed` with a did-you-mean hint.
    mutating func mapping(_ node: Node, what: String, allowed: [String]) -> [(key: String, keyNode: Node, value: Node)] {
        guard let map = node.mapping else {
            error(node, "\(what) must be a mapping of keys to values")
            return []
        }
        var seen = Set<String>()
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (k, v) in map {
            guard let key = k.string else {
                error(k, "\(what): keys must be plain words")
                continue
            }
            if !allowed.contains(key) {
                let hint = Suggest.closest(to: key, among: allowed).map { " (did you mean \($0)?)" } ?? ""
                error(k, "\(what): unknown key '\(key)'\(hint); allowed: \(allowed.joined(separator: ", "))")
                continue
            }
            if !seen.insert(key).inserted {
                error(k, "\(what): '\(key)' is given twice")
                continue
            }
            entries.append((key, k, v))
        }
        return entries
    }

    mutating func string(_ node: Node, _ what: String) -> String? {
        guard let s = node.scalar?.string, node.scalar != nil else {
            error(node, "\(what) must be a single value, not a list or mapping")
            return nil
        }
        return s
    }

    mutating func bool(_ node: Node, _ what: String) -> Bool? {
        guard let s = node.scalar?.string else {
            error(node, "\(what) must be true or false")
            return nil
        }
        switch s.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error(node, "\(what) must be true or false, not '\(s)'")
            return nil
        }
    }

    mutating func int(_ node: Node, _ what: String, min: Int) -> Int? {
        guard let s = node.scalar?.string, let n = Int(s), n >= min else {
            error(node, "\(what) must be a whole number ≥ \(min)")
            return nil
        }
        return n
    }

    mutating func duration(_ node: Node, _ what: String) -> Double? {
        guard let s = node.scalar?.string, let v = Units.seconds(s) else {
            error(node, "\(what) must be a duration such as 90s, 5m, 1h or 1d")
            return nil
        }
        return v
    }

    mutating func size(_ node: Node, _ what: String) -> Int? {
        guard let s = node.scalar?.string, let v = Units.bytes(s) else {
            error(node, "\(what) must be a size such as 512KiB or 10MiB")
            return nil
        }
        return v
    }

    mutating func strings(_ node: Node, _ what: String) -> [String]? {
        guard let seq = node.sequence else {
            error(node, "\(what) must be a list, e.g. [a, b]")
            return nil
        }
        var out: [String] = []
        for item in seq {
            if let s = string(item, "\(what) entry") { out.append(s) }
        }
        return out
    }
}

/// "Did you mean …?" by edit distance.
public enum Suggest {
    public static func closest(to word: String, among candidates: [String], maxDistance: Int = 3) -> String? {
        let w = word.lowercased()
        var best: (String, Int)?
        for c in candidates {
            let d = distance(w, c.lowercased())
            if d <= min(maxDistance, max(1, w.count / 2)), d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best?.0
    }

    /// Levenshtein distance.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
