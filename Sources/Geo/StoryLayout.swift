import Feeds
import Tokens

/// Layout facts about a story's text that decide how much a mention weighs, read from the
/// scan's flags and byte offsets.
enum StoryLayout {
    /// Title Case or ALL CAPS headlines (and the odd all-caps summary) capitalize
    /// everything, so a capital there is no evidence of a proper name ("Floods Hit Reading").
    /// Judged on the first 200 tokens: enough to tell, bounded for long texts.
    static func isTitleCase(_ text: ScannedText) -> Bool {
        let n = min(200, text.count)
        var words = 0, cased = 0, k = 0
        // Counted in stretches of 32 tokens, without a branch per token; stop once even
        // every remaining word long and capitalized could not make it (running text is
        // decided after about 100 tokens instead of 200). The test never stops a text
        // that would pass, so the answer is the same as counting all 200. (32 rather than
        // 16: half the work per stretch for at most 16 more tokens counted; 6 % fewer
        // instructions on GeoBench's stories.)
        while k < n {
            let end = min(k + 32, n)
            let counts = text.caseCounts(in: k..<end, minLength: 4)
            words += counts.words
            cased += counts.cased
            k = end
            if 4 * cased + (n - k) < 3 * words { return false }
        }
        return words >= 3 && cased * 4 >= words * 3
    }

    /// The end (UTF-8 offset) of a dateline such as "BAGHDAD (Reuters) —",
    /// "HILLAH, Iraq (AP) -" or "LONDON, March 3 (Reuters) -", or nil when the text has none.
    /// A dateline starts the text with a place in capitals, or ends with an agency in
    /// parentheses, and closes with a dash within the first 100 bytes.
    static func datelineEnd(_ text: ScannedText) -> Int? {
        guard text.count > 0, text.range(at: 0).lowerBound < 8 else { return nil }
        let upperStart = text.shape(at: 0) == .upper && text.termLength(at: 0) >= 3
        return text.withUTF8 { bytes -> Int? in
            // The first dash, then whether a parenthesis came before it: the first 100
            // bytes are searched for "-" and the lead byte of "—"/"–" eight at a time.
            guard let base = bytes.baseAddress else { return nil }
            let n = min(bytes.count, 100)
            var at = SWAR.firstOf(0x2D, 0xE2, 0xE2, in: base, from: 0, count: n)
            while at < n {
                let isDash = bytes[at] == UInt8(ascii: "-") ? at > 0 && bytes[at - 1] == 0x20
                    : at + 2 < bytes.count && bytes[at + 1] == 0x80 && (bytes[at + 2] == 0x94 || bytes[at + 2] == 0x93)
                if isDash {
                    return upperStart || bytes[0..<at].contains(UInt8(ascii: "(")) ? at : nil
                }
                at = SWAR.firstOf(0x2D, 0xE2, 0xE2, in: base, from: at + 1, count: n)
            }
            return nil
        }
    }

    /// Index of the first token after the lead: the first three sentences (a dateline counts
    /// as one), at most 80 tokens.
    static func leadEnd(_ text: ScannedText) -> Int {
        var starts = 0
        for i in 0..<text.count {
            if i >= 80 { return i }
            if text.isSentenceStart(at: i) {
                starts += 1
                if starts > 3 { return i }
            }
        }
        return text.count
    }
}
