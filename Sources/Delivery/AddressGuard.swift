import Curl

/// Keeps webhook targets, which users write into rules files, away from internal services
/// (server-side request forgery). The check runs on the address libcurl is about to connect
/// to, not on the hostname, so a name that resolves to a public address at check time and
/// to 127.0.0.1 at connect time (DNS rebinding) is still refused.
public struct AddressGuard: Sendable {
    /// Loopback, private, link-local, shared (CGNAT) and cloud-metadata space, "this network",
    /// multicast and reserved blocks (RFC 6890 special-purpose registry), IPv4 and IPv6.
    public static let refusedBlocks: [CIDR] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
        "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    ].map { try! CIDR(parsing: $0) }

    /// Blocks the operator allowed (config `webhooks.allow_private`), e.g. a LAN chat server.
    public let allowed: [CIDR]

    public init(allowPrivate: [CIDR] = []) {
        self.allowed = allowPrivate
    }

    /// Parses `webhooks.allow_private` entries; the first bad entry is the error.
    public init(allowPrivate entries: [String]) throws(DeliveryError) {
        var blocks: [CIDR] = []
        for entry in entries { blocks.append(try CIDR(parsing: entry)) }
        self.allowed = blocks
    }

    /// Nil when the address may be reached, else the block that refuses it.
    public func refusal(for address: IPAddress) -> CIDR? {
        if allowed.contains(where: { $0.contains(address) }) { return nil }
        if let inner = address.embeddedIPv4 { return refusal(for: inner) }
        return Self.refusedBlocks.first { $0.contains(address) }
    }

    /// The user-facing error for a refused connection.
    public func error(url: String, address: IPAddress, block: CIDR) -> DeliveryError {
        DeliveryError(
            .address,
            "webhook \(url): refused to connect to \(address.presentation), which is in the internal block \(block); if this target is meant to be reachable, add it to webhooks.allow_private in the config"
        )
    }
}
