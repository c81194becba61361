import Testing
@testable import Feeds

/// `BitVotes` (bit-sliced carry-save counting) must give exactly the per-bit majority of a
/// plain count: SimHash fingerprints are stored and compared by the dedup store.
@Suite struct BitVotesTests {
    /// Counts around the group size (16), the lane flush (255 groups) and past it.
    @Test(arguments: [1, 2, 15, 16, 17, 31, 32, 33, 130, 255 * 16 - 1, 255 * 16, 255 * 16 + 1, 255 * 16 + 17, 9_000])
    func matchesAPlainCount(_ n: Int) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        for bias in [0, 1, 2] {
            var votes = BitVotes()
            var ones = [Int](repeating: 0, count: 64)
            for _ in 0..<n {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                // Biased inputs too, so some bits sit at or near a tie.
                var h = SimHash.mix(state)
                if bias == 1 { h |= SimHash.mix(state ^ 1) & 0x00FF_00FF_00FF_00FF }
                if bias == 2 { h = state & 1 == 0 ? 0xAAAA_AAAA_AAAA_AAAA : 0x5555_5555_5555_5555 }
                votes.add(h)
                for k in 0..<64 where (h >> UInt64(k)) & 1 == 1 { ones[k] += 1 }
            }
            var expected: UInt64 = 0
            for k in 0..<64 where 2 * ones[k] > n { expected |= 1 << UInt64(k) }
            #expect(votes.result == expected, "n \(n) bias \(bias)")
        }
    }
}
