/// Unguessable tokens from the system's CSPRNG (`SystemRandomNumberGenerator` reads
/// getrandom(2) on Linux).
enum RandomToken {
    /// `bytes` random bytes as lowercase hex. A subscription's `hub.secret` is 32 bytes
    /// (64 characters, under WebSub §5.1's 200-byte limit); its callback id 16 bytes.
    static func hex(bytes: Int) -> String {
        var rng = SystemRandomNumberGenerator()
        var out = ""
        out.reserveCapacity(bytes * 2)
        for _ in 0..<bytes {
            let b = UInt8.random(in: .min ... .max, using: &rng)
            out += b < 16 ? "0" + String(b, radix: 16) : String(b, radix: 16)
        }
        return out
    }
}
