//! Many short texts in one buffer, and an index from a text to the rows that have it: the
//! app's per-row key, search text and name key without an allocation per row. Pure data.

use std::hash::BuildHasher;

/// The `i`-th text is `text[ends[i - 1]..ends[i]]`.
#[derive(Debug, Clone, Default)]
pub(super) struct Texts {
    text: String,
    ends: Vec<usize>,
}

impl Texts {
    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len());
    }

    /// Text `i`, or "" past the end.
    pub fn get(&self, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            Some(p) => self.ends.get(p).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.text.get(start..end).unwrap_or("")
    }

    pub fn shrink(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// The rows of each text of a [`Texts`], as `(hash, row)` sorted: 16 bytes a row, and a
/// lookup compares the text itself, so a hash collision costs a comparison, never a wrong row.
#[derive(Debug, Clone, Default)]
pub(super) struct TextIndex {
    sorted: Vec<(u64, u32)>,
    hasher: std::hash::RandomState,
}

impl TextIndex {
    pub fn new(texts: &Texts, rows: usize) -> Self {
        let hasher = std::hash::RandomState::new();
        let mut sorted: Vec<(u64, u32)> = (0..rows)
            .map(|r| (hasher.hash_one(texts.get(r)), r as u32))
            .collect();
        sorted.sort_unstable();
        TextIndex { sorted, hasher }
    }

    /// The rows whose text is `text`, in row order.
    pub fn rows<'a>(&'a self, texts: &'a Texts, text: &'a str) -> impl Iterator<Item = usize> + 'a {
        let h = self.hasher.hash_one(text);
        let start = self.sorted.partition_point(|(k, _)| *k < h);
        self.sorted[start..]
            .iter()
            .take_while(move |(k, _)| *k == h)
            .map(|(_, r)| *r as usize)
            .filter(move |&r| texts.get(r) == text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_read_back_and_the_index_finds_every_row_of_a_text() {
        let mut t = Texts::default();
        for s in ["in:url:a", "", "in:url:b", "in:url:a"] {
            t.push(s);
        }
        assert_eq!(
            (0..5).map(|i| t.get(i)).collect::<Vec<_>>(),
            ["in:url:a", "", "in:url:b", "in:url:a", ""]
        );
        let idx = TextIndex::new(&t, 4);
        assert_eq!(idx.rows(&t, "in:url:a").collect::<Vec<_>>(), [0, 3]);
        assert_eq!(idx.rows(&t, "in:url:b").collect::<Vec<_>>(), [2]);
        assert_eq!(idx.rows(&t, "nobody").count(), 0);
    }
}
