//! The Wasm's memory allocator: blocks of power-of-two sizes, each size
//! with its own free list, carved from the end of linear memory. std's
//! dlmalloc is 7.2 kB of every engine's code, this 0.9 kB (−2.2 KiB
//! brotli, engine-size.mjs). The widget allocates small, short-lived
//! strings and lists per keystroke (handed out again from the lists at
//! once) and a few large, lasting ones (the knowledge, its parts): a block
//! above half a [`PAGE`] takes whole pages, and freed pages are merged with
//! their neighbours, so a large one wastes less than a page. Blocks of 16
//! bytes and more are 16-aligned; an alignment above 16 (none of the
//! widget's types) takes fresh memory each time. Single-threaded, as
//! wasm32-unknown-unknown is.
//!
//! Against small allocator crates, fixed code by engine-size.mjs (brotli):
//! lol_alloc 0.4's `FreeListAllocator` is 71 B smaller, less than a
//! panic location's line number moves brotli (156 B for this comment), but each
//! allocation and free walks its one address-ordered free list (O(free
//! blocks), its README), where this takes the head of its size's list;
//! talc 4's `TalckWasm` is 1,151 B larger. Neither earns a change.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::ptr::null_mut;

/// The size of a Wasm page, the unit memory grows by.
pub const PAGE: usize = 65_536;

/// Where new blocks come from: `grow(n)` adds at least `n` bytes after
/// the memory's current end and returns where they start (`None`: out of
/// memory). The first call's address is where the heap starts.
pub trait Grow {
    fn grow(&mut self, bytes: usize) -> Option<usize>;
}

/// Free lists by size: `free[c]` heads the blocks of `8 << c` bytes
/// (`c` < 13, up to [`PAGE`] / 2), `big` the freed blocks of whole pages,
/// each a [`Big`] (first fit).
pub struct Heap<G> {
    free: [usize; 13],
    big: usize,
    /// The part of memory not yet handed out: `top..end`.
    top: usize,
    end: usize,
    grow: G,
}

/// A freed block of whole pages: its size and the next one.
struct Big {
    size: usize,
    next: usize,
}

/// A block's size for `layout`: a power of two of at least 8 bytes (and of
/// the alignment), or whole pages above half a page.
fn block_size(layout: Layout) -> usize {
    let size = layout.size().max(layout.align()).max(8);
    if size > PAGE / 2 {
        size.div_ceil(PAGE) * PAGE
    } else {
        size.next_power_of_two()
    }
}

impl<G: Grow> Heap<G> {
    pub const fn new(grow: G) -> Self {
        Self {
            free: [0; 13],
            big: 0,
            top: 0,
            end: 0,
            grow,
        }
    }

    /// # Safety
    /// As [`GlobalAlloc::alloc`]; `layout.align()` at most [`PAGE`].
    pub unsafe fn alloc(&mut self, layout: Layout) -> *mut u8 {
        let size = block_size(layout);
        // Blocks of 16 bytes and more are 16-aligned, as Rust's types need
        // on wasm32; a larger alignment takes fresh memory.
        let natural = size.min(16);
        if layout.align() <= natural {
            if size < PAGE {
                let class = (size.trailing_zeros() - 3) as usize;
                let head = self.free[class];
                if head != 0 {
                    self.free[class] = *(head as *const usize);
                    return head as *mut u8;
                }
            } else if let Some(block) = self.take_big(size) {
                return block as *mut u8;
            }
        }
        self.carve(size, layout.align().max(natural))
    }

    /// The first freed page block of at least `size` bytes; its pages
    /// beyond `size` stay free.
    unsafe fn take_big(&mut self, size: usize) -> Option<usize> {
        let mut link: *mut usize = &mut self.big;
        while *link != 0 {
            let block = *link as *mut Big;
            if (*block).size >= size {
                let rest = (*block).size - size;
                if rest > 0 {
                    let tail = (block as usize + size) as *mut Big;
                    *tail = Big {
                        size: rest,
                        next: (*block).next,
                    };
                    *link = tail as usize;
                } else {
                    *link = (*block).next;
                }
                return Some(block as usize);
            }
            link = &mut (*block).next;
        }
        None
    }

    /// `size` fresh bytes at an `align`-aligned address.
    unsafe fn carve(&mut self, size: usize, align: usize) -> *mut u8 {
        let mut start = (self.top + align - 1) & !(align - 1);
        if start + size > self.end {
            let want = (size + align).div_ceil(PAGE) * PAGE;
            let Some(at) = self.grow.grow(want) else {
                return null_mut();
            };
            if at != self.end {
                // The first call, or someone else grew the memory: start afresh.
                self.top = at;
            }
            self.end = at + want;
            start = (self.top + align - 1) & !(align - 1);
        }
        self.top = start + size;
        start as *mut u8
    }

    /// # Safety
    /// As [`GlobalAlloc::dealloc`].
    pub unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        let size = block_size(layout);
        let at = ptr as usize;
        if size < PAGE {
            let class = (size.trailing_zeros() - 3) as usize;
            *(at as *mut usize) = self.free[class];
            self.free[class] = at;
        } else {
            self.free_big(at, size);
        }
    }

    /// Returns a page block: the list is kept in address order and
    /// neighbours are merged, so freed pages serve larger blocks later; a
    /// block that ends where the fresh memory starts goes back to it.
    unsafe fn free_big(&mut self, mut at: usize, mut size: usize) {
        let mut link: *mut usize = &mut self.big;
        let mut before: *mut Big = null_mut();
        while *link != 0 && *link < at {
            before = *link as *mut Big;
            link = &mut (*before).next;
        }
        let mut next = *link;
        if next == at + size {
            size += (*(next as *mut Big)).size;
            next = (*(next as *mut Big)).next;
        }
        if !before.is_null() && before as usize + (*before).size == at {
            at = before as usize;
            size += (*before).size;
            link = self.link_to(at);
        }
        if at + size == self.top {
            self.top = at;
            *link = next;
            return;
        }
        *(at as *mut Big) = Big { size, next };
        *link = at;
    }

    /// The link that points at the listed block `at`.
    unsafe fn link_to(&mut self, at: usize) -> *mut usize {
        let mut link: *mut usize = &mut self.big;
        while *link != at {
            link = &mut (*(*link as *mut Big)).next;
        }
        link
    }

    /// # Safety
    /// As [`GlobalAlloc::realloc`].
    pub unsafe fn realloc(&mut self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = Layout::from_size_align_unchecked(new_size, layout.align());
        if block_size(new) == block_size(layout) {
            return ptr;
        }
        let to = self.alloc(new);
        if !to.is_null() {
            std::ptr::copy_nonoverlapping(ptr, to, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        to
    }
}

/// Linear memory 0, grown by `memory.grow`.
pub struct Memory;

#[cfg(target_arch = "wasm32")]
impl Grow for Memory {
    fn grow(&mut self, bytes: usize) -> Option<usize> {
        let pages = core::arch::wasm32::memory_grow(0, bytes.div_ceil(PAGE));
        (pages != usize::MAX).then(|| pages * PAGE)
    }
}

/// The [`Heap`] as the global allocator.
pub struct Global<G>(UnsafeCell<Heap<G>>);

// wasm32-unknown-unknown has one thread.
unsafe impl<G> Sync for Global<G> {}

impl<G: Grow> Global<G> {
    pub const fn new(grow: G) -> Self {
        Self(UnsafeCell::new(Heap::new(grow)))
    }
}

unsafe impl<G: Grow> GlobalAlloc for Global<G> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        (*self.0.get()).alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        (*self.0.get()).dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        (*self.0.get()).realloc(ptr, layout, new_size)
    }
}

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: Global<Memory> = Global::new(Memory);

#[cfg(test)]
mod tests {
    use super::*;

    /// Memory for tests: a buffer of `pages` pages handed out in order.
    struct Arena {
        base: usize,
        used: usize,
        pages: usize,
        _buf: Vec<u64>,
    }

    impl Arena {
        fn new(pages: usize) -> Self {
            let buf = vec![0u64; (pages + 1) * PAGE / 8];
            // Page-aligned, as linear memory is.
            let base = (buf.as_ptr() as usize).div_ceil(PAGE) * PAGE;
            Self {
                base,
                used: 0,
                pages,
                _buf: buf,
            }
        }
    }

    impl Grow for Arena {
        fn grow(&mut self, bytes: usize) -> Option<usize> {
            let n = bytes.div_ceil(PAGE);
            (self.used + n <= self.pages).then(|| {
                self.used += n;
                self.base + (self.used - n) * PAGE
            })
        }
    }

    /// A live block: where, its layout and the byte it was filled with.
    type Live = (*mut u8, Layout, u8);

    fn check(live: &[Live]) {
        for &(p, l, fill) in live {
            assert_eq!(p as usize % l.align(), 0, "aligned to {}", l.align());
            let bytes = unsafe { std::slice::from_raw_parts(p, l.size()) };
            assert!(bytes.iter().all(|&b| b == fill), "a block kept its bytes");
        }
        let mut spans: Vec<(usize, usize)> = live
            .iter()
            .map(|&(p, l, _)| (p as usize, p as usize + l.size()))
            .collect();
        spans.sort_unstable();
        assert!(
            spans.windows(2).all(|w| w[0].1 <= w[1].0),
            "blocks never overlap"
        );
    }

    #[test]
    fn blocks_keep_their_bytes_alignment_and_space_through_allocs_frees_and_reallocs() {
        let mut heap = Heap::new(Arena::new(256));
        let mut live: Vec<Live> = Vec::new();
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for step in 0..20_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let fill = step as u8;
            match x % 3 {
                0 if live.len() < 400 => {
                    // Mostly small, sometimes above half a page or aligned to 16.
                    let size = match x >> 8 & 15 {
                        0 => 40_000 + (x >> 16) as usize % 100_000,
                        1 => 1 + (x >> 16) as usize % 3000,
                        _ => (x >> 16) as usize % 200,
                    };
                    let align = [1, 2, 4, 8, 8, 8, 16, 16][(x >> 32) as usize % 8];
                    let l = Layout::from_size_align(size, align).unwrap();
                    let p = unsafe { heap.alloc(l) };
                    assert!(
                        !p.is_null(),
                        "step {step}: {} live, {} bytes, size {size} align {align}, {} pages used",
                        live.len(),
                        live.iter().map(|b| b.1.size()).sum::<usize>(),
                        heap.grow.used
                    );
                    unsafe { p.write_bytes(fill, size) };
                    live.push((p, l, fill));
                }
                0 | 1 if !live.is_empty() => {
                    let (p, l, _) = live.swap_remove((x >> 8) as usize % live.len());
                    unsafe { heap.dealloc(p, l) };
                }
                _ if !live.is_empty() => {
                    let i = (x >> 8) as usize % live.len();
                    let (p, l, old) = live[i];
                    let size = (x >> 16) as usize % 5000;
                    let q = unsafe { heap.realloc(p, l, size) };
                    let kept = unsafe { std::slice::from_raw_parts(q, l.size().min(size)) };
                    assert!(kept.iter().all(|&b| b == old), "realloc keeps the bytes");
                    unsafe { q.write_bytes(fill, size) };
                    live[i] = (q, Layout::from_size_align(size, l.align()).unwrap(), fill);
                }
                _ => {}
            }
            if step % 1000 == 0 {
                check(&live);
            }
        }
        check(&live);
        // At most 400 blocks live, a sixteenth of them up to 140 kB: about
        // 1 MB; freed blocks are handed out again rather than memory grown.
        assert!(heap.grow.used <= 48, "{} pages", heap.grow.used);
    }

    #[test]
    fn an_alignment_above_sixteen_is_kept() {
        let mut heap = Heap::new(Arena::new(8));
        for align in [32, 64, 4096] {
            let l = Layout::from_size_align(24, align).unwrap();
            let p = unsafe { heap.alloc(l) };
            assert_eq!(p as usize % align, 0);
            unsafe { heap.dealloc(p, l) };
        }
    }

    #[test]
    fn a_freed_block_is_handed_out_again_before_memory_grows() {
        let mut heap = Heap::new(Arena::new(4));
        let small = Layout::from_size_align(24, 8).unwrap();
        let big = Layout::from_size_align(3 * PAGE / 2, 8).unwrap();
        unsafe {
            let a = heap.alloc(small);
            heap.dealloc(a, small);
            assert_eq!(heap.alloc(small), a);
            let b = heap.alloc(big);
            heap.dealloc(b, big);
            assert_eq!(heap.alloc(Layout::from_size_align(PAGE + 1, 8).unwrap()), b);
        }
    }

    #[test]
    fn running_out_of_memory_returns_null() {
        let mut heap = Heap::new(Arena::new(2));
        let l = Layout::from_size_align(3 * PAGE, 8).unwrap();
        assert!(unsafe { heap.alloc(l) }.is_null());
    }
}
