import Testing
@testable import Tokens

/// The flag table must say what `ScalarFolding.flags(of:)` says for every scalar it covers,
/// including the blocks it fills without asking the standard library.
struct ScalarFoldingTests {
    @Test func uniformBlocksAreCaselessLetters() {
        var wrong: [UInt32] = []
        for range in ScalarFolding.uniformLetters {
            for v in range where Unicode.Scalar(v).map(ScalarFolding.flags(of:)) != ScalarFolding.word {
                wrong.append(v)
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10).map { String($0, radix: 16) })")
    }

    @Test func highFlagsAgreeWithFlagsOf() {
        let table = ScalarFolding.highFlags
        var wrong: [UInt32] = []
        for v in ScalarFolding.tableLimit..<ScalarFolding.flagsLimit {
            let want = Unicode.Scalar(v).map(ScalarFolding.flags(of:)) ?? 0
            if table[Int(v - ScalarFolding.tableLimit)] != want { wrong.append(v) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10).map { String($0, radix: 16) })")
    }
}
