extension RuleMatcher {
    /// One story word. A short word seen before in this story is answered from the
    /// story's word cache (`MatchScratch.words`). A short word seen for the first time is
    /// queued (`MatchScratch.pending`) with its hash and bytes, and looked up with the
    /// others of its batch in `resolvePending`; its repeats until then are queued as
    /// occurrences. A cached word that begins prefix terms has its prefix marks redone only
    /// in a field it has not been marked in. A long word (rare) is looked up at once.
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
        guard slot >= 0 else {
            let p = s.pending.count
            let at = s.cacheWord(hash: h, length: n, key0: key0, key1: key1, value: MatchScratch.pendingCode(p))
            s.pending.append(PendingWord(hash: h, key0: key0, key1: key1, length: Int32(n), slot: Int32(at), fields: field))
            s.deferred.append((Int32(p), position, field))
            if s.pending.count == MatchScratch.batch { resolvePending(&s) }
            return
        }
        let (value, applied) = s.cached(slot)
        if value < MatchScratch.noTerm {
            let p = MatchScratch.pendingIndex(value)
            s.pending[p].fields |= field
            s.deferred.append((Int32(p), position, field))
            return
        }
        if field & ~applied != 0 {
            // A word that begins prefix terms, first seen in this field.
            var h = TermTable.seed, k = 0
            markPrefixes(bytes, fields: field, &s, hash: &h, consumed: &k)
            s.recache(slot: slot, value: value, applied: applied | field)
        }
        if value >= 0 { mark(value, field: field, position: position, &s) }
    }

    /// Looks up the queued words of this story in passes, so the cache misses of different
    /// words overlap instead of each word waiting for its own: at 100,000 rules the term
    /// filter, the slot array (4 MiB), the per-term state and the postings leave the
    /// caches, and one word's filter → slot → state → postings loads are a chain of
    /// dependent misses. Touching the filter word and first slot of every queued word
    /// first, then the state and postings offsets of every found term, lets the processor
    /// have many misses in flight. The results are the same as looking each word up in turn:
    /// marks only set bits and append to lists whose order no reader depends on.
    func resolvePending(_ s: inout MatchScratch) {
        guard !s.pending.isEmpty else { return }
        var sink: UInt64 = 0
        for w in s.pending { sink &+= terms.touch(hash: w.hash) }
        for i in s.pending.indices {
            let w = s.pending[i]
            var key = (w.key0, w.key1)
            let r = withUnsafeBytes(of: &key) { raw in
                lookUp(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: Int(w.length)),
                       fields: w.fields, &s)
            }
            let id = r.id ?? -1
            s.pending[i].id = id
            if w.slot >= 0 { s.recache(slot: Int(w.slot), value: id, applied: r.prefixSeen ? w.fields : MatchScratch.allFields) }
            if id >= 0 { sink &+= s.termState[Int(id)] &+ termPostings.touch(Int(id)) }
        }
        for (p, position, field) in s.deferred {
            let id = s.pending[Int(p)].id
            if id >= 0 { mark(id, field: field, position: position, &s) }
        }
        s.sink &+= sink
        s.pending.removeAll(keepingCapacity: true)
        s.deferred.removeAll(keepingCapacity: true)
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
        guard start < end else { return }
        p.entries.withUnsafeBufferPointer { e in
            for k in start..<end { s.postings.append(e[k]) }
        }
    }
}

/// A story word queued for lookup (`RuleMatcher.resolvePending`): its FNV hash, its bytes
/// (at most `MatchScratch.cachedLength`, zero padded), its slot in the word cache (-1 = not
/// cached), the fields it was seen in so far, and, once looked up, its term id (-1 = none).
struct PendingWord {
    var hash: UInt64
    var key0: UInt64
    var key1: UInt64
    var length: Int32
    var slot: Int32
    var fields: UInt8
    var id: Int32 = -1
}
