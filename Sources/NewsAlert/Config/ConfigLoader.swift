import Foundation
import Rules
import Yams

/// Reads `config.yaml` into a `Config`, reporting every problem with `path:line:col`.
public enum ConfigLoader {
    /// Why the config could not be used; `diagnostics` lists every problem found.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var diagnostics: [Diagnostic]
        public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
    }

    /// Where the config is looked for: `--config`, else `$NEWSALERT_CONFIG`, else
    /// `/etc/newsalert/config.yaml`; nil when none exists (the embedded default applies).
    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit { return explicit }
        if let env = environment["NEWSALERT_CONFIG"], !env.isEmpty { return env }
        let system = "/etc/newsalert/config.yaml"
        return FileManager.default.fileExists(atPath: system) ? system : nil
    }

    /// Loads the config at `path`, or the embedded default when `path` is nil.
    public static func load(path: String?) throws(Failure) -> Config {
        guard let path else { return try parse(DefaultConfig.yaml, path: "embedded default", origin: "embedded default") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(diagnostics: [Diagnostic(SourceLocation(file: path, line: 1, column: 1),
                "cannot read the config file (check the path and its permissions; --config or NEWSALERT_CONFIG choose another)")])
        }
        let text = String(decoding: data, as: UTF8.self)
        return try parse(text, path: path, origin: path)
    }

    static let topKeys = ["database", "rules", "listen", "http", "smtp", "webhooks", "templates", "delivery", "notices", "retention", "sources", "websub"]
    static let httpKeys = ["user_agent", "timeout", "max_body", "max_concurrency", "per_domain"]
    static let smtpKeys = ["url", "tls", "username", "password_file", "password_env", "from", "ca_file"]
    static let sourceKeys = ["name", "url", "every", "full_text", "region"]

    /// Parses config text; `path` names it in messages.
    public static func parse(_ text: String, path: String, origin: String) throws(Failure) -> Config {
        var w = YAMLReader(path: path)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { return Config(origin: origin) }
            root = node
        } catch let error as YamlError {
            throw Failure(diagnostics: [yamlSyntax(error, path: path)])
        } catch {
            throw Failure(diagnostics: [Diagnostic(SourceLocation(file: path, line: 1, column: 1), "not valid YAML: \(error)")])
        }
        var config = Config(origin: origin)
        var webSubNode: Node?
        for (key, (keyNode, value)) in ordered(w.fields(root, allowed: topKeys, in: "the config")) {
            switch key {
            case "database":
                config.database = w.string(value, "database")
            case "rules":
                if let s = w.string(value, "rules") { config.rules = s }
            case "listen":
                if let s = w.string(value, "listen") {
                    if s == "off" { config.listen = nil } else if validListen(s) { config.listen = s } else {
                        w.error(value, "listen must be host:port (e.g. 127.0.0.1:9464) or off")
                    }
                }
            case "http":
                config.http = http(value, &w)
            case "smtp":
                config.smtp = smtp(value, &w)
            case "webhooks":
                for (k, (_, v)) in ordered(w.fields(value, allowed: ["allow_private"], in: "webhooks")) where k == "allow_private" {
                    if let list = w.strings(v, "webhooks.allow_private") {
                        for (cidr, node) in list where !validCIDR(cidr) {
                            w.error(node, "webhooks.allow_private: '\(cidr)' is not a CIDR such as 127.0.0.1/32 or ::1/128")
                        }
                        config.webhooks.allowPrivate = list.map(\.0)
                    }
                }
            case "delivery":
                for (k, (_, v)) in ordered(w.fields(value, allowed: ["lease"], in: "delivery")) where k == "lease" {
                    if let d = w.duration(v, "delivery.lease") { config.deliveryLease = d }
                }
            case "notices":
                if let scalar = value.scalar?.string, ["off", "false", "no"].contains(scalar.lowercased()) {
                    config.notices = .off
                    continue
                }
                for (k, (_, v)) in ordered(w.fields(value, allowed: ["source_failing", "channel_failing"], in: "notices")) {
                    let off = ["off", "false", "no"].contains(v.scalar?.string.lowercased() ?? "")
                    let d = off ? nil : w.duration(v, "notices.\(k)")
                    if k == "source_failing" { config.notices.sourceFailing = d } else { config.notices.channelFailing = d }
                }
            case "templates":
                config.templates = w.string(value, "templates")
            case "retention":
                if let seconds = w.duration(value, "retention") { config.retentionDays = max(1, Int(seconds / 86400)) }
            case "sources":
                config.sources = sources(value, &w)
            case "websub":
                config.websub = websub(value, &w)
                if config.websub != nil { webSubNode = value }
            default:
                w.error(keyNode, "unknown key '\(key)'")
            }
        }
        if let webSubNode, config.listen == nil {
            w.error(webSubNode, "websub needs the HTTP endpoint for its callbacks; set listen: (e.g. 127.0.0.1:9464 behind the proxy that serves callback_base)")
        }
        if !w.diagnostics.isEmpty { throw Failure(diagnostics: w.diagnostics) }
        return config
    }

    private static func http(_ node: Node, _ w: inout YAMLReader) -> HTTPSettings {
        var h = HTTPSettings()
        for (k, (_, v)) in ordered(w.fields(node, allowed: httpKeys, in: "http")) {
            switch k {
            case "user_agent": if let s = w.string(v, "http.user_agent") { h.userAgent = s }
            case "timeout": if let d = w.duration(v, "http.timeout") { h.timeout = d }
            case "max_body": if let b = w.size(v, "http.max_body") { h.maxBody = b }
            case "max_concurrency": if let n = w.int(v, "http.max_concurrency", min: 1) { h.maxConcurrency = n }
            case "per_domain": if let n = w.int(v, "http.per_domain", min: 1) { h.perDomain = n }
            default: break
            }
        }
        return h
    }

    private static func smtp(_ node: Node, _ w: inout YAMLReader) -> SMTPSettings? {
        var url: String?, from: String?
        var s = SMTPSettings(url: "", from: "")
        for (k, (_, v)) in ordered(w.fields(node, allowed: smtpKeys, in: "smtp")) {
            switch k {
            case "url":
                url = w.string(v, "smtp.url")
                if let u = url, !(u.hasPrefix("smtp://") || u.hasPrefix("smtps://")) {
                    w.error(v, "smtp.url must start with smtp:// (STARTTLS, port 587) or smtps:// (implicit TLS, port 465)")
                }
            case "tls":
                if let t = w.string(v, "smtp.tls") {
                    if let tls = SMTPSettings.TLS(rawValue: t) { s.tls = tls } else {
                        w.error(v, "smtp.tls must be one of required, implicit, none")
                    }
                }
            case "username": s.username = w.string(v, "smtp.username")
            case "password_file": s.passwordFile = w.string(v, "smtp.password_file")
            case "password_env": s.passwordEnv = w.string(v, "smtp.password_env")
            case "from": from = w.string(v, "smtp.from")
            case "ca_file": s.caFile = w.string(v, "smtp.ca_file")
            default: break
            }
        }
        guard let url, let from else {
            w.error(node, "smtp needs both url and from (e.g. url: smtp://mail.example.org:587, from: \"News alerts <alerts@example.org>\")")
            return nil
        }
        s.url = url
        s.from = from
        return s
    }

    private static func sources(_ node: Node, _ w: inout YAMLReader) -> [SourceConfig] {
        guard let seq = node.sequence else {
            w.error(node, "sources must be a list of { name, url } entries")
            return []
        }
        var out: [SourceConfig] = []
        var names: [String: Node] = [:]
        for item in seq {
            var name: String?, url: String?
            var src = SourceConfig(name: "", url: "")
            for (k, (_, v)) in ordered(w.fields(item, allowed: sourceKeys, in: "a source")) {
                switch k {
                case "name": name = w.string(v, "source name")
                case "url":
                    url = w.string(v, "source url")
                    if let u = url, URL(string: u).flatMap({ ["http", "https"].contains($0.scheme?.lowercased() ?? "") && $0.host != nil }) != true {
                        w.error(v, "source url must be an http:// or https:// URL, not '\(u)'")
                    }
                case "every":
                    if let d = w.duration(v, "every") {
                        if d < 60 { w.error(v, "every must be at least 1m (sources are polled politely)") } else { src.every = d }
                    }
                case "full_text": if let b = w.bool(v, "full_text") { src.fullText = b }
                case "region": src.region = w.string(v, "region")
                default: break
                }
            }
            guard let name, let url else {
                w.error(item, "each source needs a name and a url, e.g. { name: bbc-world, url: \"https://feeds.bbci.co.uk/news/world/rss.xml\" }")
                continue
            }
            if let first = names[name] {
                w.error(item, "source name '\(name)' is used twice (first at line \(first.mark?.line ?? 0)); names must be unique")
                continue
            }
            names[name] = item
            src.name = name
            src.url = url
            out.append(src)
        }
        return out
    }

    /// Entries in file order, so problems are reported top to bottom.
    static func ordered(_ fields: [String: (key: Node, value: Node)]?) -> [(String, (Node, Node))] {
        (fields ?? [:]).sorted { ($0.value.key.mark?.line ?? 0, $0.value.key.mark?.column ?? 0) < ($1.value.key.mark?.line ?? 0, $1.value.key.mark?.column ?? 0) }
            .map { ($0.key, ($0.value.key, $0.value.value)) }
    }

    static func yamlSyntax(_ error: YamlError, path: String) -> Diagnostic {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _):
            return Diagnostic(SourceLocation(file: path, line: mark.line, column: mark.column), "YAML syntax: \(problem)")
        default:
            return Diagnostic(SourceLocation(file: path, line: 1, column: 1), "YAML: \(error)")
        }
    }

    static func validListen(_ s: String) -> Bool {
        guard let colon = s.lastIndex(of: ":"), let port = Int(s[s.index(after: colon)...]) else { return false }
        return (1...65535).contains(port) && colon != s.startIndex
    }

    static func validCIDR(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let bits = Int(parts[1]) else { return false }
        let addr = String(parts[0])
        if addr.contains(":") { return bits >= 0 && bits <= 128 && addr.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." } }
        let octets = addr.split(separator: ".", omittingEmptySubsequences: false)
        return bits >= 0 && bits <= 32 && octets.count == 4 && octets.allSatisfy { UInt8($0) != nil }
    }
}
