//! Stored articles: what the page shows (file, title, date, text and its blocks).
//!
//! ```text
//! DOCS   count u32 LE | count x record offset u32 LE (relative to the section) | records
//! record file str | title str | flags u8 (bit 0: title derived, bit 1: has date)
//!        [year varint, month u8] | indexed length varint | text str
//!        block count varint | per block: kind u8, start varint, end varint, first position varint
//! ```
//!
//! Strings are varint-length-prefixed UTF-8. The reader hands out `&str`s that borrow the
//! index bytes: nothing is copied.

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
    /// The text of `block`, or `""` if its span is not inside the text.
    pub fn block_text(&self, block: &Block) -> &'a str {
        self.text
            .get(block.start as usize..block.end as usize)
            .unwrap_or("")
    }
}

#[cfg(feature = "write")]
pub(crate) fn encode(records: &[ArticleRecord<'_>]) -> Vec<u8> {
    use crate::varint::{put_str, put_u64};
    let mut body = Vec::new();
    let mut offsets = Vec::with_capacity(records.len());
    for r in records {
        offsets.push(body.len());
        put_str(&mut body, r.file);
        put_str(&mut body, r.title);
        let flags = u8::from(r.title_derived) | (u8::from(r.date.is_some()) << 1);
        body.push(flags);
        if let Some(d) = r.date {
            put_u64(&mut body, u64::from(d.year));
            body.push(d.month);
        }
        put_u64(&mut body, u64::from(r.indexed_len));
        put_str(&mut body, r.text);
        put_u64(&mut body, r.blocks.len() as u64);
        for b in &r.blocks {
            body.push(b.kind as u8);
            put_u64(&mut body, u64::from(b.start));
            put_u64(&mut body, u64::from(b.end));
            put_u64(&mut body, u64::from(b.first_position));
        }
    }
    let header_len = 4 + 4 * records.len();
    let mut out = Vec::with_capacity(header_len + body.len());
    out.extend_from_slice(&(records.len() as u32).to_le_bytes());
    for off in offsets {
        out.extend_from_slice(&((header_len + off) as u32).to_le_bytes());
    }
    out.extend_from_slice(&body);
    out
}

/// Number of records in a DOCS section.
pub(crate) fn count(section: &[u8]) -> Result<u32, IndexError> {
    read_u32_le(section, 0).ok_or(IndexError::Corrupt {
        section: "DOCS",
        offset: 0,
    })
}

/// Decode the record of article `id` from a DOCS section.
pub(crate) fn decode(section: &[u8], id: ArticleId) -> Result<ArticleRecord<'_>, IndexError> {
    let count = count(section)?;
    if id.0 >= count {
        return Err(IndexError::NoSuchArticle { id: id.0, count });
    }
    let slot = 4 + 4 * id.0 as usize;
    let corrupt = |offset| IndexError::Corrupt {
        section: "DOCS",
        offset,
    };
    let offset = read_u32_le(section, slot).ok_or(corrupt(slot))? as usize;
    let mut c = Cursor::new(section, offset);
    decode_record(&mut c).ok_or_else(|| corrupt(c.pos()))
}

fn decode_record<'a>(c: &mut Cursor<'a>) -> Option<ArticleRecord<'a>> {
    let file = c.str()?;
    let title = c.str()?;
    let flags = c.u8()?;
    let date = if flags & 2 != 0 {
        let year = u16::try_from(c.u64()?).ok()?;
        let month = c.u8()?;
        Some(YearMonth { year, month })
    } else {
        None
    };
    let indexed_len = c.u32()?;
    let text = c.str()?;
    let n = c.u32()? as usize;
    let mut blocks = Vec::with_capacity(n.min(1024));
    for _ in 0..n {
        let kind = BlockKind::from_u8(c.u8()?)?;
        let start = c.u32()?;
        let end = c.u32()?;
        let first_position = c.u32()?;
        blocks.push(Block {
            kind,
            start,
            end,
            first_position,
        });
    }
    Some(ArticleRecord {
        file,
        title,
        title_derived: flags & 1 != 0,
        date,
        indexed_len,
        text,
        blocks,
    })
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
        let bytes = encode(&records);
        assert_eq!(count(&bytes), Ok(2));
        for (i, r) in records.iter().enumerate() {
            assert_eq!(&decode(&bytes, ArticleId(i as u32)).unwrap(), r);
        }
        assert_eq!(
            decode(&bytes, ArticleId(2)),
            Err(IndexError::NoSuchArticle { id: 2, count: 2 })
        );
        assert_eq!(
            records[0].block_text(&records[0].blocks[1]),
            "Erster Absatz über Pjöngjang."
        );
    }
}
