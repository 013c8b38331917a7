//! Text tables: article texts and their blocks, as the BODY section and each hosted text
//! chunk store them (writer and reader side by side).
//!
//! ```text
//! count u32 LE | (count + 1) x text offset u32 LE | (count + 1) x blocks offset u32 LE
//! texts        every text, one after the other (UTF-8)
//! blocks       per record: block count varint, then per block: kind u8,
//!              start - previous block's end (zigzag varint), end - start (varint),
//!              first position - previous block's first position (zigzag varint)
//! ```
//!
//! Offsets are relative to the table; record `i`'s text is `texts[offset i .. offset i + 1]`,
//! its blocks likewise. The texts stand together, apart from the block tables, so that the
//! table compresses as well as the texts alone (the index travels gzip'd; a format that
//! interleaved each text with its blocks gzip'd about 12 % larger than the plain texts).
//! Block spans are coded against the previous block: a few bytes per block.

use super::{read_u32_le, Block, BlockKind};
use crate::varint::Cursor;
use crate::IndexError;

/// One record: a text and its blocks.
pub(crate) type TextRecord<'a> = (&'a str, Vec<Block>);

/// Encodes the text table of `records`.
#[cfg(feature = "write")]
pub(crate) fn encode<'r>(
    records: impl ExactSizeIterator<Item = (&'r str, &'r [Block])> + Clone,
) -> Vec<u8> {
    use crate::varint::put_u64;
    let count = records.len();
    let header = 4 + 8 * (count + 1);
    let text_len: usize = records.clone().map(|(t, _)| t.len()).sum();
    let mut blocks = Vec::new();
    let mut block_starts = Vec::with_capacity(count + 1);
    for (_, bs) in records.clone() {
        block_starts.push(blocks.len());
        put_u64(&mut blocks, bs.len() as u64);
        let (mut end, mut first) = (0i64, 0i64);
        for b in bs {
            blocks.push(b.kind as u8);
            put_u64(&mut blocks, zigzag(i64::from(b.start) - end));
            put_u64(&mut blocks, u64::from(b.end.saturating_sub(b.start)));
            put_u64(&mut blocks, zigzag(i64::from(b.first_position) - first));
            end = i64::from(b.start.max(b.end));
            first = i64::from(b.first_position);
        }
    }
    block_starts.push(blocks.len());
    let mut out = Vec::with_capacity(header + text_len + blocks.len());
    out.extend_from_slice(&(count as u32).to_le_bytes());
    let mut at = header;
    for (t, _) in records.clone() {
        out.extend_from_slice(&(at as u32).to_le_bytes());
        at += t.len();
    }
    out.extend_from_slice(&(at as u32).to_le_bytes());
    for s in block_starts {
        out.extend_from_slice(&((at + s) as u32).to_le_bytes());
    }
    for (t, _) in records {
        out.extend_from_slice(t.as_bytes());
    }
    out.extend_from_slice(&blocks);
    out
}

#[cfg(feature = "write")]
fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// Number of records.
pub(crate) fn count(table: &[u8], name: &'static str) -> Result<u32, IndexError> {
    read_u32_le(table, 0).ok_or(IndexError::Corrupt {
        section: name,
        offset: 0,
    })
}

/// The text and blocks of record `i`.
pub(crate) fn decode<'a>(
    table: &'a [u8],
    name: &'static str,
    i: u32,
) -> Result<TextRecord<'a>, IndexError> {
    let count = count(table, name)?;
    if i >= count {
        return Err(IndexError::NoSuchArticle { id: i, count });
    }
    let corrupt = |offset| IndexError::Corrupt {
        section: name,
        offset,
    };
    let slot = |n: usize| -> Result<usize, IndexError> {
        let at = 4 + 4 * n;
        read_u32_le(table, at)
            .map(|v| v as usize)
            .ok_or(corrupt(at))
    };
    let (count, i) = (count as usize, i as usize);
    let (start, end) = (slot(i)?, slot(i + 1)?);
    let text = table
        .get(start..end)
        .and_then(|b| std::str::from_utf8(b).ok())
        .ok_or(corrupt(start))?;
    let at = slot(count + 1 + i)?;
    let mut c = Cursor::new(table, at);
    let blocks = decode_blocks(&mut c).ok_or(corrupt(c.pos()))?;
    Ok((text, blocks))
}

/// The text of record `i`, without its blocks.
pub(crate) fn decode_text_only<'a>(
    table: &'a [u8],
    name: &'static str,
    i: u32,
) -> Result<&'a str, IndexError> {
    let count = count(table, name)?;
    if i >= count {
        return Err(IndexError::NoSuchArticle { id: i, count });
    }
    let corrupt = |offset| IndexError::Corrupt {
        section: name,
        offset,
    };
    let slot = |n: usize| -> Result<usize, IndexError> {
        let at = 4 + 4 * n;
        read_u32_le(table, at)
            .map(|v| v as usize)
            .ok_or(corrupt(at))
    };
    let (start, end) = (slot(i as usize)?, slot(i as usize + 1)?);
    table
        .get(start..end)
        .and_then(|b| std::str::from_utf8(b).ok())
        .ok_or(corrupt(start))
}

fn decode_blocks(c: &mut Cursor<'_>) -> Option<Vec<Block>> {
    let n = c.u32()? as usize;
    let mut blocks = Vec::with_capacity(n.min(1024));
    let (mut end, mut first) = (0i64, 0i64);
    for _ in 0..n {
        let kind = BlockKind::from_u8(c.u8()?)?;
        let start = u32::try_from(end.checked_add(unzigzag(c.u64()?))?).ok()?;
        let stop = start.checked_add(c.u32()?)?;
        let first_position = u32::try_from(first.checked_add(unzigzag(c.u64()?))?).ok()?;
        end = i64::from(stop);
        first = i64::from(first_position);
        blocks.push(Block {
            kind,
            start,
            end: stop,
            first_position,
        });
    }
    Some(blocks)
}

/// Every record of a table, in order.
#[cfg(feature = "write")]
pub(crate) fn decode_all<'a>(
    table: &'a [u8],
    name: &'static str,
) -> Result<Vec<TextRecord<'a>>, IndexError> {
    (0..count(table, name)?)
        .map(|i| decode(table, name, i))
        .collect()
}

#[cfg(all(test, feature = "write"))]
mod tests {
    use super::*;

    fn block(kind: BlockKind, start: u32, end: u32, first_position: u32) -> Block {
        Block {
            kind,
            start,
            end,
            first_position,
        }
    }

    #[test]
    fn round_trips_texts_and_blocks_in_any_order() {
        let records: Vec<(&str, Vec<Block>)> = vec![
            (
                "Titel\nErster Absatz über Pjöngjang.",
                vec![
                    block(BlockKind::Title, 0, 5, 0),
                    block(BlockKind::Paragraph, 6, 36, 9),
                ],
            ),
            ("", vec![]),
            // Out of order and overlapping spans, a position going back: still exact.
            (
                "abc def",
                vec![
                    block(BlockKind::Paragraph, 4, 7, 20),
                    block(BlockKind::Caption, 0, 3, 0),
                    block(BlockKind::Heading, 2, 5, u32::MAX),
                ],
            ),
        ];
        let table = encode(records.iter().map(|(t, b)| (*t, b.as_slice())));
        assert_eq!(count(&table, "BODY"), Ok(3));
        let decoded = decode_all(&table, "BODY").unwrap();
        assert_eq!(decoded, records);
        assert_eq!(
            decode(&table, "BODY", 3),
            Err(IndexError::NoSuchArticle { id: 3, count: 3 })
        );
    }

    #[test]
    fn the_texts_stand_together() {
        let table = encode(
            [
                ("eins ", &[][..]),
                ("zwei", &[block(BlockKind::Title, 0, 4, 0)][..]),
            ]
            .into_iter(),
        );
        let joined = b"eins zwei";
        assert!(table.windows(joined.len()).any(|w| w == joined));
    }

    #[test]
    fn damaged_tables_give_errors_not_panics() {
        let table = encode([("Titel\nText", &[block(BlockKind::Title, 0, 5, 0)][..])].into_iter());
        for i in 0..table.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut t = table.clone();
                t[i] ^= flip;
                let _ = decode_all(&t, "BODY");
            }
        }
        assert!(decode_all(&table[..table.len() - 1], "BODY").is_err());
    }
}
