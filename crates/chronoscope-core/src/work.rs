//! Splitting work over the machine's cores, in one place: reading every
//! event of a large document (search, facets, times in a zone) in chunks,
//! between which a cancel flag is looked at and the progress counted, and
//! in [`parts`] (one per core, on rayon's pool) when there are many;
//! reading parts that the work splits itself into ([`map`]: the rows of a
//! large table, the events of a large file); and filling a large buffer in
//! parts ([`fill_parts`], reading a file).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Events read between two looks at the cancel flag and the progress.
pub const CHUNK: usize = 4096;

/// Calls `f` with each index of `from..to` in order; `None` when `cancel`
/// was set meanwhile (looked at every [`CHUNK`]). `done` counts the indices
/// done, for a progress display.
pub fn each(
    (from, to): (usize, usize),
    cancel: &AtomicBool,
    done: &AtomicUsize,
    mut f: impl FnMut(usize),
) -> Option<()> {
    let mut i = from;
    while i < to {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let end = (i + CHUNK).min(to);
        (i..end).for_each(&mut f);
        done.fetch_add(end - i, Ordering::Relaxed);
        i = end;
    }
    Some(())
}

/// How many parts work on `n` items splits into: one per core, each of at
/// least `min_part` items.
#[must_use]
pub fn part_count(n: usize, min_part: usize) -> usize {
    let cores = rayon::current_num_threads().max(1);
    (n / min_part.max(1)).clamp(1, cores)
}

/// `part` of `0..n` split into [`part_count`]`(n, 4 * CHUNK)` ranges, run on
/// the cores at once (all of it on this thread when `n` is small). The
/// parts' results in order; `None` when a part gave none (it was cancelled).
pub fn parts<T: Send>(
    n: usize,
    part: impl Fn((usize, usize)) -> Option<T> + Sync,
) -> Option<Vec<T>> {
    use rayon::prelude::*;
    let k = part_count(n, 4 * CHUNK);
    if k == 1 {
        return Some(vec![part((0, n))?]);
    }
    (0..k)
        .into_par_iter()
        .map(|i| part(range(n, k, i)))
        .collect()
}

/// The `i`th of `k` ranges of `0..n` as near equal in length as can be, in
/// order and together covering `0..n`.
#[must_use]
pub fn range(n: usize, k: usize, i: usize) -> (usize, usize) {
    let k = k.max(1);
    // `n * i / k` without overflowing.
    let at = |i: usize| {
        let i = i.min(k);
        n / k * i + n % k * i / k
    };
    (at(i), at(i + 1))
}

/// `f` of each of `0..k` on the cores at once, the results in order: for
/// work split into parts by its own rules (records of a table, events of a
/// list), where [`parts`]' equal ranges do not fit. One part runs on this
/// thread.
pub fn map<T: Send>(k: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    use rayon::prelude::*;
    if k <= 1 {
        return (0..k).map(f).collect();
    }
    (0..k).into_par_iter().map(&f).collect()
}

/// Fills `buffer` by `fill(slice, offset)` on each of [`part_count`] parts
/// of it at once (at least `min_part` bytes each); the first error, or
/// whether every part was filled.
pub fn fill_parts<E: Send>(
    buffer: &mut [u8],
    min_part: usize,
    fill: impl Fn(&mut [u8], usize) -> Result<bool, E> + Sync,
) -> Result<bool, E> {
    use rayon::prelude::*;
    let k = part_count(buffer.len(), min_part);
    let size = buffer.len().div_ceil(k).max(1);
    let filled: Result<Vec<bool>, E> = buffer
        .par_chunks_mut(size)
        .enumerate()
        .map(|(i, chunk)| fill(chunk, i * size))
        .collect();
    Ok(filled?.into_iter().all(|whole| whole))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_cover_every_index_once_in_order_and_a_cancel_stops_them() {
        let never = AtomicBool::new(false);
        for n in [0, 10, 8 * CHUNK + 3, 64 * CHUNK + 5] {
            let done = AtomicUsize::new(0);
            let parts = parts(n, |range| {
                let mut seen = Vec::new();
                each(range, &never, &done, |i| seen.push(i))?;
                Some(seen)
            })
            .unwrap();
            assert_eq!(parts.concat(), (0..n).collect::<Vec<_>>());
            assert_eq!(done.load(Ordering::Relaxed), n);
        }
        let cancel = AtomicBool::new(true);
        let stopped = parts(10, |range| {
            each(range, &cancel, &AtomicUsize::new(0), |_| {})
        });
        assert!(stopped.is_none());
        let stopped = parts(64 * CHUNK, |range| {
            each(range, &cancel, &AtomicUsize::new(0), |_| {})
        });
        assert!(stopped.is_none());
    }

    #[test]
    fn ranges_cover_the_items_in_order_and_map_keeps_the_order() {
        for n in [0, 1, 7, 100, usize::MAX] {
            for k in 1..9 {
                let ranges: Vec<_> = (0..k).map(|i| range(n, k, i)).collect();
                assert_eq!(ranges[0].0, 0);
                assert_eq!(ranges[k - 1].1, n);
                assert!(ranges.windows(2).all(|w| w[0].1 == w[1].0));
                assert!(
                    ranges
                        .iter()
                        .all(|&(a, b)| b - a >= n / k && b - a - n / k <= 1)
                );
            }
        }
        for k in [0, 1, 2, 7, 100] {
            assert_eq!(map(k, |i| i * i), (0..k).map(|i| i * i).collect::<Vec<_>>());
        }
    }

    #[test]
    fn every_part_of_a_buffer_is_filled_once() {
        for len in [0, 1, 1000, 1 << 20] {
            let mut buffer = vec![0_u8; len];
            let whole = fill_parts(&mut buffer, 100, |part, at| -> Result<bool, ()> {
                for (i, byte) in part.iter_mut().enumerate() {
                    *byte = ((at + i) % 251) as u8;
                }
                Ok(true)
            });
            assert_eq!(whole, Ok(true));
            assert!(
                buffer
                    .iter()
                    .enumerate()
                    .all(|(i, &b)| b == (i % 251) as u8)
            );
        }
        let mut buffer = vec![0_u8; 1 << 20];
        assert_eq!(
            fill_parts(&mut buffer, 100, |_, at| if at == 0 {
                Err("cut")
            } else {
                Ok(true)
            }),
            Err("cut")
        );
    }
}
