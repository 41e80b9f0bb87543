//! Memory for a registry shard's slot array: zeroed (every slot empty), backed by
//! transparent huge pages when it is big, and kept readable after the table grows out
//! of it.
//!
//! Why huge pages: at 1M via names a lookup reads one random slot of a 64 MB table. With
//! 4 KiB pages that read also misses the TLB, and the page walk costs as much again (a
//! random read in 64 MB measured 186 ns with 4 KiB pages, 122 ns with 2 MiB ones, on the
//! benchmark machine).
//!
//! Why an array outlives its use: lookups read slots without the shard's lock (see
//! `registry_keys`), so a reader may still be inside an array the table has just grown
//! out of. A retired array therefore stays mapped until the table is dropped; its pages
//! are handed back to the kernel (`MADV_DONTNEED`: they then read as zeros, empty slots,
//! and the reader's sequence check sends it to the new array). Retired arrays sum to less
//! than the current one, in address space only.

use std::ptr::NonNull;
use std::sync::atomic::AtomicU64;

/// One slot: four words, half a cache line, aligned so it never straddles one.
#[repr(align(32))]
#[derive(Default)]
pub(crate) struct Slot(pub [AtomicU64; 4]);

/// Arrays this big get their own mapping, and their pages go back when retired.
const MAPPED: usize = 64 << 10;
/// Arrays this big are aligned to, and advised onto, huge pages.
const HUGE_PAGE: usize = 2 << 20;

/// An owned, zeroed array of slots.
pub(crate) struct SlotArray {
    ptr: NonNull<Slot>,
    len: usize,
    /// How the memory was obtained, so `Drop` gives it back the same way.
    source: Source,
}

enum Source {
    Heap,
    Mapped { base: *mut u8, size: usize },
}

// The array is plain memory of atomics: sharing it between threads is what it is for.
unsafe impl Send for SlotArray {}
unsafe impl Sync for SlotArray {}

impl SlotArray {
    /// `len` empty slots (`len` > 0).
    pub(crate) fn new(len: usize) -> SlotArray {
        let bytes = len * std::mem::size_of::<Slot>();
        if bytes >= MAPPED {
            if let Some(array) = Self::mapped(len, bytes) {
                return array;
            }
        }
        let layout = Self::heap_layout(len);
        // SAFETY: the layout has a non-zero size; all-zero words are valid atomics.
        let raw = unsafe { std::alloc::alloc_zeroed(layout) };
        let Some(ptr) = NonNull::new(raw.cast::<Slot>()) else {
            std::alloc::handle_alloc_error(layout)
        };
        SlotArray {
            ptr,
            len,
            source: Source::Heap,
        }
    }

    fn heap_layout(len: usize) -> std::alloc::Layout {
        std::alloc::Layout::array::<Slot>(len).expect("a slot array's size fits memory")
    }

    #[cfg(unix)]
    fn mapped(len: usize, bytes: usize) -> Option<SlotArray> {
        let huge = bytes >= HUGE_PAGE;
        // Over-map by a huge page to align inside the mapping.
        let size = if huge { bytes + HUGE_PAGE } else { bytes };
        // SAFETY: an anonymous private mapping; the kernel zero-fills it.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                size,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return None;
        }
        let base = base.cast::<u8>();
        let start = if huge {
            let offset = base.align_offset(HUGE_PAGE);
            // SAFETY: `offset` < HUGE_PAGE, inside the over-mapped range.
            let start = unsafe { base.add(offset) };
            advise_huge(start, bytes);
            start
        } else {
            base
        };
        Some(SlotArray {
            ptr: NonNull::new(start.cast::<Slot>())?,
            len,
            source: Source::Mapped { base, size },
        })
    }

    #[cfg(not(unix))]
    fn mapped(_len: usize, _bytes: usize) -> Option<SlotArray> {
        None
    }

    pub(crate) fn slots(&self) -> &[Slot] {
        // SAFETY: `len` zero-initialised slots live at `ptr` for as long as `self`.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }

    /// The array's address and length, for readers that hold no lock (`registry_keys`).
    pub(crate) fn raw(&self) -> (*const Slot, usize) {
        (self.ptr.as_ptr(), self.len)
    }

    /// The table has moved out of this array: give its pages back, keep its addresses
    /// readable (they read as zeros).
    pub(crate) fn retire(&self) {
        #[cfg(unix)]
        if let Source::Mapped { base, size } = self.source {
            // SAFETY: the range is this array's own private mapping.
            unsafe { libc::madvise(base.cast(), size, libc::MADV_DONTNEED) };
        }
    }
}

#[cfg(target_os = "linux")]
fn advise_huge(start: *mut u8, bytes: usize) {
    // SAFETY: advice only, on our own mapping; a kernel without THP ignores it.
    unsafe { libc::madvise(start.cast(), bytes, libc::MADV_HUGEPAGE) };
}

#[cfg(all(unix, not(target_os = "linux")))]
fn advise_huge(_start: *mut u8, _bytes: usize) {}

impl Drop for SlotArray {
    fn drop(&mut self) {
        match self.source {
            // SAFETY: allocated in `new` with this very layout.
            Source::Heap => unsafe {
                std::alloc::dealloc(self.ptr.as_ptr().cast(), Self::heap_layout(self.len))
            },
            #[cfg(unix)]
            // SAFETY: the mapping made in `mapped`, unmapped once.
            Source::Mapped { base, size } => unsafe {
                libc::munmap(base.cast(), size);
            },
            #[cfg(not(unix))]
            Source::Mapped { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::Ordering;

    #[test]
    fn arrays_of_every_kind_start_empty_and_hold_what_is_written() {
        // Heap, mapped, and huge-page sized.
        for len in [4, MAPPED / 32, HUGE_PAGE / 32 + 3] {
            let a = SlotArray::new(len);
            assert_eq!(a.slots().len(), len);
            assert!(a
                .slots()
                .iter()
                .all(|s| s.0.iter().all(|w| w.load(Ordering::Relaxed) == 0)));
            a.slots()[len - 1].0[3].store(7, Ordering::Relaxed);
            assert_eq!(a.slots()[len - 1].0[3].load(Ordering::Relaxed), 7);
            assert_eq!(a.raw().0 as usize % 32, 0);
            if len * 32 >= HUGE_PAGE {
                assert_eq!(a.raw().0 as usize % HUGE_PAGE, 0);
            }
        }
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn a_retired_mapped_array_reads_as_empty() {
        let a = SlotArray::new(MAPPED / 32);
        a.slots()[5].0[0].store(1, Ordering::Relaxed);
        a.retire();
        assert_eq!(a.slots()[5].0[0].load(Ordering::Relaxed), 0);
    }
}
