import Foundation
import Rules
import Yams

extension ConfigLoader {
    static let webSubKeys = ["callback_base", "lease"]

    /// `websub: { callback_base: https://news.example.org/newsalert, lease: 10d }`; nil (off)
    /// without `callback_base`.
    static func websub(_ node: Node, _ w: inout YAMLReader) -> WebSubSettings? {
        if let scalar = node.scalar?.string, ["off", "false", "no"].contains(scalar.lowercased()) { return nil }
        var base: String?
        var lease: Double?
        var baseGiven = false
        for (k, (_, v)) in ordered(w.fields(node, allowed: webSubKeys, in: "websub")) {
            switch k {
            case "callback_base":
                baseGiven = true
                guard let s = w.string(v, "websub.callback_base") else { continue }
                let url = URL(string: s)
                if url.flatMap({ ["http", "https"].contains($0.scheme?.lowercased() ?? "") && $0.host != nil }) != true
                    || url?.query != nil || url?.fragment != nil {
                    w.error(v, "websub.callback_base must be the public http(s) URL that reaches this service's listen: address, e.g. https://news.example.org/newsalert (no query), not '\(s)'")
                } else {
                    base = s
                }
            case "lease":
                if let d = w.duration(v, "websub.lease") {
                    if d < 60 { w.error(v, "websub.lease must be at least 1m") } else { lease = d }
                }
            default: break
            }
        }
        guard let base else {
            if !baseGiven {
                w.error(node, "websub needs callback_base: the public URL hubs reach this service at (e.g. https://news.example.org/newsalert); remove the section to leave WebSub off")
            }
            return nil
        }
        var settings = WebSubSettings(callbackBase: base)
        if let lease { settings.lease = lease }
        return settings
    }
}
