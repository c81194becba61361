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
        return base + count
    }

    private func feed(_ tokens: [Token], field: UInt8, base: Int32, _ s: inout MatchScratch) {
        for t in tokens {
            var term = t.term
            term.withUTF8 { see($0, field: field, position: base + Int32(t.position), &s) }
        }
    }

    /// One story word: hash it once, byte by byte, checking prefix terms at the lengths
    /// some prefix has, then the whole word.
    @inline(__always)
    private func see(_ bytes: UnsafeBufferPointer<UInt8>, field: UInt8, position: Int32, _ s: inout MatchScratch) {
        var h = TermTable.seed
        let n = bytes.count
        if maxPrefixLength > 0 {
            let limit = min(n, maxPrefixLength)
            var k = 0
            while k < limit {
                h = TermTable.step(h, bytes[k])
                k += 1
                if prefixLengths[k], let id = prefixes.lookup(bytes, hash: h, length: k) {
                    markPrefix(id, field, &s)
                }
            }
            while k < n { h = TermTable.step(h, bytes[k]); k += 1 }
        } else {
            for b in bytes { h = TermTable.step(h, b) }
        }
        guard let id = terms.lookup(bytes, hash: h, length: n) else { return }
        let i = Int(id)
        if s.termEpoch[i] != s.epoch {
            s.termEpoch[i] = s.epoch
            s.termFields[i] = 0
            s.occHead[i] = -1
            addCandidates(termPostings, i, &s)
        }
        s.termFields[i] |= field
        if phraseTerm[i] {
            s.occ.append((position, field, s.occHead[i]))
            s.occHead[i] = Int32(s.occ.count - 1)
            s.occKeys.insert(MatchScratch.key(id, field, position))
        }
    }

    private func markPrefix(_ id: Int32, _ field: UInt8, _ s: inout MatchScratch) {
        let i = Int(id)
        if s.prefixEpoch[i] != s.epoch {
            s.prefixEpoch[i] = s.epoch
            s.prefixFields[i] = 0
            addCandidates(prefixPostings, i, &s)
        }
        s.prefixFields[i] |= field
    }

    @inline(__always)
    private func addCandidates(_ p: Postings, _ id: Int, _ s: inout MatchScratch) {
        var k = Int(p.offsets[id])
        let end = Int(p.offsets[id + 1])
        while k < end {
            let r = Int(p.rules[k])
            if s.ruleEpoch[r] != s.epoch {
                s.ruleEpoch[r] = s.epoch
                s.candidates.append(Int32(r))
            }
            k += 1
        }
    }

    private func evaluate(regions: [RegionScore], _ s: inout MatchScratch) -> [RuleMatch] {
        guard !s.candidates.isEmpty else { return [] }
        s.candidates.sort()
        var out: [RuleMatch] = []
        for r32 in s.candidates {
            let r = Int(r32)
            guard eval(roots[r], s) else { continue }
            let rule = rules[r]
            guard rule.regions.admits(regions, resolver: resolver) else { continue }
            var matched: [MatchedTerm] = []
            for k in Int(positiveStart[r])..<Int(positiveStart[r + 1]) {
                let a = Int(positiveAtoms[k])
                let f = fields(of: atoms[a], s)
                if f != 0 { matched.append(MatchedTerm(term: atomLabels[a], fields: MatchFields(rawValue: f))) }
            }
            out.append(RuleMatch(owner: rule.owner, rule: rule.rule, channels: rule.channels, matched: matched, ruleIndex: r))
        }
        return out
    }

    private func eval(_ n: Int32, _ s: MatchScratch) -> Bool {
        let node = nodes[Int(n)]
        switch node.kind {
        case .atom:
            return fields(of: atoms[Int(node.a)], s) != 0
        case .not:
            return !eval(node.a, s)
        case .and:
            for k in Int(node.a)..<Int(node.a + node.b) where !eval(children[k], s) { return false }
            return true
        case .or:
            for k in Int(node.a)..<Int(node.a + node.b) where eval(children[k], s) { return true }
            return false
        }
    }

    /// The fields (within the atom's scope) where the atom occurs in this story; 0 if absent.
    private func fields(of a: Atom, _ s: MatchScratch) -> UInt8 {
        switch a.kind {
        case .word:
            let i = Int(a.id)
            return s.termEpoch[i] == s.epoch ? s.termFields[i] & a.scope : 0
        case .prefix:
            let i = Int(a.id)
            return s.prefixEpoch[i] == s.epoch ? s.prefixFields[i] & a.scope : 0
        case .phrase:
            let start = Int(a.id), count = Int(a.count)
            var common = a.scope
            for k in start..<start + count {
                let t = Int(phraseTerms[k])
                guard s.termEpoch[t] == s.epoch else { return 0 }
                common &= s.termFields[t]
            }
            guard common != 0 else { return 0 }
            var found: UInt8 = 0
            var o = s.occHead[Int(phraseTerms[start])]
            while o >= 0 {
                let first = s.occ[Int(o)]
                if first.field & common != 0 && found & first.field == 0 {
                    var all = true
                    for k in 1..<count where !s.occKeys.contains(MatchScratch.key(phraseTerms[start + k], first.field, first.position + Int32(k))) {
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
