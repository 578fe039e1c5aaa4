//! Work over independent items (pages, nodes) on every core, with results in input order so
//! that the output never depends on scheduling.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// `f` over `items` on up to one thread per core, results in the order of `items`. Workers
/// take the next item as they finish one, so a few large nodes do not leave a core idle.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else {
                            return done;
                        };
                        done.push((index, f(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            // A worker panics only if `f` does, which is a bug; re-raise it here.
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, r)| r).collect()
}

/// [`parallel_map`] for work that consumes its items: each is moved into `f` exactly once.
pub fn parallel_map_owned<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let cells: Vec<Mutex<Option<T>>> = items.into_iter().map(|i| Mutex::new(Some(i))).collect();
    // Every cell is handed to one worker once, so each `take` finds its item.
    let results = parallel_map(&cells, |cell| {
        let item = cell.lock().unwrap_or_else(PoisonError::into_inner).take();
        item.map(&f)
    });
    results.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_input_order() {
        let items: Vec<usize> = (0..1000).collect();
        let doubled = parallel_map(&items, |i| i * 2);
        assert_eq!(doubled, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        let owned = parallel_map_owned(items.iter().map(|i| i.to_string()).collect(), |s| s + "!");
        assert_eq!(owned.len(), 1000);
        assert!(owned.iter().enumerate().all(|(i, s)| *s == format!("{i}!")));
    }
}
