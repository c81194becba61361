import Rules
import Yams

/// The value kinds only the config file has (the rules files share the rest of `YAMLReader`).
extension YAMLReader {
    mutating func bool(_ node: Node, _ what: String) -> Bool? {
        guard let s = string(node, what) else { return nil }
        switch s.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error(node, "\(what) must be true or false, not '\(s)'")
            return nil
        }
    }

    mutating func int(_ node: Node, _ what: String, min: Int) -> Int? {
        guard let s = string(node, what) else { return nil }
        guard let n = Int(s), n >= min else {
            error(node, "\(what) must be a whole number ≥ \(min), not '\(s)'")
            return nil
        }
        return n
    }

    /// Durations read as in rules files: `90s`, `5m`, `1h`, `1d`.
    mutating func duration(_ node: Node, _ what: String) -> Double? {
        guard let s = string(node, what) else { return nil }
        guard let v = Values.duration(s) else {
            error(node, "\(what) must be a duration such as 90s, 5m, 1h or 1d, not '\(s)'")
            return nil
        }
        return Double(v)
    }

    mutating func size(_ node: Node, _ what: String) -> Int? {
        guard let s = string(node, what) else { return nil }
        guard let v = Units.bytes(s) else {
            error(node, "\(what) must be a size such as 512KiB or 10MiB, not '\(s)'")
            return nil
        }
        return v
    }
}
