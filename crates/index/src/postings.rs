//! Postings lists: for one term, the articles it occurs in and where.
//!
//! ```text
//! list        count << 1 | has positions (varint)
//!             article ids: count varints, deltas (the first is absolute)
//!             heads:       count varints, `occurrences << 4 | kind`; kind < 8: every occurrence
//!                          of the posting is of that kind (`derived << 2 | field`); kind = 8:
//!                          the kinds differ and follow as nibbles
//!             nibbles:     per posting with mixed kinds, in order: its occurrences' kinds, two
//!                          per byte, low nibble first
//!             positions:   if it has positions, per posting its occurrences' positions,
//!                          delta-encoded from 0 (varints)
//! ```
//!
//! The columns are stored apart (all ids, then all heads, ...) rather than posting by posting:
//! like values next to each other compress better (gzip: 12 % smaller than interleaved at
//! 10,000 articles), and ranking reads ids and heads without decoding a single position.
//! Positions are decoded only for what needs them (phrases, proximity, a snippet's hint).
//! A list may carry no positions at all: the writer leaves them out for terms that only ever
//! add weight to a word found anyway (exact-spelling keys).
//!
//! Positions count tokens through the whole article with a gap between blocks, so phrase and
//! proximity checks never join the last word of one paragraph to the first of the next.
//! `derived` marks a term the analyser derived from a token rather than the token itself (a
//! compound part, say); ranking weighs it lower.

use crate::varint::Cursor;
use crate::{ArticleId, IndexError};

/// Where in an article an occurrence is; ranking weighs the fields differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Body = 0,
    Title = 1,
    /// The first paragraph of the body.
    Lead = 2,
    /// A photo caption or credit.
    Caption = 3,
}

impl Field {
    fn from_bits(bits: u8) -> Field {
        match bits & 3 {
            1 => Field::Title,
            2 => Field::Lead,
            3 => Field::Caption,
            _ => Field::Body,
        }
    }
}

/// What kind of occurrence: its field, and whether the term was derived from the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Kind {
    pub field: Field,
    /// The term was derived from the token (e.g. a compound part), not the token itself.
    pub derived: bool,
}

impl Kind {
    #[cfg(feature = "write")]
    fn bits(self) -> u8 {
        (u8::from(self.derived) << 2) | self.field as u8
    }

    fn from_bits(bits: u8) -> Kind {
        Kind {
            field: Field::from_bits(bits),
            derived: bits & 4 != 0,
        }
    }
}

/// One occurrence of a term in an article (what the writer is given).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Occurrence {
    pub position: u32,
    pub field: Field,
    /// The term was derived from the token (e.g. a compound part), not the token itself.
    pub derived: bool,
}

impl Occurrence {
    /// Its kind, without the position.
    pub fn kind(&self) -> Kind {
        Kind {
            field: self.field,
            derived: self.derived,
        }
    }
}

/// A term's occurrences in one article, sorted by position (what the writer is given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub article: ArticleId,
    pub occurrences: Vec<Occurrence>,
}

const MIXED: u8 = 8;

/// Append the encoding of `postings` (sorted by article, occurrences sorted by position and
/// unique) to `out`; without `positions`, only the kinds of the occurrences are kept.
#[cfg(feature = "write")]
pub(crate) fn encode(out: &mut Vec<u8>, postings: &[Posting], positions: bool) {
    use crate::varint::put_u64;
    put_u64(out, (postings.len() as u64) << 1 | u64::from(positions));
    let mut last_article = 0u32;
    for (i, p) in postings.iter().enumerate() {
        let delta = if i == 0 {
            p.article.0
        } else {
            p.article.0 - last_article
        };
        last_article = p.article.0;
        put_u64(out, u64::from(delta));
    }
    let uniform = |p: &Posting| {
        let first = p.occurrences.first().map(Occurrence::kind)?;
        p.occurrences
            .iter()
            .all(|o| o.kind() == first)
            .then_some(first.bits())
    };
    for p in postings {
        let kind = uniform(p).unwrap_or(MIXED);
        put_u64(out, (p.occurrences.len() as u64) << 4 | u64::from(kind));
    }
    for p in postings.iter().filter(|p| uniform(p).is_none()) {
        for pair in p.occurrences.chunks(2) {
            let high = pair.get(1).map_or(0, |o| o.kind().bits() << 4);
            out.push(pair[0].kind().bits() | high);
        }
    }
    if positions {
        for p in postings {
            let mut last = 0;
            for o in &p.occurrences {
                put_u64(out, u64::from(o.position - last));
                last = o.position;
            }
        }
    }
}

/// A decoded postings list: article ids and occurrence kinds at once, positions on demand.
#[derive(Debug, Clone)]
pub struct PostingList<'a> {
    articles: Vec<ArticleId>,
    /// Per posting: occurrence count, and its kind bits or [`MIXED`].
    heads: Vec<(u32, u8)>,
    /// Per posting with mixed kinds: where its nibbles begin in `nibbles`.
    nibble_at: Vec<u32>,
    nibbles: &'a [u8],
    /// The position column, if the list has one.
    positions: Option<(&'a [u8], usize)>,
    offset: usize,
}

impl<'a> PostingList<'a> {
    /// Number of articles.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The articles, sorted.
    pub fn articles(&self) -> &[ArticleId] {
        &self.articles
    }

    /// Number of occurrences in the `i`-th article.
    pub fn count(&self, i: usize) -> u32 {
        self.heads.get(i).map_or(0, |h| h.0)
    }

    /// Whether the list stores positions.
    pub fn has_positions(&self) -> bool {
        self.positions.is_some()
    }

    /// The kinds of the `i`-th article's occurrences, in position order.
    pub fn kinds(&self, i: usize) -> impl Iterator<Item = Kind> + '_ {
        let (count, bits) = self.heads.get(i).copied().unwrap_or((0, 0));
        let at = self.nibble_at.get(i).copied().unwrap_or(0) as usize;
        (0..count as usize).map(move |k| {
            if bits == MIXED {
                let byte = self.nibbles.get(at + k / 2).copied().unwrap_or(0);
                Kind::from_bits(if k % 2 == 0 { byte & 15 } else { byte >> 4 })
            } else {
                Kind::from_bits(bits)
            }
        })
    }

    /// Call `f(i, positions)` for every article `i` of the list, in order, with its
    /// occurrences' positions; nothing when the list stores none.
    pub fn for_each_positions(&self, f: impl FnMut(usize, &[u32])) -> Result<(), IndexError> {
        self.for_each_positions_where(|_| true, f)
    }

    /// [`PostingList::for_each_positions`] for the articles `i` that `wanted(i)` says yes to;
    /// the others' positions are skipped without decoding them (a frequent word's list is long,
    /// and a query needs the positions of a few of its articles).
    pub fn for_each_positions_where(
        &self,
        mut wanted: impl FnMut(usize) -> bool,
        mut f: impl FnMut(usize, &[u32]),
    ) -> Result<(), IndexError> {
        let Some((section, start)) = self.positions else {
            return Ok(());
        };
        let corrupt = IndexError::Corrupt {
            section: "POST",
            offset: self.offset,
        };
        let mut c = Cursor::new(section, start);
        let mut buf = Vec::new();
        for (i, &(count, _)) in self.heads.iter().enumerate() {
            if !wanted(i) {
                c.skip_varints(count as usize)
                    .ok_or_else(|| corrupt.clone())?;
                continue;
            }
            buf.clear();
            let mut position = 0u32;
            for _ in 0..count {
                let delta = c.u32().ok_or_else(|| corrupt.clone())?;
                position = position.checked_add(delta).ok_or_else(|| corrupt.clone())?;
                buf.push(position);
            }
            f(i, &buf);
        }
        Ok(())
    }

    /// The whole list as the writer was given it (positions 0 when the list stores none).
    pub fn to_postings(&self) -> Result<Vec<Posting>, IndexError> {
        let mut out: Vec<Posting> = (0..self.len())
            .map(|i| Posting {
                article: self.articles[i],
                occurrences: self
                    .kinds(i)
                    .map(|k| Occurrence {
                        position: 0,
                        field: k.field,
                        derived: k.derived,
                    })
                    .collect(),
            })
            .collect();
        self.for_each_positions(|i, positions| {
            for (o, &p) in out[i].occurrences.iter_mut().zip(positions) {
                o.position = p;
            }
        })?;
        Ok(out)
    }
}

/// Decode the postings list starting at `offset` of the POST section (ids and kinds; the
/// positions are decoded when asked for).
pub(crate) fn decode(section: &[u8], offset: usize) -> Result<PostingList<'_>, IndexError> {
    decode_list(section, offset).ok_or(IndexError::Corrupt {
        section: "POST",
        offset,
    })
}

fn decode_list(section: &[u8], offset: usize) -> Option<PostingList<'_>> {
    let mut c = Cursor::new(section, offset);
    let header = c.u64()?;
    let count = usize::try_from(header >> 1).ok()?;
    // Every posting takes at least two bytes: a hostile count cannot make us reserve more
    // than the section holds.
    if count > section.len() / 2 {
        return None;
    }
    let mut articles = Vec::with_capacity(count);
    let mut article = 0u32;
    for i in 0..count {
        let delta = c.u32()?;
        article = if i == 0 {
            delta
        } else {
            article.checked_add(delta)?
        };
        articles.push(ArticleId(article));
    }
    let mut heads = Vec::with_capacity(count);
    let mut nibble_at = Vec::with_capacity(count);
    let mut nibble_bytes = 0u32;
    // Occurrences of one list cannot outnumber a few per byte of the section (a hostile head
    // must not make a reader loop or allocate billions of times).
    let mut budget = section.len().saturating_mul(4);
    for _ in 0..count {
        let head = c.u64()?;
        let occurrences = u32::try_from(head >> 4).ok()?;
        let kind = (head & 15) as u8;
        if kind > MIXED {
            return None;
        }
        budget = budget.checked_sub(occurrences as usize)?;
        nibble_at.push(nibble_bytes);
        if kind == MIXED {
            nibble_bytes = nibble_bytes.checked_add(occurrences.div_ceil(2))?;
        }
        heads.push((occurrences, kind));
    }
    let nibbles = c.bytes(nibble_bytes as usize)?;
    let positions = (header & 1 == 1).then(|| (section, c.pos()));
    Some(PostingList {
        articles,
        heads,
        nibble_at,
        nibbles,
        positions,
        offset,
    })
}

#[cfg(all(test, feature = "write"))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn arb_postings() -> impl Strategy<Value = Vec<Posting>> {
        proptest::collection::btree_map(
            0u32..10_000,
            proptest::collection::btree_map(0u32..100_000, (0u8..4, any::<bool>()), 1..20),
            0..30,
        )
        .prop_map(|m| {
            m.into_iter()
                .map(|(article, occs)| Posting {
                    article: ArticleId(article),
                    occurrences: occs
                        .into_iter()
                        .map(|(position, (f, derived))| Occurrence {
                            position,
                            field: Field::from_bits(f),
                            derived,
                        })
                        .collect(),
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn round_trips(postings in arb_postings()) {
            let mut out = vec![0xAA];
            encode(&mut out, &postings, true);
            prop_assert_eq!(decode(&out, 1).unwrap().to_postings().unwrap(), postings);
        }

        #[test]
        fn keeps_kinds_without_positions(postings in arb_postings()) {
            let mut out = vec![0xAA];
            encode(&mut out, &postings, false);
            let list = decode(&out, 1).unwrap();
            prop_assert!(!list.has_positions());
            let without: Vec<Posting> = postings
                .iter()
                .map(|p| Posting {
                    article: p.article,
                    occurrences: p
                        .occurrences
                        .iter()
                        .map(|o| Occurrence { position: 0, ..*o })
                        .collect(),
                })
                .collect();
            prop_assert_eq!(list.to_postings().unwrap(), without);
        }

        #[test]
        fn never_panics_on_garbage(bytes in proptest::collection::vec(any::<u8>(), 0..200), at in 0usize..210) {
            if let Ok(list) = decode(&bytes, at) {
                let _ = list.to_postings();
            }
        }
    }
}
