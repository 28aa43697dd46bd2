//! Pure: no I/O. Near-duplicate notes across an export, from different senders.
//!
//! Method, linear in the number of notes:
//! 1. Each note's *skeleton* (folded words, names replaced, greetings and sign-offs kept out) is
//!    hashed; identical skeletons are grouped at once.
//! 2. Each distinct skeleton of 5 words or more gets a 32-value MinHash signature over its
//!    word 3-shingles. Signatures are cut into 8 bands of 4 values (LSH); skeletons that share
//!    a band bucket are compared with the bucket's first member and joined (union-find) when
//!    their estimated Jaccard similarity is at least 0.6.
//! 3. A note's count is the number of *distinct* senders in its group other than its own
//!    sender, so a sender who sent the same note twice never counts against themselves.

use std::collections::hash_map::Entry;

use super::hash::{FxMap, fx};
use super::{MIN_NOTES_PER_THREAD, par_chunks};

const HASHES: usize = 32;
const BANDS: usize = 8;
const ROWS: usize = HASHES / BANDS;
const MIN_SIMILAR: usize = 19; // of 32: estimated Jaccard >= 0.6

/// One note to cluster: its skeleton words and who sent it.
pub struct Item<'a> {
    pub words: Vec<&'a str>,
    pub sender: u64,
}

/// For each item, how many other distinct senders sent the same or a near-identical note.
pub fn other_senders(items: &[Item<'_>]) -> Vec<u32> {
    clusters(items).others
}

/// Groups of near-identical notes.
pub struct Clusters {
    /// Per item: other distinct senders in its group.
    pub others: Vec<u32>,
    /// Per item: its group (items with the same value are the same or near-identical notes),
    /// `None` for an item without words.
    pub group: Vec<Option<u32>>,
}

/// Group the items into near-identical notes and count each group's senders. The hashing and
/// the signatures (most of the work) are made on all cores, the grouping in order after them.
pub fn clusters(items: &[Item<'_>]) -> Clusters {
    // 1. exact groups
    let hashes: Vec<Option<u64>> = par_chunks(items, MIN_NOTES_PER_THREAD, |chunk| {
        chunk
            .iter()
            .map(|it| (!it.words.is_empty()).then(|| hash_words(&it.words)))
            .collect()
    });
    let mut by_hash: FxMap<u64, usize> = FxMap::default();
    by_hash.reserve(items.len());
    let mut group_of = Vec::with_capacity(items.len());
    let mut reps: Vec<usize> = Vec::new(); // group -> first item
    for (i, h) in hashes.into_iter().enumerate() {
        let Some(h) = h else {
            group_of.push(usize::MAX);
            continue;
        };
        let g = match by_hash.entry(h) {
            Entry::Occupied(e) => *e.get(),
            Entry::Vacant(e) => {
                reps.push(i);
                *e.insert(reps.len() - 1)
            }
        };
        group_of.push(g);
    }

    // 2. near-duplicate groups via MinHash LSH
    let signatures: Vec<Option<[u32; HASHES]>> = par_chunks(&reps, MIN_NOTES_PER_THREAD, |chunk| {
        chunk
            .iter()
            .map(|&i| (items[i].words.len() >= 5).then(|| minhash(&items[i].words)))
            .collect()
    });
    let mut uf = UnionFind::new(reps.len());
    let mut buckets: FxMap<(u8, u64), (usize, [u32; HASHES])> = FxMap::default();
    for (g, sig) in signatures.into_iter().enumerate() {
        let Some(sig) = sig else { continue };
        for b in 0..BANDS {
            match buckets.entry((b as u8, fx(&sig[b * ROWS..(b + 1) * ROWS]))) {
                Entry::Occupied(e) => {
                    let (first, first_sig) = e.get();
                    let same = sig.iter().zip(first_sig).filter(|(a, b)| a == b).count();
                    if same >= MIN_SIMILAR {
                        uf.union(g, *first);
                    }
                }
                Entry::Vacant(e) => {
                    e.insert((g, sig));
                }
            }
        }
    }

    // 3. distinct senders per final group
    let group: Vec<Option<u32>> = group_of
        .iter()
        .map(|&g| (g != usize::MAX).then(|| uf.find(g) as u32))
        .collect();
    let mut senders: Vec<(u32, u64)> = group
        .iter()
        .zip(items)
        .filter_map(|(g, it)| g.map(|g| (g, it.sender)))
        .collect();
    senders.sort_unstable();
    senders.dedup();
    let mut distinct = vec![0u32; reps.len()];
    for (g, _) in senders {
        distinct[g as usize] += 1;
    }
    let others = group
        .iter()
        .map(|g| g.map_or(0, |g| distinct[g as usize].saturating_sub(1)))
        .collect();
    Clusters { others, group }
}

fn hash_words(words: &[&str]) -> u64 {
    splitmix(fx(words))
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

const SEEDS: [u64; HASHES] = {
    let mut out = [0u64; HASHES];
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut i = 0;
    while i < HASHES {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out[i] = x;
        i += 1;
    }
    out
};

fn minhash(words: &[&str]) -> [u32; HASHES] {
    let word_hashes: Vec<u64> = words.iter().map(|w| splitmix(fx(w))).collect();
    let mut sig = [u32::MAX; HASHES];
    for win in word_hashes.windows(3) {
        let sh = splitmix(win[0] ^ splitmix(win[1] ^ splitmix(win[2])));
        for (k, slot) in sig.iter_mut().enumerate() {
            // One strong hash per shingle, then cheap per-slot permutations of it.
            let v = ((sh ^ SEEDS[k]).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32;
            if v < *slot {
                *slot = v;
            }
        }
    }
    sig
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // Keep the smaller index as root so results never depend on hash order.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items<'a>(rows: &'a [(&'a str, u64)]) -> Vec<Item<'a>> {
        rows.iter()
            .map(|(t, s)| Item {
                words: t.split(' ').filter(|w| !w.is_empty()).collect(),
                sender: *s,
            })
            .collect()
    }

    #[test]
    fn counts_other_distinct_senders_only() {
        let pitch =
            "we help fintech teams cut cloud spend by thirty percent in sixty days worth a call";
        let rows = [
            (pitch, 1),
            (pitch, 2),
            (pitch, 2), // same sender twice counts once
            (pitch, 3),
            ("great talk at rustconf on async cancellation", 4),
        ];
        assert_eq!(other_senders(&items(&rows)), vec![2, 2, 2, 2, 0]);
    }

    #[test]
    fn a_sender_never_counts_against_themselves() {
        let rows = [
            ("the same note sent twice by me", 7),
            ("the same note sent twice by me", 7),
        ];
        assert_eq!(other_senders(&items(&rows)), vec![0, 0]);
    }

    #[test]
    fn near_duplicates_join_and_different_notes_do_not() {
        let a = "i lead partnerships at clearbit digital we help saas companies like acme cut cloud spend by thirty percent in sixty days worth a fifteen minute call next week";
        let b = "i lead partnerships at clearbit digital we help saas companies like acme cut cloud spend by thirty percent in sixty days worth a quick call next week";
        let c = "we sat next to each other at the kafka meetup on tuesday and talked about exactly once delivery";
        let rows = [(a, 1), (b, 2), (c, 3)];
        assert_eq!(other_senders(&items(&rows)), vec![1, 1, 0]);
    }
}
