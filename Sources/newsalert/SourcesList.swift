import ArgumentParser
import Feeds
import Foundation
import Store

/// `newsalert sources`: each source's fetch health and, when it has one, its WebSub subscription.
struct SourcesList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show each source's health: last status and error, next poll, stories, WebSub (the default).")

    @OptionGroup var config: ConfigOption

    @Flag(help: "Print JSON.")
    var json = false

    struct Report: Encodable { var sources: [Line] }

    /// One source: DESIGN.md's `sources --json` keys, plus `websub` (null without a hub).
    struct Line: Encodable {
        var health: SourceHealth
        var websub: WebSubLine?

        enum Key: String, CodingKey { case websub }

        func encode(to encoder: Encoder) throws {
            try health.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(websub, forKey: .websub)
        }
    }

    struct WebSubLine: Encodable {
        var hub: String
        var state: String
        var leaseExpires: String?
        var lastPush: String?
        var errorStreak: Int
        var lastError: String?

        enum CodingKeys: String, CodingKey {
            case hub, state
            case leaseExpires = "lease_expires", lastPush = "last_push"
            case errorStreak = "error_streak", lastError = "last_error"
        }

        init(_ s: WebSubSubscription) {
            hub = s.hub
            state = s.state.rawValue
            leaseExpires = s.leaseExpires.map(RFC3339.string)
            lastPush = s.lastPush.map(RFC3339.string)
            errorStreak = s.errorStreak
            lastError = s.lastError
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(hub, forKey: .hub)
            try c.encode(state, forKey: .state)
            try c.encode(leaseExpires, forKey: .leaseExpires)
            try c.encode(lastPush, forKey: .lastPush)
            try c.encode(errorStreak, forKey: .errorStreak)
            try c.encode(lastError, forKey: .lastError)
        }
    }

    func run() async throws {
        let store = try openStore(config)
        let health = try store.sourcesHealth()
        let subscriptions = Dictionary(try store.webSubSubscriptions().map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })
        let lines = health.map { Line(health: $0, websub: subscriptions[$0.name].map(WebSubLine.init)) }
        if json { return try printJSON(Report(sources: lines)) }
        if health.isEmpty { print("no sources yet: run `newsalert poll --once` or `newsalert run` first") }
        let width = min(28, health.map(\.name.count).max() ?? 4)
        let indent = String(repeating: " ", count: width)
        for s in health {
            let status = s.gone ? "GONE" : s.lastStatus.map(String.init) ?? (s.lastFetch == nil ? "new" : "ERR")
            let name = s.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let state = s.errorStreak > 0 ? "failing ×\(s.errorStreak)" : "ok"
            print("\(name)  \(status.padding(toLength: 4, withPad: " ", startingAt: 0))  \(state.padding(toLength: 11, withPad: " ", startingAt: 0))  fetched \(ago(s.lastFetch)), next \(s.gone ? "never" : ago(s.nextFetch)), \(s.stories) stories")
            if let e = s.lastError, s.errorStreak > 0 || s.gone { print("\(indent)  └ \(e)") }
            if let r = s.redirectedTo { print("\(indent)  └ moved permanently to \(r)") }
            if let w = subscriptions[s.name] { print("\(indent)  └ \(Self.describe(w))") }
        }
    }

    /// One line a person reads: what the subscription is doing and, when failing, why and what next.
    static func describe(_ s: WebSubSubscription, now: Date = Date()) -> String {
        let hub = "WebSub via \(s.hub)"
        var text: String
        switch s.state {
        case .pending: text = "\(hub): subscription request due \(ago(s.nextAction, now: now))"
        case .requested: text = "\(hub): requested, waiting for the hub to verify the callback"
        case .active, .renewing:
            let lease = s.leaseExpires.map { "lease ends \(ago($0, now: now))" } ?? "no lease end given"
            let live = s.isLive(at: now) ? "active" : "lease ran out"
            text = "\(hub): \(live), \(lease), last push \(ago(s.lastPush, now: now))"
            if s.state == .renewing { text += ", renewal requested" }
        case .unsubscribe, .unsubscribing: text = "\(hub): unsubscribing (the source no longer names this hub)"
        }
        if s.errorStreak > 0, let e = s.lastError {
            text += "; failing ×\(s.errorStreak): \(e) (next try \(ago(s.nextAction, now: now)); polling continues meanwhile)"
        }
        return text
    }
}
