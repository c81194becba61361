import Foundation

/// A set of folded terms asked about by the bytes of a scanned token, so a lookup makes no
/// String: the mention finder asks about the words around a possible person's name
/// ("Michael Jordan", "Jordan said") for every ambiguous name of every story, and a
/// String per word plus a SipHash of it cost more than the rest of that test.
///
/// The terms are FNV-1a hashed (`TermTrie.hash`) into a `FlatTable` and compared byte for
/// byte. Byte equality is what `Set<String>` equality was for these lists: their terms are
/// ASCII, and a scanned term is folded to decomposed scalars without marks, so it is
/// canonically equivalent to an ASCII term only when it is the same bytes.
struct TermSet: Sendable {
    private var table = FlatTable()
    /// The terms' UTF-8 back to back, and per term its start << 32 | length.
    private var pool: [UInt8] = []
    private var spans: [UInt64] = []

    init() {}

    init(_ terms: some Sequence<String>) {
        let list = Array(terms)
        table = FlatTable(capacityFor: list.count)
        for (id, term) in list.enumerated() {
            spans.append(UInt64(pool.count) << 32 | UInt64(term.utf8.count))
            pool.append(contentsOf: term.utf8)
            table.insert(TermTrie.hash(term), Int32(id))
        }
    }

    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var found = false
        table.probe(TermTrie.hash(bytes)) { id in
            let span = spans[Int(id)]
            let start = Int(span >> 32), length = Int(span & 0xFFFF_FFFF)
            found = length == bytes.count && pool.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, base, length) == 0 }
            return found
        }
        return found
    }
}
