/// LLVM's prefetch intrinsic (`prefetcht0` on x86-64, `prfm pldl1keep` on arm64): asks for
/// a cache line without waiting for it. A plain load of the same line would hold its place
/// in the reorder buffer until memory answered, so only one or two story words' misses
/// could overlap; a prefetch retires at once. Swift has no spelling for it, so the
/// intrinsic is declared by its LLVM name (the compiler lowers the call to the instruction
/// at every optimization level).
@_silgen_name("llvm.prefetch.p0")
private func llvmPrefetch(_ address: UnsafeRawPointer, _ write: Int32, _ locality: Int32, _ dataCache: Int32)

/// Starts loading the cache line holding `address` into every cache level (read,
/// high temporal locality).
@inline(__always) func prefetchLine(_ address: UnsafeRawPointer) {
    llvmPrefetch(address, 0, 3, 1)
}
