import Foundation

/// JSON laid out for reading in a terminal: objects one member a line, anything that fits
/// in `width` columns on one line. Keys keep the order they have in the received body,
/// which `JSONSerialization` forgets (their first occurrence in the text stands for it).
struct JSONDisplay {
    let raw: String
    var width = 100

    static func lines(_ body: [UInt8], width: Int = 100) -> [String]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) else { return nil }
        let display = JSONDisplay(raw: String(decoding: body, as: UTF8.self), width: width)
        return display.render(object, indent: "", prefix: "").split(separator: "\n").map(String.init)
    }

    private func render(_ value: Any, indent: String, prefix: String) -> String {
        let flat = compact(value)
        if indent.count + prefix.count + flat.count <= width || !(value is [String: Any] || value is [Any]) {
            return indent + prefix + flat
        }
        let inner = indent + "  "
        if let object = value as? [String: Any] {
            let members = ordered(object).map { render($0.value, indent: inner, prefix: scalar($0.key) + ": ") }
            return indent + prefix + "{\n" + members.joined(separator: ",\n") + "\n" + indent + "}"
        }
        let items = (value as? [Any] ?? []).map { render($0, indent: inner, prefix: "") }
        return indent + prefix + "[\n" + items.joined(separator: ",\n") + "\n" + indent + "]"
    }

    private func compact(_ value: Any) -> String {
        if let object = value as? [String: Any] {
            return "{ " + ordered(object).map { scalar($0.key) + ": " + compact($0.value) }.joined(separator: ", ") + " }"
        }
        if let array = value as? [Any] {
            return "[" + array.map(compact).joined(separator: ", ") + "]"
        }
        return scalar(value)
    }

    private func scalar(_ value: Any) -> String {
        if value is NSNull { return "null" }
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .withoutEscapingSlashes]) else {
            return "\(value)"
        }
        return String(decoding: data, as: UTF8.self)
    }

    private func ordered(_ object: [String: Any]) -> [(key: String, value: Any)] {
        object.sorted { a, b in
            let pa = raw.range(of: scalar(a.key) + ":")?.lowerBound ?? raw.endIndex
            let pb = raw.range(of: scalar(b.key) + ":")?.lowerBound ?? raw.endIndex
            return pa == pb ? a.key < b.key : pa < pb
        }
    }
}
