//! Stored articles: what the page shows (file, title, date, text and its blocks).
//!
//! Two tables, so that listing and ranking articles never touch their text:
//!
//! ```text
//! HEAD   count u32 LE | count x record offset u32 LE (relative to the section) | records
//!        record: file str | flags u8 (bit 0: title derived, bit 1: has date, bit 2: title
//!                in the text) | title: str, or (bit 2) its start in the article's text
//!                varint and length varint | [year varint, month u8] | indexed length varint
//! LENS   per article, one byte: its indexed length, quantized ([`lengths`]) — what ranking
//!        reads for every candidate
//! ARTS   per article, fixed 3 bytes: year u16 LE (0: undated) | month u8 — what date
//!        filters, date orders and the histogram read for every match
//! BODY   a text table ([`texts`]): every text, one after the other, then every article's
//!        blocks (kind, span, first token position), with offsets to both
//! ```
//!
//! A title is nearly always a line of its text (the title line, or a first sentence short
//! enough to be the derived title): then HEAD points into BODY rather than repeat it (0.7 MB
//! at 10,000 articles). A hosted index has no BODY: `chunks::split_text` writes its titles
//! out. Strings are varint-length-prefixed UTF-8. The reader hands out `&str`s that borrow the
//! index bytes: nothing is copied. Each article's source, authors, URL and language are in
//! the AMET section ([`meta`]).

pub mod lengths;
mod meta;
pub(crate) mod texts;

#[cfg(feature = "write")]
pub(crate) use meta::encode as encode_meta;
pub use meta::{ArticleMeta, AuthorId, Metadata, SourceId};

use crate::varint::Cursor;
use crate::{ArticleId, IndexError};

/// A year and month, as given by an article's ` date YYYY-MM` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: u16,
    /// 1..=12
    pub month: u8,
}

/// What a block of an article's text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BlockKind {
    /// The rest of the date line: a photo caption or credit, not body text.
    Caption = 0,
    /// The title line.
    Title = 1,
    /// A subheading inside the body.
    Heading = 2,
    /// A paragraph of body text.
    Paragraph = 3,
    /// Trailing boilerplate (a disclaimer): shown, not indexed.
    Boilerplate = 4,
}

impl BlockKind {
    /// Whether the block's words are in the postings (every kind but boilerplate). The
    /// writer's caller indexes those, the engine reads positions in the text of those.
    pub fn is_indexed(self) -> bool {
        self != BlockKind::Boilerplate
    }

    fn from_u8(b: u8) -> Option<BlockKind> {
        Some(match b {
            0 => BlockKind::Caption,
            1 => BlockKind::Title,
            2 => BlockKind::Heading,
            3 => BlockKind::Paragraph,
            4 => BlockKind::Boilerplate,
            _ => return None,
        })
    }
}

/// A span of an article's text with its kind. `start..end` are byte offsets into
/// [`ArticleRecord::text`]; `first_position` is the token position of its first word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub start: u32,
    pub end: u32,
    pub first_position: u32,
}

/// What it takes to list and rank an article: everything but its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleHead<'a> {
    pub file: &'a str,
    pub title: &'a str,
    pub title_derived: bool,
    pub date: Option<YearMonth>,
    pub indexed_len: u32,
}

/// One stored article. The writer takes it borrowed from the parser's data; the reader
/// returns it borrowed from the index bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRecord<'a> {
    /// Source file name, e.g. `000_583b21297003d79a.txt`.
    pub file: &'a str,
    pub title: &'a str,
    /// The article had no title line; `title` was derived from its first sentence.
    pub title_derived: bool,
    pub date: Option<YearMonth>,
    /// Number of indexed tokens (the document length for BM25).
    pub indexed_len: u32,
    /// The article's text (as decoded at build time).
    pub text: &'a str,
    pub blocks: Vec<Block>,
}

impl<'a> ArticleRecord<'a> {
    /// A record from its head and its text (wherever the text was stored: the BODY section
    /// or a text chunk).
    pub fn with_text(head: ArticleHead<'a>, text: &'a str, blocks: Vec<Block>) -> Self {
        ArticleRecord {
            file: head.file,
            title: head.title,
            title_derived: head.title_derived,
            date: head.date,
            indexed_len: head.indexed_len,
            text,
            blocks,
        }
    }

    /// The record without its text.
    pub fn head(&self) -> ArticleHead<'a> {
        ArticleHead {
            file: self.file,
            title: self.title,
            title_derived: self.title_derived,
            date: self.date,
            indexed_len: self.indexed_len,
        }
    }

    /// The text of `block`, or `""` if its span is not inside the text.
    pub fn block_text(&self, block: &Block) -> &'a str {
        self.text
            .get(block.start as usize..block.end as usize)
            .unwrap_or("")
    }
}

/// Bytes per article in the ARTS table.
pub(crate) const ARTS_RECORD: usize = 3;

/// Encode the fixed-size ARTS table (dates) of `records`.
#[cfg(feature = "write")]
pub(crate) fn encode_arts(records: &[ArticleRecord<'_>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(records.len() * ARTS_RECORD);
    for r in records {
        let (year, month) = r.date.map_or((0, 0), |d| (d.year, d.month));
        out.extend_from_slice(&year.to_le_bytes());
        out.push(month);
    }
    out
}

/// Encode the LENS table of `records`: each indexed length as one byte ([`lengths`]).
#[cfg(feature = "write")]
pub(crate) fn encode_lens(records: &[ArticleRecord<'_>]) -> Vec<u8> {
    records
        .iter()
        .map(|r| lengths::to_byte(r.indexed_len))
        .collect()
}

/// The date of article `id` from the ARTS table.
pub(crate) fn decode_arts(arts: &[u8], id: ArticleId) -> Result<Option<YearMonth>, IndexError> {
    let at = id.0 as usize * ARTS_RECORD;
    let r = arts
        .get(at..at + ARTS_RECORD)
        .ok_or(IndexError::NoSuchArticle {
            id: id.0,
            count: (arts.len() / ARTS_RECORD) as u32,
        })?;
    let year = u16::from_le_bytes([r[0], r[1]]);
    Ok((year != 0 && (1..=12).contains(&r[2])).then_some(YearMonth { year, month: r[2] }))
}

/// The indexed length of article `id` from the LENS table, as ranking sees it (quantized).
pub(crate) fn decode_lens(lens: &[u8], id: ArticleId) -> Result<u32, IndexError> {
    lens.get(id.0 as usize)
        .map(|&b| lengths::from_byte(b))
        .ok_or(IndexError::NoSuchArticle {
            id: id.0,
            count: lens.len() as u32,
        })
}

/// Encode the HEAD and BODY tables of `records`.
#[cfg(feature = "write")]
pub(crate) fn encode(records: &[ArticleRecord<'_>]) -> (Vec<u8>, Vec<u8>) {
    let head = encode_heads(records, |r| {
        let at = (!r.title.is_empty())
            .then(|| r.text.find(r.title))
            .flatten()?;
        Some((at, r.title.len()))
    });
    let body = texts::encode(records.iter().map(|r| (r.text, r.blocks.as_slice())));
    (head, body)
}

/// Encode a HEAD table of `records`, each title pointing into its text where `in_text` gives
/// its span there.
#[cfg(feature = "write")]
pub(crate) fn encode_heads(
    records: &[ArticleRecord<'_>],
    in_text: impl Fn(&ArticleRecord<'_>) -> Option<(usize, usize)>,
) -> Vec<u8> {
    use crate::varint::{put_str, put_u64};
    table(records, |out, r| {
        put_str(out, r.file);
        let span = in_text(r);
        let flags = u8::from(r.title_derived)
            | (u8::from(r.date.is_some()) << 1)
            | (u8::from(span.is_some()) << 2);
        out.push(flags);
        match span {
            Some((start, len)) => {
                put_u64(out, start as u64);
                put_u64(out, len as u64);
            }
            None => put_str(out, r.title),
        }
        if let Some(d) = r.date {
            put_u64(out, u64::from(d.year));
            out.push(d.month);
        }
        put_u64(out, u64::from(r.indexed_len));
    })
}

/// A table: count, offsets, then one record per item written by `write`.
#[cfg(feature = "write")]
pub(crate) fn table<T>(items: &[T], write: impl Fn(&mut Vec<u8>, &T)) -> Vec<u8> {
    let mut body = Vec::new();
    let mut offsets = Vec::with_capacity(items.len());
    for item in items {
        offsets.push(body.len());
        write(&mut body, item);
    }
    let header_len = 4 + 4 * items.len();
    let mut out = Vec::with_capacity(header_len + body.len());
    out.extend_from_slice(&(items.len() as u32).to_le_bytes());
    for off in offsets {
        out.extend_from_slice(&((header_len + off) as u32).to_le_bytes());
    }
    out.extend_from_slice(&body);
    out
}

/// Number of records in a HEAD or BODY table.
pub(crate) fn count(section: &[u8], name: &'static str) -> Result<u32, IndexError> {
    read_u32_le(section, 0).ok_or(IndexError::Corrupt {
        section: name,
        offset: 0,
    })
}

/// A cursor at the record of article `id` in a table.
fn record_at<'a>(
    section: &'a [u8],
    name: &'static str,
    id: ArticleId,
) -> Result<Cursor<'a>, IndexError> {
    table_record(section, name, id.0)
}

/// A cursor at record `i` of a table (see [`table`]).
pub(crate) fn table_record<'a>(
    section: &'a [u8],
    name: &'static str,
    i: u32,
) -> Result<Cursor<'a>, IndexError> {
    let count = count(section, name)?;
    if i >= count {
        return Err(IndexError::NoSuchArticle { id: i, count });
    }
    let slot = 4 + 4 * i as usize;
    let offset = read_u32_le(section, slot).ok_or(IndexError::Corrupt {
        section: name,
        offset: slot,
    })?;
    Ok(Cursor::new(section, offset as usize))
}

/// Decode the head of article `id`; a title in the text is read from `body`, the BODY
/// section (a hosted index has none, and no such title).
pub(crate) fn decode_head<'a>(
    head: &'a [u8],
    body: Option<&'a [u8]>,
    id: ArticleId,
) -> Result<ArticleHead<'a>, IndexError> {
    let mut c = record_at(head, "HEAD", id)?;
    let corrupt = |c: &Cursor<'_>| IndexError::Corrupt {
        section: "HEAD",
        offset: c.pos(),
    };
    let (mut h, span) = decode_head_record(&mut c).ok_or_else(|| corrupt(&c))?;
    if let Some((start, len)) = span {
        let text = texts::decode_text_only(body.ok_or_else(|| corrupt(&c))?, "BODY", id.0)?;
        h.title = start
            .checked_add(len)
            .and_then(|end| text.get(start..end))
            .ok_or_else(|| corrupt(&c))?;
    }
    Ok(h)
}

/// Decode the whole of article `id`.
pub(crate) fn decode<'a>(
    head: &'a [u8],
    body: &'a [u8],
    id: ArticleId,
) -> Result<ArticleRecord<'a>, IndexError> {
    let h = decode_head(head, Some(body), id)?;
    let (text, blocks) = decode_text(body, "BODY", id.0)?;
    Ok(ArticleRecord::with_text(h, text, blocks))
}

/// The text and blocks of record `i` of a text table: the BODY section (`i` is the article
/// id), or a text chunk (`i` counts from the chunk's first article).
pub(crate) fn decode_text<'a>(
    table: &'a [u8],
    name: &'static str,
    i: u32,
) -> Result<(&'a str, Vec<Block>), IndexError> {
    texts::decode(table, name, i)
}

/// A HEAD record; a title in the text is left empty, and its span returned.
fn decode_head_record<'a>(c: &mut Cursor<'a>) -> Option<(ArticleHead<'a>, Option<(usize, usize)>)> {
    let file = c.str()?;
    let flags = c.u8()?;
    let (title, span) = if flags & 4 != 0 {
        let start = usize::try_from(c.u64()?).ok()?;
        let len = usize::try_from(c.u64()?).ok()?;
        ("", Some((start, len)))
    } else {
        (c.str()?, None)
    };
    let date = if flags & 2 != 0 {
        let year = u16::try_from(c.u64()?).ok()?;
        let month = c.u8()?;
        Some(YearMonth { year, month })
    } else {
        None
    };
    let indexed_len = c.u32()?;
    let head = ArticleHead {
        file,
        title,
        title_derived: flags & 1 != 0,
        date,
        indexed_len,
    };
    Some((head, span))
}

fn read_u32_le(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

#[cfg(all(test, feature = "write"))]
mod tests {
    use super::*;

    #[test]
    fn round_trips_records() {
        let text = "Titel\nErster Absatz über Pjöngjang.";
        let records = vec![
            ArticleRecord {
                file: "a.txt",
                title: "Titel",
                title_derived: false,
                date: Some(YearMonth {
                    year: 2019,
                    month: 1,
                }),
                indexed_len: 4,
                text,
                blocks: vec![
                    Block {
                        kind: BlockKind::Title,
                        start: 0,
                        end: 5,
                        first_position: 0,
                    },
                    Block {
                        kind: BlockKind::Paragraph,
                        start: 6,
                        end: text.len() as u32,
                        first_position: 9,
                    },
                ],
            },
            ArticleRecord {
                file: "b.txt",
                title: "Abgeleitet …",
                title_derived: true,
                date: None,
                indexed_len: 0,
                text: "",
                blocks: vec![],
            },
        ];
        let (head, body) = encode(&records);
        assert_eq!(count(&head, "HEAD"), Ok(2));
        for (i, r) in records.iter().enumerate() {
            let id = ArticleId(i as u32);
            assert_eq!(&decode(&head, &body, id).unwrap(), r);
            assert_eq!(decode_head(&head, Some(&body), id).unwrap().title, r.title);
        }
        // The first title is a line of its text and points there; the derived one is written
        // out, and reads without the texts.
        assert!(matches!(
            decode_head(&head, None, ArticleId(0)),
            Err(IndexError::Corrupt {
                section: "HEAD",
                ..
            })
        ));
        assert_eq!(
            decode_head(&head, None, ArticleId(1)).unwrap().title,
            "Abgeleitet …"
        );
        assert_eq!(
            decode(&head, &body, ArticleId(2)),
            Err(IndexError::NoSuchArticle { id: 2, count: 2 })
        );
        assert_eq!(
            records[0].block_text(&records[0].blocks[1]),
            "Erster Absatz über Pjöngjang."
        );
    }
}
