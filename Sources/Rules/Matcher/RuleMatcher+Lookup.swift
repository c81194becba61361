extension RuleMatcher {
    /// One story word. A short word seen before in this story is answered from the
    /// story's word cache (`MatchScratch.words`); otherwise it is hashed once, byte by
    /// byte, checking prefix terms at the lengths some prefix has while the bytes so far
    /// still begin some prefix term (`stems`), then looked up whole. A cached word that
    /// begins prefix terms has its prefix marks redone only in a field it has not been
    /// marked in (a topic word such as "elections" recurs in a story and begins several
    /// prefix terms at 100,000 rules). A long word (rare) is not cached.
    @inline(__always)
    func see(_ bytes: UnsafeBufferPointer<UInt8>, field: UInt8, position: Int32, _ s: inout MatchScratch) {
        let n = bytes.count
        guard n <= MatchScratch.cachedLength else {
            if let id = lookUp(bytes, fields: field, &s).id { mark(id, field: field, position: position, &s) }
            return
        }
        var h = TermTable.seed
        var key0: UInt64 = 0, key1: UInt64 = 0
        for k in 0..<n {
            let b = bytes[k]
            h = TermTable.step(h, b)
            if k < 8 { key0 |= UInt64(b) << (8 * UInt64(k)) } else { key1 |= UInt64(b) << (8 * UInt64(k - 8)) }
        }
        let slot = s.cachedSlot(hash: h, length: n, key0: key0, key1: key1)
        let id: Int32
        if slot >= 0 {
            let (value, applied) = s.cached(slot)
            if field & ~applied != 0 {
                var h = TermTable.seed, k = 0
                markPrefixes(bytes, fields: field, &s, hash: &h, consumed: &k)
                s.recache(slot: slot, value: value, applied: applied | field)
            }
            id = value
        } else {
            let r = lookUp(bytes, fields: field, &s)
            id = r.id ?? MatchScratch.noTerm
            s.cacheWord(hash: h, length: n, key0: key0, key1: key1, value: id,
                        applied: r.prefixSeen ? field : MatchScratch.allFields)
        }
        if id >= 0 { mark(id, field: field, position: position, &s) }
    }

    /// Marks the prefix terms `bytes` begins with (in every field of `fields`) and returns
    /// the word's term id, and whether any prefix term matched.
    @inline(__always)
    func lookUp(_ bytes: UnsafeBufferPointer<UInt8>, fields: UInt8, _ s: inout MatchScratch) -> (id: Int32?, prefixSeen: Bool) {
        var h = TermTable.seed
        var k = 0
        let prefixSeen = markPrefixes(bytes, fields: fields, &s, hash: &h, consumed: &k)
        let n = bytes.count
        while k < n { h = TermTable.step(h, bytes[k]); k += 1 }
        return (terms.lookup(bytes, hash: h, length: n), prefixSeen)
    }

    /// Marks the prefix terms `bytes` begins with, hashing from `consumed` bytes on, and
    /// returns whether there was one. Prefix probes stop at the first length whose bytes
    /// begin no prefix term (`stems`); `hash` and `consumed` are left where they stopped.
    @discardableResult @inline(__always)
    func markPrefixes(_ bytes: UnsafeBufferPointer<UInt8>, fields: UInt8, _ s: inout MatchScratch,
                      hash h: inout UInt64, consumed k: inout Int) -> Bool {
        let n = bytes.count
        guard n >= minPrefixLength else { return false }
        var prefixSeen = false
        let limit = min(n, maxPrefixLength)
        while k < limit {
            h = TermTable.step(h, bytes[k])
            k += 1
            guard k >= minPrefixLength else { continue }
            if !stems.contains(mixed: HashFilter.mix(h)) { break }
            if prefixLengths[k], let id = prefixes.lookup(bytes, hash: h, length: k) {
                markPrefix(id, fields, &s)
                prefixSeen = true
            }
        }
        return prefixSeen
    }

    /// Records term `id` seen at `position` of `field`.
    @inline(__always)
    func mark(_ id: Int32, field: UInt8, position: Int32, _ s: inout MatchScratch) {
        let i = Int(id)
        let stamp = UInt64(s.epoch) << 40
        let w = s.termState[i]
        var state = w | UInt64(field) << 32
        if w & ~0xFF_FFFF_FFFF != stamp {
            state = stamp | (w & MatchScratch.phraseBit) | UInt64(field) << 32 | 0xFFFF_FFFF
            addCandidates(termPostings, i, &s)
        }
        if state & MatchScratch.phraseBit != 0 {
            s.occ.append((position, field, Int32(bitPattern: UInt32(truncatingIfNeeded: state))))
            state = state & ~0xFFFF_FFFF | UInt64(s.occ.count - 1)
            s.place(id, field: field, position: position)
        }
        s.termState[i] = state
    }

    /// Records prefix term `id` seen in `fields`.
    func markPrefix(_ id: Int32, _ fields: UInt8, _ s: inout MatchScratch) {
        let i = Int(id)
        let stamp = UInt64(s.epoch) << 32
        let w = s.prefixState[i]
        if w & 0xFFFF_FFFF_0000_0000 != stamp {
            s.prefixState[i] = stamp | UInt64(fields)
            addCandidates(prefixPostings, i, &s)
        } else {
            s.prefixState[i] = w | UInt64(fields)
        }
    }

    @inline(__always)
    private func addCandidates(_ p: Postings, _ id: Int, _ s: inout MatchScratch) {
        let start = Int(p.offsets[id]), end = Int(p.offsets[id + 1])
        s.postings.append(contentsOf: p.entries[start..<end])
    }
}
