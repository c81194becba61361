/// Fixed-width decimal fields of the date fast paths (`RFC822Date.canonical`,
/// `ISO8601Date.canonical`): exactly `count` ASCII digits from `at`, else nil.
enum FixedDigits {
    @inline(__always)
    static func read(_ b: UnsafeBufferPointer<UInt8>, at i: Int, count: Int) -> Int? {
        var v = 0
        for k in i..<i + count {
            guard b[k] >= 0x30, b[k] <= 0x39 else { return nil }
            v = v * 10 + Int(b[k] - 0x30)
        }
        return v
    }
}
