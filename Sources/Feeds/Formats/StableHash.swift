/// A stable 128-bit hash (two FNV-1a 64 lanes with different offset bases) for synthesized
/// GUIDs. Stable across runs and platforms, unlike `Hasher`.
enum StableHash {
    static func hex(_ s: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        for byte in s.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b << 7) | (b >> 57)
        }
        return hex64(a) + hex64(b)
    }

    static func hex64(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
