/// "did you mean …?" hints: the closest candidate by edit distance, if close enough.
public enum Suggest {
    public static func closest(_ word: String, among candidates: some Sequence<String>) -> String? {
        let w = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for c in candidates {
            let d = distance(w, Array(c.lowercased().unicodeScalars))
            if best == nil || d < best!.1 { best = (c, d) }
        }
        guard let (name, d) = best, d > 0 || word != name else { return nil }
        return d <= max(2, w.count * 2 / 5) ? name : nil
    }

    public static func hint(_ word: String, among candidates: some Sequence<String>) -> String {
        closest(word, among: candidates).map { " (did you mean \($0)?)" } ?? ""
    }

    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
