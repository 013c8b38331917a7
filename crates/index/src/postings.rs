//! Postings lists: for one term, the articles it occurs in and where.
//!
//! ```text
//! list        count << 2 | positions in the text << 1 | has positions (varint)
//!             k_ids (1 byte); only with positions: k_first << 4 | k_gap (1 byte): exp-Golomb
//!             orders
//!             the list's usual kind (1 byte: `derived << 2 | field`)
//!             then bits, least significant first, padded to a byte at the end of the list:
//!   ids       count codes of order k_ids: the first article id, then each gap - 1
//!   heads     per posting: occurrences - 1 (order 0), then `0` if all its occurrences are of
//!             the usual kind; `10` and a kind (3 bits) if they are all of another; `11` and
//!             each occurrence's kind in position order (3 bits each) if they differ
//!   positions if it has positions, per posting its occurrences: the first position (order
//!             k_first), then each gap - 1 (order k_gap)
//! ```
//!
//! Exp-Golomb codes (see `varint`) with the order that suits each list: a frequent word's
//! small gaps take a few bits each, a rare word's large ones not more than a varint would.
//! At 10,000 articles this made the postings 30 % smaller than LEB128 varints (format 5):
//! 5.88 MB against 8.42 MB; decoding them takes about 3-4 times as long.
//!
//! The columns are stored apart (all ids, then all heads, ...) rather than posting by posting:
//! ranking reads ids and heads without decoding a single position.
//! Positions are decoded only for what needs them (phrases, proximity, a snippet's hint).
//! A list may carry no positions at all: the writer leaves them out for terms that only ever
//! add weight to a word found anyway (exact-spelling keys), and for the stop words, whose
//! positions were a third of all positions (see [`PositionsKept`]). A stop word's list says
//! that its positions are *in the text*: every occurrence is a token whose own term it is
//! (none derived), so the token at a position of the article's stored text tells whether the
//! term is there; a phrase with a stop word checks it there (`src/search/matching.rs`).
//!
//! Positions count tokens through the whole article with a gap between blocks, so phrase and
//! proximity checks never join the last word of one paragraph to the first of the next.
//! `derived` marks a term the analyser derived from a token rather than the token itself (a
//! compound part, say); ranking weighs it lower.

use crate::varint::{BitReader, Cursor, Skipper};
use crate::{ArticleId, IndexError};

mod columns;
#[cfg(all(test, feature = "write"))]
mod tests;

pub(crate) use columns::column_bytes;
pub use columns::ColumnBytes;

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

    /// Every kind, in the order of [`Kind::index`].
    pub const ALL: [Kind; 8] = {
        let fields = [Field::Body, Field::Title, Field::Lead, Field::Caption];
        let mut all = [Kind {
            field: Field::Body,
            derived: false,
        }; 8];
        let mut i = 0;
        while i < 8 {
            all[i] = Kind {
                field: fields[i & 3],
                derived: i >= 4,
            };
            i += 1;
        }
        all
    };

    /// Its place in [`Kind::ALL`] (and in [`PostingList::kind_counts`]).
    pub fn index(self) -> usize {
        (usize::from(self.derived) << 2) | self.field as usize
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

/// A posting whose occurrences differ in kind (their kinds follow, 3 bits each).
const MIXED: u8 = 8;

/// Which positions a list keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PositionsKept {
    /// Every occurrence's position, in the list.
    Stored,
    /// None: the term only adds weight to a word found anyway (an exact-spelling key).
    None,
    /// None in the list, but every occurrence is a token whose own term this is, so the
    /// article's stored text has them (the stop words of a default index).
    InText,
}

/// Append the encoding of `postings` (sorted by article, occurrences sorted by position and
/// unique) to `out`; without stored positions, only the kinds of the occurrences are kept.
#[cfg(feature = "write")]
pub(crate) fn encode(out: &mut Vec<u8>, postings: &[Posting], kept: PositionsKept) {
    use crate::varint::{best_order, put_u64, BitWriter};
    let positions = kept == PositionsKept::Stored;
    let in_text = kept == PositionsKept::InText;
    put_u64(
        out,
        (postings.len() as u64) << 2 | u64::from(in_text) << 1 | u64::from(positions),
    );
    let mut last = None;
    let ids: Vec<u64> = postings
        .iter()
        .map(|p| {
            let id = p.article.0;
            let v = last.map_or(id, |l: u32| id - l - 1);
            last = Some(id);
            u64::from(v)
        })
        .collect();
    // Per occurrence: whether it is its posting's first, and the value coded.
    let gaps: Vec<(bool, u64)> = if positions {
        postings
            .iter()
            .flat_map(|p| {
                let mut last = None;
                p.occurrences.iter().map(move |o| {
                    let v = last.map_or(o.position, |l: u32| o.position - l - 1);
                    let first = last.is_none();
                    last = Some(o.position);
                    (first, u64::from(v))
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let k_ids = best_order(ids.iter().copied());
    out.push(k_ids as u8);
    // A first position is anywhere in its article, a gap mostly short: an order for each
    // (at most 15, so both fit a byte; any order codes any value).
    let order = |first: bool| best_order(gaps.iter().filter(|g| g.0 == first).map(|g| g.1)).min(15);
    let (k_first, k_gap) = (order(true), order(false));
    if positions {
        out.push((k_first << 4 | k_gap) as u8);
    }
    let uniform = |p: &Posting| {
        let first = p.occurrences.first().map(Occurrence::kind)?;
        p.occurrences
            .iter()
            .all(|o| o.kind() == first)
            .then_some(first.bits())
    };
    // The usual kind: the commonest of the postings whose occurrences are all of one kind.
    let mut seen = [0usize; 8];
    for kind in postings.iter().filter_map(uniform) {
        seen[usize::from(kind & 7)] += 1;
    }
    let usual = (0..8u8)
        .max_by_key(|&k| (seen[usize::from(k)], std::cmp::Reverse(k)))
        .unwrap_or(0);
    out.push(usual);
    let mut w = BitWriter::default();
    for &v in &ids {
        w.golomb(v, k_ids);
    }
    for p in postings {
        w.golomb(p.occurrences.len().saturating_sub(1) as u64, 0);
        match uniform(p) {
            Some(kind) if kind == usual => w.bits(0, 1),
            Some(kind) => {
                w.bits(0b01, 2);
                w.bits(u64::from(kind), 3);
            }
            None => {
                w.bits(0b11, 2);
                for o in &p.occurrences {
                    w.bits(u64::from(o.kind().bits()), 3);
                }
            }
        }
    }
    for &(first, v) in &gaps {
        w.golomb(v, if first { k_first } else { k_gap });
    }
    out.extend_from_slice(&w.finish());
}

/// A decoded postings list: article ids and occurrence kinds at once, positions on demand.
#[derive(Debug, Clone)]
pub struct PostingList<'a> {
    articles: Vec<ArticleId>,
    /// Per posting: occurrence count, and its kind bits or [`MIXED`].
    heads: Vec<(u32, u8)>,
    /// Per posting with mixed kinds: the bit where its kinds begin in `bits`.
    kind_at: Vec<usize>,
    /// The list's bits (and whatever follows it in the section).
    bits: &'a [u8],
    /// The position column, if the list has one: its first bit in `bits`, and the orders of
    /// first positions and of gaps.
    positions: Option<(usize, u32, u32)>,
    /// The list has no positions, but the articles' texts have them (see [`PositionsKept`]).
    in_text: bool,
    offset: usize,
    /// Where the ids and the heads end, in bits (for size reports).
    ids_end: usize,
    heads_end: usize,
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

    /// Whether the list's positions are left to the articles' texts: every occurrence is a
    /// token whose own term the list's term is (see [`PositionsKept::InText`]).
    pub fn positions_in_text(&self) -> bool {
        self.in_text
    }

    /// Which positions the list keeps.
    pub fn positions_kept(&self) -> PositionsKept {
        match (self.positions.is_some(), self.in_text) {
            (true, _) => PositionsKept::Stored,
            (false, true) => PositionsKept::InText,
            (false, false) => PositionsKept::None,
        }
    }

    /// Where the list starts in the POST section: equal for two lists of one term.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The kind of every occurrence in the `i`-th article, if they are all of one kind
    /// (`None` if they differ: see [`PostingList::kind_counts`]).
    pub fn uniform_kind(&self, i: usize) -> Option<Kind> {
        let (_, bits) = *self.heads.get(i)?;
        (bits != MIXED).then(|| Kind::from_bits(bits))
    }

    /// How many of the `i`-th article's occurrences are of each kind, by [`Kind::index`]: what
    /// ranking needs of them, read a word of kinds at a time (most postings of a frequent
    /// word mix the lead's or the title's occurrences with the body's).
    pub fn kind_counts(&self, i: usize) -> [u32; 8] {
        let mut out = [0u32; 8];
        let Some(&(count, bits)) = self.heads.get(i) else {
            return out;
        };
        if bits != MIXED {
            out[usize::from(bits & 7)] = count;
            return out;
        }
        // 3 bits per kind, 19 kinds in a window of 57 bits: per kind value, the fields
        // equal to it found with masks, counted where there are any (a posting mixes two or
        // three kinds of the eight).
        const LOW: u64 = 0x1249_2492_4924_9249; // bit 0 of each 3-bit field
        let mut r = BitReader::new(self.bits, self.kind_at.get(i).copied().unwrap_or(0));
        let mut left = count as usize;
        while left > 0 {
            let n = left.min(19);
            let fields = LOW & ((1u64 << (3 * n)) - 1);
            let w = r.peek();
            let (a, b, c) = (w & fields, (w >> 1) & fields, (w >> 2) & fields);
            let (na, nb, nc) = (a ^ fields, b ^ fields, c ^ fields);
            let lanes = [
                na & nb & nc,
                a & nb & nc,
                na & b & nc,
                a & b & nc,
                na & nb & c,
                a & nb & c,
                na & b & c,
                a & b & c,
            ];
            for (slot, lane) in out.iter_mut().zip(lanes) {
                if lane != 0 {
                    *slot += lane.count_ones();
                }
            }
            // In range: the decoder checked that every posting's kinds are there.
            if r.advance(3 * n).is_none() {
                break;
            }
            left -= n;
        }
        out
    }

    /// The kinds of the `i`-th article's occurrences, in position order.
    pub fn kinds(&self, i: usize) -> impl Iterator<Item = Kind> + '_ {
        let (count, bits) = self.heads.get(i).copied().unwrap_or((0, 0));
        let mut mixed = (bits == MIXED)
            .then(|| BitReader::new(self.bits, self.kind_at.get(i).copied().unwrap_or(0)));
        (0..count as usize).map(move |_| match &mut mixed {
            // In range: the decoder checked that every posting's kinds are there.
            Some(r) => Kind::from_bits(r.bits(3).unwrap_or(0) as u8),
            None => Kind::from_bits(bits),
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
        self.positions_where(&mut wanted, &mut f)
    }

    /// [`PostingList::for_each_positions_where`]'s decoder, compiled once: generic over the
    /// callers' closures it was a copy per caller in the .wasm.
    fn positions_where(
        &self,
        wanted: &mut dyn FnMut(usize) -> bool,
        f: &mut dyn FnMut(usize, &[u32]),
    ) -> Result<(), IndexError> {
        let Some((start, k_first, k_gap)) = self.positions else {
            return Ok(());
        };
        let corrupt = IndexError::Corrupt {
            section: "POST",
            offset: self.offset,
        };
        // The articles not wanted are stepped over a word of bits at a time.
        let mut skip = Skipper::new(self.bits, start);
        let mut buf = Vec::new();
        for (i, &(count, _)) in self.heads.iter().enumerate() {
            if !wanted(i) {
                skip_positions(&mut skip, count as usize, k_first, k_gap)
                    .ok_or_else(|| corrupt.clone())?;
                continue;
            }
            let mut r = skip.reader().ok_or_else(|| corrupt.clone())?;
            buf.clear();
            let mut next = 0u32;
            for j in 0..count {
                let k = if j == 0 { k_first } else { k_gap };
                let gap = r.golomb(k).ok_or_else(|| corrupt.clone())?;
                let position = u32::try_from(u64::from(next) + gap).map_err(|_| corrupt.clone())?;
                buf.push(position);
                next = position.checked_add(1).ok_or_else(|| corrupt.clone())?;
            }
            f(i, &buf);
            skip = Skipper::new(self.bits, r.pos());
        }
        skip.reader().ok_or(corrupt)?;
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

/// Skips the `count` positions of one posting.
fn skip_positions(r: &mut Skipper<'_>, count: usize, k_first: u32, k_gap: u32) -> Option<()> {
    if count > 0 {
        r.skip(1, k_first)?;
        r.skip(count - 1, k_gap)?;
    }
    Some(())
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
    let count = usize::try_from(header >> 2).ok()?;
    let has_positions = header & 1 == 1;
    let in_text = header & 2 == 2;
    if has_positions && in_text {
        return None;
    }
    let k_ids = u32::from(c.u8()?);
    let k_pos = if has_positions { c.u8()? } else { 0 };
    let (k_first, k_gap) = (u32::from(k_pos >> 4), u32::from(k_pos & 15));
    let usual = c.u8()?;
    if k_ids > 32 || usual > 7 {
        return None;
    }
    let bits = section.get(c.pos()..)?;
    // Every posting takes at least three bits: a hostile count cannot make us reserve more
    // than the section holds.
    if count > bits.len() * 8 / 3 {
        return None;
    }
    // Read a word of bits at a time (a frequent word's list is tens of thousands of codes).
    let mut r = Skipper::new(bits, 0);
    let mut articles = Vec::with_capacity(count);
    let mut next = 0u32;
    for _ in 0..count {
        let gap = r.golomb(k_ids)?;
        let article = u32::try_from(u64::from(next) + gap).ok()?;
        articles.push(ArticleId(article));
        next = article.checked_add(1)?;
    }
    let ids_end = r.pos();
    let mut heads = Vec::with_capacity(count);
    let mut kind_at = Vec::with_capacity(count);
    // Occurrences of one list cannot outnumber a few dozen per byte of the section (a hostile
    // head must not make a reader loop or allocate billions of times): a repeated word's
    // positions take a bit each, its kinds none.
    let mut budget = section.len().saturating_mul(64).saturating_add(1 << 16);
    for _ in 0..count {
        let occurrences = u32::try_from(r.golomb(0)? + 1).ok()?;
        budget = budget.checked_sub(occurrences as usize)?;
        // `0`, `10` + kind or `11` + kinds, read from one look at the next bits.
        let next = r.peek();
        if next & 1 == 0 {
            r.advance(1)?;
            kind_at.push(0);
            heads.push((occurrences, usual));
        } else if next & 2 == 0 {
            r.advance(5)?;
            kind_at.push(0);
            heads.push((occurrences, ((next >> 2) & 7) as u8));
        } else {
            r.advance(2)?;
            kind_at.push(r.pos());
            r.advance(3 * occurrences as usize)?;
            heads.push((occurrences, MIXED));
        }
    }
    let heads_end = r.pos();
    let positions = has_positions.then_some((heads_end, k_first, k_gap));
    Some(PostingList {
        articles,
        heads,
        kind_at,
        bits,
        positions,
        in_text,
        offset,
        ids_end,
        heads_end,
    })
}
