//! The bytes of each column of postings lists (for size reports), from the decoder's own
//! walk.

use super::{decode_list, skip_positions, MIXED};
use crate::varint::Skipper;

/// The bytes of each column of postings lists, and what they hold (for size reports).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ColumnBytes {
    pub lists: usize,
    pub postings: usize,
    pub occurrences: usize,
    /// The lists' count headers.
    pub header: usize,
    pub ids: usize,
    /// Occurrence counts and uniform kinds.
    pub heads: usize,
    /// The kinds of the occurrences of postings whose kinds differ.
    pub mixed_kinds: usize,
    pub positions: usize,
}

impl ColumnBytes {
    pub fn total(&self) -> usize {
        self.header + self.ids + self.heads + self.mixed_kinds + self.positions
    }

    pub fn add(&mut self, other: &ColumnBytes) {
        self.lists += other.lists;
        self.postings += other.postings;
        self.occurrences += other.occurrences;
        self.header += other.header;
        self.ids += other.ids;
        self.heads += other.heads;
        self.mixed_kinds += other.mixed_kinds;
        self.positions += other.positions;
    }
}

/// The columns of the list at `offset` of the POST section; `None` if it does not decode.
pub(crate) fn column_bytes(section: &[u8], offset: usize) -> Option<ColumnBytes> {
    let list = decode_list(section, offset)?;
    let count = list.len();
    let occurrences: usize = list.heads.iter().map(|h| h.0 as usize).sum();
    // Bits of each column, from the decoder's own walk.
    let (ids_end, heads_end) = (list.ids_end, list.heads_end);
    let mut positions = 0;
    if let Some((start, k_first, k_gap)) = list.positions {
        let mut skip = Skipper::new(list.bits, start);
        for &(n, _) in &list.heads {
            skip_positions(&mut skip, n as usize, k_first, k_gap)?;
        }
        positions = skip.reader()?.pos() - start;
    }
    let mixed: usize = list
        .heads
        .iter()
        .filter(|h| h.1 == MIXED)
        .map(|h| 3 * h.0 as usize)
        .sum();
    Some(ColumnBytes {
        lists: 1,
        postings: count,
        occurrences,
        header: section.len() - list.bits.len() - offset,
        ids: ids_end.div_ceil(8),
        heads: (heads_end - ids_end - mixed) / 8,
        mixed_kinds: mixed / 8,
        positions: positions / 8,
    })
}
