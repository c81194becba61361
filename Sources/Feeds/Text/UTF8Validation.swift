/// UTF-8 validation (RFC 3629 §4: no overlongs, no surrogates, nothing above U+10FFFF)
/// without allocating, with an 8-bytes-at-a-time ASCII fast path: feeds are mostly ASCII.
enum UTF8Validation {
    static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return true }
        let n = b.count
        var i = 0
        while i < n {
            if i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            }
            let c = base[i]
            if c < 0x80 { i += 1; continue }
            let need: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; upper = 0x9F
            case 0xF0: need = 3; lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; upper = 0x8F
            default: return false
            }
            guard i + need < n else { return false }
            let c1 = base[i + 1]
            guard c1 >= lower, c1 <= upper else { return false }
            for k in stride(from: 2, through: need, by: 1) {
                guard base[i + k] & 0xC0 == 0x80 else { return false }
            }
            i += need + 1
        }
        return true
    }
}
