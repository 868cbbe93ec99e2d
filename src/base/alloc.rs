//! An allocator that counts, per thread, the bytes it holds: how the rule sandbox
//! bounds the memory one rule may take (Rhai's size limits are per value, and a
//! script can hold many values). The binary installs it (`main.rs`); where it is
//! not installed, [`thread_bytes`] stays 0 and nothing is bounded.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    /// Bytes allocated minus bytes freed on this thread (memory freed on another
    /// thread than it was allocated on makes it drift; the sandbox only compares
    /// two readings taken on one thread).
    static HELD: Cell<i64> = const { Cell::new(0) };
}

/// The system allocator, counting.
pub struct Counting;

fn add(n: i64) {
    // `try_with`: during thread teardown the slot may be gone; then nothing is counted.
    let _ = HELD.try_with(|h| h.set(h.get().wrapping_add(n)));
}

// SAFETY: every call is forwarded to `System` unchanged; counting touches only a
// thread-local `Cell` without a destructor, which never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add(layout.size() as i64);
        // SAFETY: the caller's contract for `alloc`, forwarded.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        add(layout.size() as i64);
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        add(-(layout.size() as i64));
        // SAFETY: the caller's contract for `dealloc`, forwarded.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        add(new_size as i64 - layout.size() as i64);
        // SAFETY: the caller's contract for `realloc`, forwarded.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Bytes this thread holds by the counting allocator's reckoning (0 when it is not
/// installed). Only differences between two readings on one thread mean anything.
pub fn thread_bytes() -> i64 {
    HELD.try_with(Cell::get).unwrap_or(0)
}
