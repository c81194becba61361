extension RuleMatcher {
    /// One story word. A short word seen before in this story is answered from the
    /// story's word cache (`MatchScratch.words`), keyed by its packed bytes, without
    /// hashing them; otherwise it is hashed once, byte by byte, checking prefix terms at
    /// the lengths some prefix has while the bytes so far still begin some prefix term
    /// (`stems`), then looked up whole. A cached word that begins prefix terms has its
    /// prefix marks redone only in a field it has not been marked in (a topic word such as
    /// "elections" recurs in a story and begins several prefix terms at 100,000 rules). A
    /// long word (rare) is not cached. With `defersLookups`, a short word not yet cached is
    /// queued (`MatchScratch.pending`) with its table lines prefetched, and looked up a few
    /// new words later.
    @inline(__always)
    func see(_ bytes: UnsafeBufferPointer<UInt8>, field: UInt8, position: Int32, _ s: inout MatchScratch) {
        let n = bytes.count
        guard n <= MatchScratch.cachedLength else {
            seeLong(bytes, field: field, position: position, &s)
            return
        }
        var key0: UInt64 = 0, key1: UInt64 = 0
        for k in 0..<n {
            let b = bytes[k]
            if k < 8 { key0 |= UInt64(b) << (8 * UInt64(k)) } else { key1 |= UInt64(b) << (8 * UInt64(k - 8)) }
        }
        seeShort(bytes, key0: key0, key1: key1, field: field, position: position, &s)
    }

    /// A word longer than the word cache keeps: looked up every time.
    func seeLong(_ bytes: UnsafeBufferPointer<UInt8>, field: UInt8, position: Int32, _ s: inout MatchScratch) {
        if let id = lookUp(bytes, fields: field, &s).id { mark(id, field: field, position: position, &s) }
    }

    /// A word of at most `MatchScratch.cachedLength` bytes, packed into `key0` and `key1`
    /// (zero past its end): a scan that keeps its terms (`ScannedText.forEachTerm`) packs
    /// them with two loads, a streamed token byte by byte (`see`). The term table's hash
    /// is made only for a word the story has not had yet.
    @inline(__always)
    func seeShort(_ bytes: UnsafeBufferPointer<UInt8>, key0: UInt64, key1: UInt64, field: UInt8, position: Int32,
                  _ s: inout MatchScratch) {
        let n = bytes.count
        let slot = s.cachedSlot(length: n, key0: key0, key1: key1)
        if slot >= 0 {
            markCached(bytes, slot: slot, field: field, position: position, &s)
            return
        }
        let h = TermTable.hash(bytes)
        if defersLookups {
            if s.pendingCount == MatchScratch.pendingSlots { resolveOldest(field: field, &s) }
            terms.prefetch(hash: h)
            if n >= minPrefixLength {
                var stem = TermTable.seed
                for k in 0..<minPrefixLength { stem = TermTable.step(stem, bytes[k]) }
                stems.prefetch(block: stems.block(HashFilter.mix(stem)))
            }
            s.enqueue(hash: h, key0: key0, key1: key1, length: n, position: position)
            peek(&s)
            if let id = s.peekedTerm(back: MatchScratch.pendingSlots - 2) {
                let start = Int(termPostings.offsets[Int(id)])
                termPostings.entries.withUnsafeBufferPointer { prefetchLine($0.baseAddress! + start) }
            }
            return
        }
        lookUpNew(bytes, hash: h, key0: key0, key1: key1, peeked: nil, field: field, position: position, &s)
    }

    /// Looks up the words still queued for the current field (`defersLookups`); called at
    /// the end of each field.
    @inline(__always)
    func flush(field: UInt8, _ s: inout MatchScratch) {
        while s.pendingCount > 0 { resolveOldest(field: field, &s) }
    }

    /// Looks up the term of the queued word halfway through the ring, whose filter word
    /// and slot were prefetched when it was queued, and prefetches its per-story state and
    /// postings offsets for when it is marked.
    @inline(__always)
    private func peek(_ s: inout MatchScratch) {
        guard let w = s.unpeeked(back: MatchScratch.pendingSlots / 2) else { return }
        let id = terms.lookup(hash: w.hash, key0: w.key0, key1: w.key1, length: w.length) ?? MatchScratch.noTerm
        s.setPeeked(entry: w.entry, id: id)
        guard id >= 0 else { return }
        s.termState.withUnsafeBufferPointer { prefetchLine($0.baseAddress! + Int(id)) }
        termPostings.offsets.withUnsafeBufferPointer { prefetchLine($0.baseAddress! + Int(id)) }
    }

    /// The oldest queued word, from its packed bytes. It may have been cached meanwhile by
    /// an earlier copy of itself in the queue, so the word cache is asked again.
    private func resolveOldest(field: UInt8, _ s: inout MatchScratch) {
        let w = s.dequeue()
        var key = (w.key0, w.key1)
        withUnsafeBytes(of: &key) { raw in
            let bytes = UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[0..<w.length])
            let slot = s.cachedSlot(length: w.length, key0: w.key0, key1: w.key1)
            if slot >= 0 {
                markCached(bytes, slot: slot, field: field, position: w.position, &s)
            } else {
                lookUpNew(bytes, hash: w.hash, key0: w.key0, key1: w.key1, peeked: w.peeked, field: field, position: w.position, &s)
            }
        }
    }

    /// A word found in the story's word cache at `slot`: its prefix marks are redone if
    /// this field has not had them, and its term is marked.
    @inline(__always)
    private func markCached(_ bytes: UnsafeBufferPointer<UInt8>, slot: Int, field: UInt8, position: Int32, _ s: inout MatchScratch) {
        let (id, applied) = s.cached(slot)
        if field & ~applied != 0 {
            var h = TermTable.seed, k = 0
            markPrefixes(bytes, fields: field, &s, hash: &h, consumed: &k)
            s.recache(slot: slot, value: id, applied: applied | field)
        }
        if id >= 0 { mark(id, field: field, position: position, &s) }
    }

    /// A short word not yet seen in this story, with its hash and packed bytes (and its
    /// term id if the queue looked it up already): marks its prefix terms and its term, and
    /// caches it.
    private func lookUpNew(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, key0: UInt64, key1: UInt64, peeked: Int32?,
                           field: UInt8, position: Int32, _ s: inout MatchScratch) {
        var ph = TermTable.seed, k = 0
        let prefixSeen = markPrefixes(bytes, fields: field, &s, hash: &ph, consumed: &k)
        let id = peeked ?? terms.lookup(hash: hash, key0: key0, key1: key1, length: bytes.count) ?? MatchScratch.noTerm
        s.cacheWord(length: bytes.count, key0: key0, key1: key1, value: id,
                    applied: prefixSeen ? field : MatchScratch.allFields)
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

    /// Marks the prefix terms `bytes` begins with and returns whether there was one.
    /// Hashing starts at the first byte (`hash` = `TermTable.seed`, `consumed` = 0): the
    /// stem filter's line is chosen by the hash of the first `minPrefixLength` bytes.
    /// Probes stop at the first length whose bytes begin no prefix term; `hash` and
    /// `consumed` are left where they stopped.
    @discardableResult @inline(__always)
    func markPrefixes(_ bytes: UnsafeBufferPointer<UInt8>, fields: UInt8, _ s: inout MatchScratch,
                      hash h: inout UInt64, consumed k: inout Int) -> Bool {
        let n = bytes.count
        guard n >= minPrefixLength else { return false }
        var prefixSeen = false
        let limit = min(n, maxPrefixLength)
        var block = 0
        while k < limit {
            h = TermTable.step(h, bytes[k])
            k += 1
            guard k >= minPrefixLength else { continue }
            let m = HashFilter.mix(h)
            if k == minPrefixLength { block = stems.block(m) }
            let (leading, end) = stems.probe(block: block, mixed: m)
            if !leading { break }
            if end, let id = prefixes.lookup(bytes, hash: h, length: k, filtered: false) {
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
        p.entries.withUnsafeBufferPointer { s.postings.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }
}
