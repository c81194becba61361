import Foundation
import Yams

/// Reads one person's rules file (DESIGN "Rules file"), trusting nothing: every problem
/// becomes a diagnostic at its `file:line:col`, and the file yields rules only when it has
/// none.
struct RuleFileParser {
    static let topKeys = ["owner", "timezone", "quiet_hours", "channels", "rules"]
    static let ruleKeys = ["name", "query", "regions", "exclude_regions", "region_mode", "notify", "digest"]
    static let channelKeys = ["email", "webhook", "secret_env", "secret_file", "secret_credential", "secret", "format"]

    let path: String
    let text: String
    /// Permission bits of the file; an inline secret needs no group/other access.
    let mode: Int?
    let resolver: (any RegionResolving)?
    var r: YAMLReader

    init(path: String, text: String, mode: Int?, resolver: (any RegionResolving)?) {
        self.path = path
        self.text = text
        self.mode = mode
        self.resolver = resolver
        r = YAMLReader(path: path)
    }

    mutating func parse() -> (OwnerRules?, [Diagnostic]) {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                r.error(nil, "the rules file is empty; it needs owner, channels and rules")
                return (nil, r.diagnostics)
            }
            root = node
        } catch let e as YamlError {
            yamlError(e)
            return (nil, r.diagnostics)
        } catch {
            r.error(nil, "cannot read YAML: \(error)")
            return (nil, r.diagnostics)
        }
        guard let top = r.fields(root, allowed: Self.topKeys, in: "the rules file") else { return (nil, r.diagnostics) }

        var owner: String?
        if let o = top["owner"] { owner = r.string(o.value, "owner") } else { r.error(root, "missing 'owner': the person these rules belong to") }

        var zone = TimeZone(identifier: "UTC")!
        if let z = top["timezone"], let name = r.string(z.value, "timezone") {
            if let tz = TimeZone(identifier: name) { zone = tz } else {
                r.error(z.value, "unknown time zone '\(name)'\(Suggest.hint(name, among: TimeZone.knownTimeZoneIdentifiers)); use an IANA name like Europe/Berlin")
            }
        }

        var quiet: QuietHours?
        if let q = top["quiet_hours"], let s = r.string(q.value, "quiet_hours") {
            quiet = Values.quietHours(s)
            if quiet == nil { r.error(q.value, "bad quiet_hours '\(s)': write \"HH:MM-HH:MM\" like \"22:00-07:00\"") }
        }

        var channels: [Channel] = []
        var declared: [String] = []
        if let c = top["channels"] { (channels, declared) = parseChannels(c.value) } else { r.error(root, "missing 'channels': where alerts go (email or webhook)") }

        var rules: [Rule] = []
        if let rs = top["rules"] { rules = parseRules(rs.value, channels: declared) } else { r.error(root, "missing 'rules'") }

        guard r.diagnostics.isEmpty, let owner else { return (nil, r.diagnostics) }
        return (OwnerRules(owner: owner, file: path, timeZone: zone, quietHours: quiet, channels: channels, rules: rules), [])
    }

    private mutating func yamlError(_ e: YamlError) {
        switch e {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            r.error(at: SourceLocation(file: path, line: mark.line, column: mark.column), "YAML syntax: \(problem)")
        case .duplicatedKeysInMapping(let dups, let context):
            r.error(at: SourceLocation(file: path, line: context.mark.line, column: context.mark.column),
                    "duplicate key \(dups.map { "'\($0)'" }.joined(separator: ", ")) in this mapping; keep one")
        default:
            r.error(nil, "cannot read YAML: \(e)")
        }
    }

    /// The valid channels, and every declared name (so a broken channel is reported once,
    /// not again by each rule that notifies it).
    private mutating func parseChannels(_ node: Node) -> ([Channel], [String]) {
        guard case .mapping(let mapping) = node else {
            r.error(node, "channels must be a mapping of names to channels, found \(YAMLReader.kind(node))")
            return ([], [])
        }
        var out: [Channel] = []
        var names: [String] = []
        for (key, value) in mapping {
            guard let name = r.string(key, "a channel name") else { continue }
            names.append(name)
            if let c = parseChannel(name, value) { out.append(c) }
        }
        return (out, names)
    }

    private mutating func parseChannel(_ name: String, _ node: Node) -> Channel? {
        guard let f = r.fields(node, allowed: Self.channelKeys, in: "channel '\(name)'") else { return nil }
        let loc = r.location(node)
        switch (f["email"], f["webhook"]) {
        case (let e?, nil):
            for k in ["secret_env", "secret_file", "secret_credential", "secret", "format"] {
                if let x = f[k] { r.error(x.key, "'\(k)' belongs to webhook channels; channel '\(name)' is an email channel") }
            }
            guard let addr = r.string(e.value, "email") else { return nil }
            guard Values.isEmail(addr) else {
                r.error(e.value, "'\(addr)' is not an email address (name@example.org)")
                return nil
            }
            return Channel(name: name, kind: .email(address: addr), location: loc)
        case (nil, let w?):
            var ok = true
            let url = r.string(w.value, "webhook")
            if let url, !Values.isWebhookURL(url) {
                r.error(w.value, "'\(url)' is not an http(s) URL with a host")
                ok = false
            }
            var format = WebhookFormat.standard
            if let fm = f["format"], let s = r.string(fm.value, "format") {
                if let v = WebhookFormat(rawValue: s), v != .standard { format = v } else {
                    format = .slack  // already wrong; do not also demand a secret
                    r.error(fm.value, "unknown format '\(s)'\(Suggest.hint(s, among: ["slack", "discord"])); use slack or discord, or leave it out for signed JSON")
                    ok = false
                }
            }
            let secret = parseSecret(name, f, format: format, node: node, ok: &ok)
            guard ok, let url else { return nil }
            return Channel(name: name, kind: .webhook(url: url, secret: secret, format: format), location: loc)
        case (.some, .some):
            r.error(node, "channel '\(name)' has both email and webhook; split it into two channels")
        case (nil, nil):
            r.error(node, "channel '\(name)' needs 'email: ADDRESS' or 'webhook: URL'")
        }
        return nil
    }

    private mutating func parseSecret(_ name: String, _ f: [String: (key: Node, value: Node)], format: WebhookFormat,
                                      node: Node, ok: inout Bool) -> SecretSource {
        let given = ["secret_env", "secret_file", "secret_credential", "secret"].filter { f[$0] != nil }
        if given.count > 1 {
            r.error(f[given[1]]!.key, "channel '\(name)' has \(given.joined(separator: " and ")); choose one source for the secret")
            ok = false
            return .none
        }
        guard let key = given.first, let entry = f[key] else {
            if format == .standard {
                r.error(node, "webhook channel '\(name)' needs a signing secret: add secret_env: VARIABLE, secret_file: PATH or secret_credential: NAME")
                ok = false
            }
            return .none
        }
        guard let value = r.string(entry.value, key) else { ok = false; return .none }
        switch key {
        case "secret_env":
            guard Values.isEnvName(value) else {
                r.error(entry.value, "'\(value)' is not an environment variable name (letters, digits, _)")
                ok = false
                return .none
            }
            return .environment(value)
        case "secret_file": return .file(value)
        case "secret_credential": return .credential(value)
        default:
            if let mode, mode & 0o077 != 0 {
                r.error(entry.key, "inline webhook secret in a file others can read (mode \(String(mode & 0o777, radix: 8))): run 'chmod 600 \(path)', or move the secret out with secret_env or secret_file")
                ok = false
                return .none
            }
            return .inline(value)
        }
    }
}
