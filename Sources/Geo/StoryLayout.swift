import Tokens

/// Layout facts about a story's text that decide how much a mention weighs, read from the
/// scan's flags and byte offsets.
enum StoryLayout {
    /// Title Case or ALL CAPS headlines (and the odd all-caps summary) capitalize
    /// everything, so a capital there is no evidence of a proper name ("Floods Hit Reading").
    /// Judged on the first 200 tokens: enough to tell, bounded for long texts.
    static func isTitleCase(_ text: ScannedText) -> Bool {
        let (words, cased) = text.caseCounts(first: 200, minLength: 4)
        return words >= 3 && cased * 4 >= words * 3
    }

    /// The end (UTF-8 offset) of a dateline such as "BAGHDAD (Reuters) —",
    /// "HILLAH, Iraq (AP) -" or "LONDON, March 3 (Reuters) -", or nil when the text has none.
    /// A dateline starts the text with a place in capitals, or ends with an agency in
    /// parentheses, and closes with a dash within the first 100 bytes.
    static func datelineEnd(_ text: ScannedText) -> Int? {
        guard text.count > 0, text.range(at: 0).lowerBound < 8 else { return nil }
        let bytes = text.utf8
        let limit = min(bytes.count, 100)
        var i = 0, sawParen = false
        while i < limit {
            let b = bytes[i]
            if b == UInt8(ascii: "(") { sawParen = true }
            let isDash = b == UInt8(ascii: "-") && i > 0 && bytes[i - 1] == 0x20
                || b == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x94 || bytes[i + 2] == 0x93)
            if isDash {
                let upperStart = text.shape(at: 0) == .upper && text.termLength(at: 0) >= 3
                return upperStart || sawParen ? i : nil
            }
            i += 1
        }
        return nil
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
