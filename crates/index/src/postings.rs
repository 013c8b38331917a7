//! Postings lists: for one term, the articles it occurs in and where.
//!
//! ```text
//! list        doc count (varint), then per article:
//!               article id delta (varint; the first is absolute)
//!               occurrence count (varint)
//!               occurrences, each `position << 3 | derived << 2 | field`, delta-encoded (varint)
//! ```
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
    fn from_bits(bits: u64) -> Field {
        match bits & 3 {
            1 => Field::Title,
            2 => Field::Lead,
            3 => Field::Caption,
            _ => Field::Body,
        }
    }
}

/// One occurrence of a term in an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Occurrence {
    pub position: u32,
    pub field: Field,
    /// The term was derived from the token (e.g. a compound part), not the token itself.
    pub derived: bool,
}

impl Occurrence {
    #[cfg(feature = "write")]
    fn encode(self) -> u64 {
        (u64::from(self.position) << 3) | (u64::from(self.derived) << 2) | self.field as u64
    }

    fn decode(value: u64) -> Option<Occurrence> {
        Some(Occurrence {
            position: u32::try_from(value >> 3).ok()?,
            field: Field::from_bits(value),
            derived: value & 4 != 0,
        })
    }
}

/// A term's occurrences in one article, sorted by position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub article: ArticleId,
    pub occurrences: Vec<Occurrence>,
}

/// A decoded postings list, sorted by article id.
pub type Postings = Vec<Posting>;

/// Append the encoding of `postings` (sorted by article, occurrences sorted by position) to
/// `out`.
#[cfg(feature = "write")]
pub(crate) fn encode(out: &mut Vec<u8>, postings: &[Posting]) {
    use crate::varint::put_u64;
    put_u64(out, postings.len() as u64);
    let mut last_article = 0u32;
    for (i, p) in postings.iter().enumerate() {
        let delta = if i == 0 {
            p.article.0
        } else {
            p.article.0 - last_article
        };
        last_article = p.article.0;
        put_u64(out, u64::from(delta));
        put_u64(out, p.occurrences.len() as u64);
        let mut last = 0u64;
        for occ in &p.occurrences {
            let value = occ.encode();
            put_u64(out, value - last);
            last = value;
        }
    }
}

/// Decode the postings list starting at `offset` of the POST section.
pub(crate) fn decode(section: &[u8], offset: usize) -> Result<Postings, IndexError> {
    let mut c = Cursor::new(section, offset);
    decode_list(&mut c).ok_or(IndexError::Corrupt {
        section: "POST",
        offset,
    })
}

fn decode_list(c: &mut Cursor<'_>) -> Option<Postings> {
    let count = c.u32()?;
    // Pre-allocation is capped: a hostile count must not make us reserve gigabytes.
    let mut out = Vec::with_capacity((count as usize).min(PREALLOC_CAP));
    let mut article = 0u32;
    for i in 0..count {
        let delta = c.u32()?;
        article = if i == 0 {
            delta
        } else {
            article.checked_add(delta)?
        };
        let n = c.u32()?;
        let mut occurrences = Vec::with_capacity((n as usize).min(PREALLOC_CAP));
        let mut value = 0u64;
        for _ in 0..n {
            value = value.checked_add(c.u64()?)?;
            occurrences.push(Occurrence::decode(value)?);
        }
        out.push(Posting {
            article: ArticleId(article),
            occurrences,
        });
    }
    Some(out)
}

const PREALLOC_CAP: usize = 1024;

#[cfg(all(test, feature = "write"))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn arb_postings() -> impl Strategy<Value = Postings> {
        proptest::collection::btree_map(
            0u32..10_000,
            proptest::collection::btree_set((0u32..100_000, 0u8..4, any::<bool>()), 1..20),
            0..30,
        )
        .prop_map(|m| {
            m.into_iter()
                .map(|(article, occs)| Posting {
                    article: ArticleId(article),
                    occurrences: {
                        let mut v: Vec<Occurrence> = occs
                            .into_iter()
                            .map(|(position, f, derived)| Occurrence {
                                position,
                                field: Field::from_bits(u64::from(f)),
                                derived,
                            })
                            .collect();
                        v.sort_by_key(|o| o.encode());
                        v.dedup_by_key(|o| o.encode());
                        v
                    },
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn round_trips(postings in arb_postings()) {
            let mut out = vec![0xAA];
            encode(&mut out, &postings);
            prop_assert_eq!(decode(&out, 1).unwrap(), postings);
        }

        #[test]
        fn never_panics_on_garbage(bytes in proptest::collection::vec(any::<u8>(), 0..200), at in 0usize..210) {
            let _ = decode(&bytes, at);
        }
    }
}
