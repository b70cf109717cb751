//! Growing the wasm memory in one step before a check, instead of in dozens.
//!
//! The allocator grows wasm memory a little at a time as a check allocates. In V8 every grow
//! replaces the memory's `ArrayBuffer`, and each new buffer counts its whole size as fresh
//! external memory: past a threshold, every grow starts a full garbage collection of the JS
//! heap. A 100k-account check grew memory ~70 times and spent a fifth of its time in those
//! collections (`node --trace-gc`). Reserving the expected need up front costs one grow; the
//! allocator keeps the freed block and serves the check from it.

/// Makes `bytes` of free heap available: allocated (growing memory once) and freed again.
pub(crate) fn reserve(bytes: usize) {
    let mut block: Vec<u8> = Vec::new();
    if block.try_reserve_exact(bytes).is_ok() {
        // Keep the allocation from being optimised away: its side effect is the point.
        std::hint::black_box(&mut block);
    }
}
