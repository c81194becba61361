import Feeds
import Tokens

extension RuleMatcher {
    /// The rules `input` matches, in rule order. Convenience for one-off calls; loops should
    /// keep a `MatchScratch` and call `match(_:scratch:)`.
    public func match(_ input: MatchInput) -> [RuleMatch] {
        var scratch = MatchScratch()
        return match(input, scratch: &scratch)
    }

    public func match(_ input: MatchInput, scratch: inout MatchScratch) -> [RuleMatch] {
        scratch.begin(self)
        scan(input.title, field: MatchFields.title.rawValue, base: 0, &scratch)
        let next = scan(input.summary, field: MatchFields.body.rawValue, base: 0, &scratch)
        scan(input.text, field: MatchFields.body.rawValue, base: next + 1, &scratch)
        scan(input.source, field: MatchFields.source.rawValue, base: 0, &scratch)
        return evaluate(regions: input.regions, &scratch)
    }

    /// The same, for a story the pipeline has tokenized already.
    public func match(_ input: TokenizedInput, scratch: inout MatchScratch) -> [RuleMatch] {
        scratch.begin(self)
        feed(input.title, field: MatchFields.title.rawValue, base: 0, &scratch)
        var base: Int32 = 0
        for run in input.body {
            feed(run, field: MatchFields.body.rawValue, base: base, &scratch)
            base += Int32(run.count) + 1
        }
        feed(input.source, field: MatchFields.source.rawValue, base: 0, &scratch)
        return evaluate(regions: input.regions, &scratch)
    }

    /// The same, for a story scanned once for place detection and matching alike
    /// (`ScannedStory`); `regions` are the ones detected on that scan.
    public func match(_ story: ScannedStory, source: String, regions: [RegionScore],
                      scratch: inout MatchScratch) -> [RuleMatch] {
        scratch.begin(self)
        feed(story.title, field: MatchFields.title.rawValue, base: 0, &scratch)
        let next = feed(story.summary, field: MatchFields.body.rawValue, base: 0, &scratch)
        feed(story.text, field: MatchFields.body.rawValue, base: next + 1, &scratch)
        scan(source, field: MatchFields.source.rawValue, base: 0, &scratch)
        return evaluate(regions: regions, &scratch)
    }

    public func match(_ input: TokenizedInput) -> [RuleMatch] {
        var scratch = MatchScratch()
        return match(input, scratch: &scratch)
    }

    @discardableResult
    private func scan(_ text: String, field: UInt8, base: Int32, _ s: inout MatchScratch) -> Int32 {
        var count: Int32 = 0
        Tokenizer.scan(text) { t in
            see(t.bytes, field: field, position: base + Int32(t.position), &s)
            count += 1
        }
        flush(field: field, &s)
        return base + count
    }

    @discardableResult
    private func feed(_ text: ScannedText, field: UInt8, base: Int32, _ s: inout MatchScratch) -> Int32 {
        text.forEachTerm { k, term, key0, key1 in
            let position = base + Int32(truncatingIfNeeded: k)
            if term.count <= MatchScratch.cachedLength {
                seeShort(term, key0: key0, key1: key1, field: field, position: position, &s)
            } else {
                seeLong(term, field: field, position: position, &s)
            }
        }
        flush(field: field, &s)
        return base + Int32(text.count)
    }

    private func feed(_ tokens: [Token], field: UInt8, base: Int32, _ s: inout MatchScratch) {
        for t in tokens {
            var term = t.term
            term.withUTF8 { see($0, field: field, position: base + Int32(t.position), &s) }
        }
        flush(field: field, &s)
    }

    /// Whether a guard atom (`RuleMatcher.guardRef`) occurs in this story within its scope.
    @inline(__always)
    private func guardHolds(_ ref: UInt32, _ s: borrowing MatchScratch) -> Bool {
        guard ref != 0 else { return false }
        let id = Int(ref >> 4) - 1
        let scope = UInt8(truncatingIfNeeded: (ref >> 1) & 7)
        return (ref & 1 == 0 ? s.termFields(id) : s.prefixFields(id)) & scope != 0
    }

    /// Keeps the postings whose guard holds (or that have none), then sorts and dedups the
    /// rules and loads each one's first op in a branch-free loop: the loads overlap, so
    /// `eval` finds the programs in cache instead of waiting for one miss per candidate
    /// (the index of 100,000 rules does not fit in L2).
    private func prepareCandidates(_ s: inout MatchScratch) {
        for e in s.postings where e.y == 0 || guardHolds(e.y, s) || guardHolds(e.z, s) || guardHolds(e.w, s) {
            s.candidates.append(Int32(bitPattern: e.x))
        }
        guard !s.candidates.isEmpty else { return }
        s.candidates.sort()
        var n = 0
        s.candidates.withUnsafeMutableBufferPointer { c in
            var last: Int32 = -1
            for k in 0..<c.count where c[k] != last {
                last = c[k]
                c[n] = last
                n += 1
            }
        }
        s.candidates.removeLast(s.candidates.count - n)
        var sink: UInt64 = 0
        ruleStart.withUnsafeBufferPointer { starts in
            program.withUnsafeBufferPointer { ops in
                for r in s.candidates { sink &+= ops[Int(starts[Int(r)])] }
            }
        }
        s.sink = sink
    }

    private func evaluate(regions: [RegionScore], _ s: inout MatchScratch) -> [RuleMatch] {
        guard !s.postings.isEmpty else { return [] }
        prepareCandidates(&s)
        var out: [RuleMatch] = []
        out.reserveCapacity(s.candidates.count)
        for r32 in s.candidates {
            let r = Int(r32)
            let start = Int(ruleStart[r])
            guard eval(start, &s) else { continue }
            // Fields read in place: a copy of the whole rule would retain its query tree too.
            guard rules[r].regions.admits(regions, resolver: resolver) else { continue }
            // Labels come from the query tree, whose positive atoms are in program order.
            var found: [UInt8] = []
            swap(&found, &s.found)
            found.removeAll(keepingCapacity: true)
            collectPositive(start, positive: true, &found, &s)
            var matched: [MatchedTerm] = []
            matched.reserveCapacity(found.count)
            let first = Int(labelStart[r])
            for (n, f) in found.enumerated() where f != 0 {
                matched.append(MatchedTerm(term: labels[first + n], fields: MatchFields(rawValue: f)))
            }
            swap(&found, &s.found)
            out.append(RuleMatch(owner: rules[r].owner, rule: rules[r].rule, channels: rules[r].channels, matched: matched, ruleIndex: r))
        }
        return out
    }

    private func eval(_ i: Int, _ s: inout MatchScratch) -> Bool {
        let op = program[i]
        switch op & 0xFF {
        case RuleMatcher.Op.and:
            var j = i + 1
            for _ in 0..<Int((op >> 16) & 0xFFFF) {
                if !eval(j, &s) { return false }
                j += size(j)
            }
            return true
        case RuleMatcher.Op.or:
            var j = i + 1
            for _ in 0..<Int((op >> 16) & 0xFFFF) {
                if eval(j, &s) { return true }
                j += size(j)
            }
            return false
        case RuleMatcher.Op.not:
            return !eval(i + 1, &s)
        default:
            return fields(of: op, &s) != 0
        }
    }

    @inline(__always) private func size(_ i: Int) -> Int {
        let op = program[i]
        return op & 0xFF <= RuleMatcher.Op.phrase ? 1 : Int(op >> 32)
    }

    /// Fields of each positive atom of the rule at `i`, in pre-order (0 = not found).
    private func collectPositive(_ i: Int, positive: Bool, _ out: inout [UInt8], _ s: inout MatchScratch) {
        let op = program[i]
        switch op & 0xFF {
        case RuleMatcher.Op.and, RuleMatcher.Op.or:
            var j = i + 1
            for _ in 0..<Int((op >> 16) & 0xFFFF) {
                collectPositive(j, positive: positive, &out, &s)
                j += size(j)
            }
        case RuleMatcher.Op.not:
            collectPositive(i + 1, positive: !positive, &out, &s)
        default:
            if positive { out.append(fields(of: op, &s)) }
        }
    }

    /// The fields (within the atom's scope) where the atom occurs in this story; 0 if absent.
    private func fields(of op: UInt64, _ s: inout MatchScratch) -> UInt8 {
        let scope = UInt8((op >> 8) & 0xFF)
        let payload = Int(op >> 32)
        switch op & 0xFF {
        case RuleMatcher.Op.word:
            return s.termFields(payload) & scope
        case RuleMatcher.Op.prefix:
            return s.prefixFields(payload) & scope
        default:
            let start = payload, count = Int((op >> 16) & 0xFFFF)
            var common = scope
            for k in start..<start + count {
                common &= s.termFields(Int(phraseTerms[k]))
            }
            guard common != 0 else { return 0 }
            var found: UInt8 = 0
            var o = s.occHead(Int(phraseTerms[start]))
            while o >= 0 {
                let first = s.occ[Int(o)]
                if first.field & common != 0 && found & first.field == 0 {
                    var all = true
                    for k in 1..<count where s.term(at: first.position + Int32(k), field: first.field) != phraseTerms[start + k] {
                        all = false
                        break
                    }
                    if all { found |= first.field }
                }
                o = first.next
            }
            return found
        }
    }
}
