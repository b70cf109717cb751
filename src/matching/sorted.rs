//! A key column sorted by hash, and the join of two such columns.
//!
//! Why not hash tables: at 1M rows a table of `&str` keys is ~66 MB of fresh memory per key,
//! and every insert and probe is a few cache misses at random places (run 6, run 9 in
//! BENCHMARKS.md). Here each row's key is hashed once, in row order, into one `u64` (hash in the
//! high half, row in the low half); sorting those brings equal keys together, and a merge of
//! two sorted columns joins them. Strings are compared only where two hashes are equal: to
//! confirm a match, or to tell a hash collision apart — never is a match taken on a hash alone.

/// One side's key column: each row's key, and the rows that have one, sorted so that rows with
/// equal keys are adjacent and in row order.
pub struct SortedKeys<'a> {
    /// Each row's key, `""` for none.
    keys: Vec<&'a str>,
    /// `hash << 32 | row` for each row with a key, sorted; within a run of one hash whose keys
    /// differ (a collision), sorted by key and row instead.
    entries: Vec<u64>,
    /// The hashes whose runs hold more than one key value, sorted.
    collisions: Vec<u32>,
    hash: fn(&str) -> u32,
}

/// The high half of an entry: 32 bits of the key's hash.
fn hash_of(entry: u64) -> u32 {
    (entry >> 32) as u32
}

/// The low half of an entry: the row.
pub fn row_of(entry: u64) -> usize {
    (entry & u64::from(u32::MAX)) as usize
}

/// 32 bits of a key's hash, computed in 64 bits on every target (`FxHasher` works in the target's
/// `usize`: on wasm32 its hash has no high half, and every key fell in one run). Each 8-byte word
/// goes through a folded multiply (the 128-bit product's halves xored, as foldhash does), which
/// carries a difference in any bit to all of them.
fn hash32(key: &str) -> u32 {
    const SEED: u64 = 0x243f_6a88_85a3_08d3; // π's first fraction bits
    let mix = |hash: u64, word: u64| {
        let product = u128::from(hash ^ word) * u128::from(SEED);
        (product as u64) ^ (product >> 64) as u64
    };
    let mut chunks = key.as_bytes().chunks_exact(8);
    let mut hash = key.len() as u64;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        hash = mix(hash, u64::from_le_bytes(word));
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    hash = mix(hash, u64::from_le_bytes(tail));
    (mix(hash, SEED) >> 32) as u32
}

impl<'a> SortedKeys<'a> {
    /// The column of `keys`, one per row (`None` or `""`: the row has none). Rows must fit in
    /// 32 bits, as a table's rows do.
    pub fn new(keys: impl ExactSizeIterator<Item = Option<&'a str>>) -> SortedKeys<'a> {
        Self::with_hash(keys, hash32)
    }

    /// [`SortedKeys::new`] with another hash: the tests use a poor one to force collisions.
    fn with_hash(
        keys: impl ExactSizeIterator<Item = Option<&'a str>>,
        hash: fn(&str) -> u32,
    ) -> SortedKeys<'a> {
        let mut column = SortedKeys {
            keys: Vec::with_capacity(keys.len()),
            entries: Vec::with_capacity(keys.len()),
            collisions: Vec::new(),
            hash,
        };
        for (row, key) in keys.enumerate() {
            let key = key.unwrap_or_default();
            if !key.is_empty() {
                column.entries.push(u64::from(hash(key)) << 32 | row as u64);
            }
            column.keys.push(key);
        }
        column.entries.sort_unstable();
        column.separate_collisions();
        column
    }

    /// Sorts each run of one hash that holds more than one key by key, so equal keys are
    /// adjacent, and notes the hash. Such runs are rare: most runs are one row, and the others
    /// are mostly one value on several rows.
    fn separate_collisions(&mut self) {
        let keys = &self.keys;
        for run in self.entries.chunk_by_mut(|a, b| hash_of(*a) == hash_of(*b)) {
            let first = keys[row_of(run[0])];
            if run.len() > 1 && run.iter().any(|&e| keys[row_of(e)] != first) {
                run.sort_unstable_by_key(|&e| (keys[row_of(e)], row_of(e)));
                self.collisions.push(hash_of(run[0]));
            }
        }
    }

    /// Runs of entries of one hash, in hash order.
    fn runs(&self) -> impl Iterator<Item = &[u64]> + '_ {
        self.entries.chunk_by(|&a, &b| hash_of(a) == hash_of(b))
    }

    /// Whether the run of `hash` holds more than one key value.
    fn collides(&self, hash: u32) -> bool {
        self.collisions.binary_search(&hash).is_ok()
    }

    pub fn key(&self, row: usize) -> &'a str {
        self.keys[row]
    }

    /// Groups of rows holding one key value, in (hash, key) order; each group's entries in row
    /// order.
    pub fn groups(&self) -> impl Iterator<Item = &[u64]> + '_ {
        self.entries.chunk_by(|&a, &b| self.same_key(a, b))
    }

    fn same_key(&self, a: u64, b: u64) -> bool {
        hash_of(a) == hash_of(b) && self.keys[row_of(a)] == self.keys[row_of(b)]
    }

    /// For each row, the first row holding the same key when that is another (earlier) one.
    pub fn earlier_equal(&self) -> Vec<Option<usize>> {
        let mut earlier = vec![None; self.keys.len()];
        for group in self.groups().filter(|group| group.len() > 1) {
            let first = row_of(group[0]);
            for &e in &group[1..] {
                earlier[row_of(e)] = Some(first);
            }
        }
        earlier
    }

    /// The rows holding `key` (empty when none does).
    pub fn find(&self, key: &str) -> &[u64] {
        let hash = (self.hash)(key);
        let start = self.entries.partition_point(|&e| hash_of(e) < hash);
        let run = &self.entries[start..];
        let run = &run[..run.partition_point(|&e| hash_of(e) == hash)];
        let Some(first) = run.iter().position(|&e| self.keys[row_of(e)] == key) else {
            return &[];
        };
        let len = run[first..]
            .iter()
            .take_while(|&&e| self.keys[row_of(e)] == key)
            .count();
        &run[first..first + len]
    }
}

/// What one row's key finds on the other side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The row has no key.
    NoKey,
    /// Its key value is on more than one row of its own side: it matches nothing.
    Shared,
    /// Its key value is on this many rows of the other side (more than one), and on no other
    /// row of its own: it matches nothing, on a tie (`ambiguous-key` on the account).
    SharedByOther(u32),
    /// No row of the other side has it.
    Nothing,
    /// The one row of the other side that has it.
    Row(usize),
}

/// A row's result before its key is compared with the other side's: `then` if the keys are
/// equal, [`Found::Nothing`] if not.
#[derive(Clone, Copy)]
enum Pending {
    Done(Found),
    Confirm { right_row: u32, then: Found },
}

/// For each row of `left` (by row), what its key finds among the rows of `right`.
///
/// The merge compares hashes only. Where one run of a hash holds one key value on each side
/// (nearly always), the keys are compared afterwards in `left`'s row order, so that `left`'s
/// strings are read in the order they lie in memory; runs with a collision are resolved on the
/// spot by comparing keys.
pub fn join(left: &SortedKeys, right: &SortedKeys) -> Vec<Found> {
    let mut pending = vec![Pending::Done(Found::NoKey); left.keys.len()];
    let mut right_runs = right.runs().peekable();
    for run in left.runs() {
        let hash = hash_of(run[0]);
        while right_runs.next_if(|r| hash_of(r[0]) < hash).is_some() {}
        let right_run = right_runs.peek().copied().filter(|r| hash_of(r[0]) == hash);
        match right_run {
            Some(right_run) if left.collides(hash) || right.collides(hash) => {
                join_collided(left, run, right, right_run, &mut pending)
            }
            _ => join_run(run, right_run, &mut pending),
        }
    }
    pending
        .iter()
        .enumerate()
        .map(|(row, p)| match *p {
            Pending::Done(found) => found,
            Pending::Confirm { right_row, then } => {
                match left.keys[row] == right.keys[right_row as usize] {
                    true => then,
                    false => Found::Nothing, // another key of the same hash
                }
            }
        })
        .collect()
}

/// One key value on the left (`run`), at most one on the right (`right_run`), of one hash.
fn join_run(run: &[u64], right_run: Option<&[u64]>, pending: &mut [Pending]) {
    let result = match (run.len(), right_run) {
        (1, None) => Pending::Done(Found::Nothing),
        (1, Some(right_run)) => Pending::Confirm {
            right_row: row_of(right_run[0]) as u32,
            then: match right_run {
                [only] => Found::Row(row_of(*only)),
                _ => Found::SharedByOther(right_run.len() as u32),
            },
        },
        _ => Pending::Done(Found::Shared), // shared on the left: whatever the right has
    };
    for &e in run {
        pending[row_of(e)] = result;
    }
}

/// Runs of one hash holding several key values on either side: each left value looked up among
/// the right's by comparing keys.
fn join_collided(
    left: &SortedKeys,
    run: &[u64],
    right: &SortedKeys,
    right_run: &[u64],
    pending: &mut [Pending],
) {
    for group in run.chunk_by(|&a, &b| left.same_key(a, b)) {
        let key = left.keys[row_of(group[0])];
        let same = right_run
            .chunk_by(|&a, &b| right.same_key(a, b))
            .find(|r| right.keys[row_of(r[0])] == key);
        let result = match (group.len(), same) {
            (1, None) => Found::Nothing,
            (1, Some(&[only])) => Found::Row(row_of(only)),
            (1, Some(rows)) => Found::SharedByOther(rows.len() as u32),
            _ => Found::Shared,
        };
        for &e in group {
            pending[row_of(e)] = Pending::Done(result);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column<'a>(keys: &[&'a str], hash: fn(&str) -> u32) -> SortedKeys<'a> {
        SortedKeys::with_hash(keys.iter().map(|k| Some(*k)), hash)
    }

    /// The same on every target (wasm32 too), and spread: 100k addresses, nearly as many hashes.
    #[test]
    fn hashes_spread() {
        let mut hashes: Vec<u32> = (0..100_000)
            .map(|i| hash32(&format!("user{i}@example.com")))
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert!(hashes.len() > 99_900, "{} distinct", hashes.len());
        assert_eq!(
            hash32("zhang.wei@example.com"),
            hash32("zhang.wei@example.com")
        );
        assert_ne!(hash32("a"), hash32("b"));
        assert_ne!(hash32(""), hash32("\0"));
    }

    #[test]
    fn equal_keys_group_in_row_order() {
        let c = SortedKeys::new(["b", "a", "", "b", "c", "b"].into_iter().map(Some));
        let mut groups: Vec<Vec<usize>> = c
            .groups()
            .map(|g| g.iter().map(|&e| row_of(e)).collect())
            .collect();
        groups.sort();
        assert_eq!(groups, [vec![0, 3, 5], vec![1], vec![4]]);
        let rows = |k| c.find(k).iter().map(|&e| row_of(e)).collect::<Vec<_>>();
        assert_eq!(rows("b"), [0, 3, 5]);
        let earlier = [None, None, None, Some(0), None, Some(0)];
        assert_eq!(c.earlier_equal(), earlier);
        assert_eq!(rows("z"), Vec::<usize>::new());
    }

    #[test]
    fn join_finds_the_one_row_and_refuses_shared_values() {
        let left = SortedKeys::new(["x", "y", "", "z", "w", "w"].into_iter().map(Some));
        let right = SortedKeys::new(["z", "x", "y", "y"].into_iter().map(Some));
        use Found::*;
        assert_eq!(
            join(&left, &right),
            [Row(1), SharedByOther(2), NoKey, Row(0), Shared, Shared]
        );
    }

    /// Every key hashes alike: only the string comparisons tell them apart.
    #[test]
    fn a_hash_collision_is_no_match() {
        let same: fn(&str) -> u32 = |_| 7;
        let left = column(&["b", "a", "c", "a"], same);
        let right = column(&["c", "d", "b", "a", "c"], same);
        use Found::*;
        assert_eq!(
            join(&left, &right),
            [Row(2), Shared, SharedByOther(2), Shared]
        );
        let rows = |k| right.find(k).iter().map(|&e| row_of(e)).collect::<Vec<_>>();
        assert_eq!(rows("c"), [0, 4]);
        assert_eq!(rows("a"), [3]);
        assert_eq!(rows("e"), Vec::<usize>::new());
        let lone = column(&["a", "q"], same);
        assert_eq!(join(&lone, &right), [Row(3), Nothing]);
    }

    /// One key value on each side, of one hash: the keys are compared after the merge.
    #[test]
    fn a_collision_across_the_sides_is_no_match() {
        let same: fn(&str) -> u32 = |_| 7;
        let join_of = |l: &[&str], r: &[&str]| join(&column(l, same), &column(r, same));
        use Found::*;
        assert_eq!(join_of(&["a"], &["b"]), [Nothing]);
        assert_eq!(join_of(&["a"], &["b", "b"]), [Nothing]);
        assert_eq!(join_of(&["b"], &["b", "b"]), [SharedByOther(2)]);
        assert_eq!(join_of(&["", "b"], &["x", "b"]), [NoKey, Row(1)]);
        assert_eq!(join_of(&["b", "b"], &["c"]), [Shared, Shared]);
    }
}
