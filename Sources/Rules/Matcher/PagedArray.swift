import Glibc

/// A fixed-size array of plain values whose storage, once it reaches `hugeBytes`, is
/// mapped on its own in 2 MiB-aligned memory the kernel is asked to back with transparent
/// huge pages (`MADV_HUGEPAGE`; Debian's default THP mode is `madvise`). At 100,000 rules
/// every story word seen for the first time lands on a random 4 KiB page of the term
/// table, its per-story state and its postings: with 4 KiB pages most of those accesses
/// also missed the TLB, and the page walk came on top of the cache miss (with glibc's
/// `glibc.malloc.hugetlb=1` tunable, the benchmark's growth from 100 to 100,000 rules fell
/// from 1.90× to 1.77–1.80×). Smaller arrays use the ordinary allocator; a mapped one
/// costs up to 2 MiB of memory once touched, which only indexes of tens of thousands of
/// terms pay. Copy on write, like `Array`.
struct PagedArray<Element: BitwiseCopyable>: Sendable {
    private var storage: Storage
    static var hugeBytes: Int { 64 * 1024 }

    /// `count` copies of `value`.
    init(repeating value: Element, count: Int) {
        storage = Storage(count: count)
        storage.base.initialize(repeating: value, count: count)
    }

    init(_ elements: [Element]) {
        storage = Storage(count: elements.count)
        elements.withUnsafeBufferPointer { src in
            if let from = src.baseAddress { storage.base.initialize(from: from, count: src.count) }
        }
    }

    var count: Int { storage.count }

    subscript(i: Int) -> Element {
        @inline(__always) get {
            precondition(i >= 0 && i < storage.count, "PagedArray index out of range")
            return storage.base[i]
        }
        @inline(__always) set {
            precondition(i >= 0 && i < storage.count, "PagedArray index out of range")
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            storage.base[i] = newValue
        }
    }

    @inline(__always)
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// Element-wise copy into a new array (the old one may be shared).
    var elements: [Element] { withUnsafeBufferPointer { Array($0) } }

    /// The memory. Written only through a uniquely referenced `PagedArray` (copy on write),
    /// so sharing it between threads is as safe as sharing an `Array`'s buffer.
    private final class Storage: @unchecked Sendable {
        let base: UnsafeMutablePointer<Element>
        let count: Int
        /// The whole mapping (start, bytes), or nil when allocated by the ordinary allocator.
        private let mapping: (UnsafeMutableRawPointer, Int)?

        init(count: Int) {
            self.count = count
            let bytes = max(count, 1) * MemoryLayout<Element>.stride
            let page = 2 << 20
            if bytes >= PagedArray.hugeBytes {
                let length = (bytes + page - 1) / page * page + page
                let raw = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                if let raw, raw != MAP_FAILED {
                    let aligned = (Int(bitPattern: raw) + page - 1) / page * page
                    let start = UnsafeMutableRawPointer(bitPattern: aligned)!
                    // Advice only: without THP the mapping still works with 4 KiB pages.
                    _ = madvise(start, length - page, MADV_HUGEPAGE)
                    base = start.bindMemory(to: Element.self, capacity: count)
                    mapping = (raw, length)
                    return
                }
            }
            // Cache-line aligned, so a 64-byte block (`StemFilter`) or a 32-byte slot
            // (`TermTable`) never straddles two lines.
            base = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: max(64, MemoryLayout<Element>.alignment))
                .bindMemory(to: Element.self, capacity: max(count, 1))
            mapping = nil
        }

        func copy() -> Storage {
            let other = Storage(count: count)
            other.base.initialize(from: base, count: count)
            return other
        }

        deinit {
            if let (start, length) = mapping { munmap(start, length) } else { UnsafeMutableRawPointer(base).deallocate() }
        }
    }
}
