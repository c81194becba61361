/// An IP address libcurl is about to connect to, shown to an ``AddressPolicy``.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6, network order.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    public var isIPv4: Bool { bytes.count == 4 }

    /// The IPv4 address inside an IPv4-mapped IPv6 address (RFC 4291 §2.5.5.2), else self.
    public var unmapped: IPAddress {
        if bytes.count == 16 && bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return IPAddress(bytes: Array(bytes[12...]))
        }
        return self
    }

    /// 127.0.0.0/8 and ::1.
    public var isLoopback: Bool {
        let address = unmapped
        if address.isIPv4 { return address.bytes[0] == 127 }
        return address.bytes == [UInt8](repeating: 0, count: 15) + [1]
    }

    /// Addresses a public webhook target should never resolve to: loopback, unspecified,
    /// RFC 1918 private, RFC 6598 shared (CGNAT), link-local (169.254/16, fe80::/10, cloud
    /// metadata lives here) and unique-local fc00::/7.
    public var isPrivate: Bool {
        let address = unmapped
        let b = address.bytes
        if isLoopback { return true }
        if address.isIPv4 {
            return b[0] == 0 || b[0] == 10 || (b[0] == 172 && (16...31).contains(b[1]))
                || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && (64...127).contains(b[1]))
        }
        return b.allSatisfy { $0 == 0 } || (b[0] & 0xFE) == 0xFC || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)
    }

    public var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: bytes.count, by: 2)
            .map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }
}
