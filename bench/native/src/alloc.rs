//! A counting global allocator: how many allocations each stage makes, how many bytes they ask
//! for, and the most bytes live at once. The bench is single-threaded, so the counters are
//! plain loads and stores (no locked instructions on the allocation path).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

pub struct Counting;

static COUNT: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// The most live before the last [`snapshot`] (which restarts `PEAK` for the next stage).
static EARLIER_PEAK: AtomicUsize = AtomicUsize::new(0);

fn add(counter: &AtomicUsize, n: usize) {
    counter.store(counter.load(Relaxed).wrapping_add(n), Relaxed);
}

fn grew(by: usize) {
    let live = LIVE.load(Relaxed) + by;
    LIVE.store(live, Relaxed);
    if live > PEAK.load(Relaxed) {
        PEAK.store(live, Relaxed);
    }
}

fn shrank(by: usize) {
    LIVE.store(LIVE.load(Relaxed).wrapping_sub(by), Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add(&COUNT, 1);
        add(&BYTES, layout.size());
        grew(layout.size());
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        add(&COUNT, 1);
        add(&BYTES, layout.size());
        grew(layout.size());
        System.alloc_zeroed(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrank(layout.size());
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A grown buffer counts as one allocation of its new size, live beside the old one
        // while it is copied; a shrunk one is cut in place.
        add(&COUNT, 1);
        add(&BYTES, new_size);
        if new_size < layout.size() {
            shrank(layout.size() - new_size);
        } else {
            grew(new_size);
            shrank(layout.size());
        }
        System.realloc(ptr, layout, new_size)
    }
}

/// Allocations so far and the bytes they asked for.
#[derive(Clone, Copy, Default)]
pub struct Snapshot {
    pub count: usize,
    pub bytes: usize,
    /// Bytes live now.
    pub live: usize,
    /// The most bytes live at once since the previous snapshot.
    pub stage_peak: usize,
}

pub fn snapshot() -> Snapshot {
    Snapshot {
        count: COUNT.load(Relaxed),
        bytes: BYTES.load(Relaxed),
        live: LIVE.load(Relaxed),
        stage_peak: take_stage_peak(),
    }
}

/// The most bytes live at once so far.
pub fn peak_live() -> usize {
    PEAK.load(Relaxed).max(EARLIER_PEAK.load(Relaxed))
}

/// The most bytes live at once since the previous call (or the start); the next stage's peak
/// starts from what is live now.
fn take_stage_peak() -> usize {
    let peak = PEAK.load(Relaxed);
    EARLIER_PEAK.store(EARLIER_PEAK.load(Relaxed).max(peak), Relaxed);
    PEAK.store(LIVE.load(Relaxed), Relaxed);
    peak
}
