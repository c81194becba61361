import Foundation

/// Every person's rules as loaded from the rules directory.
public struct RuleBook: Sendable {
    /// Every rules file read, including those that had errors.
    public var files: [String]
    /// Owners whose file loaded without errors, in file order.
    public var owners: [OwnerRules]

    public init(files: [String] = [], owners: [OwnerRules] = []) {
        self.files = files
        self.owners = owners
    }

    public var ruleCount: Int { owners.reduce(0) { $0 + $1.rules.count } }
    public var channelCount: Int { owners.reduce(0) { $0 + $1.channels.count } }

    /// `newsalert check`'s one-line summary.
    public var summary: String {
        func n(_ c: Int, _ word: String) -> String { "\(c) \(word)\(c == 1 ? "" : "s")" }
        return "\(n(files.count, "file")), \(n(owners.count, "owner")), \(n(ruleCount, "rule")), \(n(channelCount, "channel"))"
    }

    /// The rules in matcher form, in book order (owner by owner).
    public var matcherRules: [MatcherRule] {
        owners.flatMap { o in
            o.rules.map { r in
                MatcherRule(owner: o.owner, rule: r.name, channels: r.notify, query: r.query,
                            regions: RegionFilter(include: r.regions.map(\.code), exclude: r.excludeRegions.map(\.code), mode: r.regionMode))
            }
        }
    }

    public func compile(regions: (any RegionResolving)? = nil) -> RuleMatcher {
        RuleMatcher(rules: matcherRules, regions: regions)
    }

    public func owner(_ name: String) -> OwnerRules? { owners.first { $0.owner == name } }
}

/// A place in a rules file (1-based line and column, columns in Unicode scalars as Yams counts).
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// One person's rules file.
public struct OwnerRules: Sendable {
    public var owner: String
    public var file: String
    public var timeZone: TimeZone
    public var quietHours: QuietHours?
    /// In file order.
    public var channels: [Channel]
    public var rules: [Rule]

    public func channel(_ name: String) -> Channel? { channels.first { $0.name == name } }
}

public struct Rule: Sendable {
    public var name: String
    /// The query as written.
    public var queryText: String
    public var query: QueryNode
    public var regions: [RegionRef]
    public var excludeRegions: [RegionRef]
    public var regionMode: RegionMode
    /// Channel names, each defined in the owner's `channels`.
    public var notify: [String]
    public var digest: DigestSchedule?
    public var location: SourceLocation
}

/// A region named in a rule, as written and as resolved.
public struct RegionRef: Sendable, Equatable {
    public var name: String
    /// The resolver's canonical code or group; the name as written when there is no resolver.
    public var code: String
    public var location: SourceLocation
}

public struct Channel: Sendable {
    public enum Kind: Sendable, Equatable {
        case email(address: String)
        case webhook(url: String, secret: SecretSource, format: WebhookFormat)
    }

    public var name: String
    public var kind: Kind
    public var location: SourceLocation
}

public enum WebhookFormat: String, Sendable, Equatable, CaseIterable {
    /// Standard Webhooks JSON (DESIGN "Webhook delivery").
    case standard
    case slack
    case discord
}

/// Where a webhook's signing secret comes from. Never printed: `description` names the
/// source only.
public enum SecretSource: Sendable, Equatable, CustomStringConvertible {
    case none
    case environment(String)
    /// Relative paths are resolved against the rules file's folder.
    case file(String)
    /// A systemd credential name, read from `$CREDENTIALS_DIRECTORY/NAME`.
    case credential(String)
    /// Written in the rules file, accepted only when the file is private to its owner.
    case inline(String)

    public var description: String {
        switch self {
        case .none: return "none"
        case .environment(let n): return "env:\(n)"
        case .file(let p): return "file:\(p)"
        case .credential(let n): return "credential:\(n)"
        case .inline: return "inline (redacted)"
        }
    }
}

/// `quiet_hours: "22:00-07:00"` in the owner's time zone; may wrap past midnight.
public struct QuietHours: Sendable, Equatable {
    /// Minutes after midnight.
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public func contains(minuteOfDay m: Int) -> Bool {
        start < end ? (m >= start && m < end) : (m >= start || m < end)
    }
}

/// `digest: 1h` or `digest: "daily 08:00"` (owner's time zone).
public enum DigestSchedule: Sendable, Equatable {
    case every(seconds: Int)
    case daily(hour: Int, minute: Int)
}
