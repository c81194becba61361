import Foundation

/// The `websub:` section of the config. WebSub (https://www.w3.org/TR/websub/) needs a
/// callback URL that the hubs on the public internet can reach, which a loopback `listen:`
/// address is not: so it stays off until `callback_base` names the public URL under which
/// a reverse proxy (or a public `listen:`) forwards `/websub/<id>` to the endpoint.
public struct WebSubSettings: Sendable, Equatable {
    /// Public base URL of the endpoint; callbacks are `<callback_base>/websub/<callback id>`.
    public var callbackBase: String
    /// Lease asked of hubs (`hub.lease_seconds`, WebSub §5.1); hubs may grant another.
    public var lease: Double = 10 * 86_400
    /// How much slower a source with a live subscription is polled (the safety net).
    public var pollFactor: Double = 6
    /// The longest poll interval the slowdown may reach (never shorter than the source's own).
    public var pollCap: Double = 6 * 3600
    /// How long a request waits for the hub's verification of intent before it is retried.
    public var verifyWait: Double = 300

    public init(callbackBase: String, lease: Double = 10 * 86_400) {
        self.callbackBase = callbackBase
        self.lease = lease
    }

    /// The callback URL of one subscription.
    public func callbackURL(_ callbackID: String) -> String {
        var base = callbackBase
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/websub/" + callbackID
    }
}
