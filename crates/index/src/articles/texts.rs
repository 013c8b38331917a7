//! Text tables: article texts and their blocks, as the BODY section and each hosted text
//! chunk store them (writer and reader side by side).
//!
//! ```text
//! count u32 LE | (count + 1) x text offset u32 LE | (count + 1) x blocks offset u32 LE
//! texts        every text, one after the other (UTF-8)
//! blocks       per record: block count varint; with blocks, k_start u8, k_len << 4 |
//!              k_first u8 (exp-Golomb orders), then bits, per block: kind (3 bits),
//!              start - previous block's end, end - start, first position - previous
//!              block's first position (each a wrapping u32 difference, of its order)
//! ```
//!
//! Offsets are relative to the table; record `i`'s text is `texts[offset i .. offset i + 1]`,
//! its blocks likewise. The texts stand together, apart from the block tables, so that the
//! table compresses as well as the texts alone (the index travels gzip'd; a format that
//! interleaved each text with its blocks gzip'd about 12 % larger than the plain texts).
//! Block spans are coded against the previous block, as bit codes: about 3 bytes per block
//! (5.5 as varints).

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
    let count = records.len();
    let header = 4 + 8 * (count + 1);
    let text_len: usize = records.clone().map(|(t, _)| t.len()).sum();
    let mut blocks = Vec::new();
    let mut block_starts = Vec::with_capacity(count + 1);
    for (_, bs) in records.clone() {
        block_starts.push(blocks.len());
        encode_blocks(&mut blocks, bs);
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

/// One record's blocks (see the module docs).
#[cfg(feature = "write")]
fn encode_blocks(out: &mut Vec<u8>, blocks: &[Block]) {
    use crate::varint::{best_order, put_u64, BitWriter};
    put_u64(out, blocks.len() as u64);
    if blocks.is_empty() {
        return;
    }
    // Per block: start - previous end, length, first position - previous first position,
    // each a wrapping u32 difference (a span or position going back costs more, not fails).
    let (mut end, mut first) = (0u32, 0u32);
    let values: Vec<[u64; 3]> = blocks
        .iter()
        .map(|b| {
            let v = [
                u64::from(b.start.wrapping_sub(end)),
                u64::from(b.end.wrapping_sub(b.start)),
                u64::from(b.first_position.wrapping_sub(first)),
            ];
            end = b.end;
            first = b.first_position;
            v
        })
        .collect();
    let order = |i: usize| best_order(values.iter().map(move |v| v[i])).min(15);
    let k = [order(0), order(1), order(2)];
    out.push(k[0] as u8);
    out.push((k[1] << 4 | k[2]) as u8);
    let mut w = BitWriter::default();
    for (b, v) in blocks.iter().zip(&values) {
        w.bits(b.kind as u64, 3);
        for i in 0..3 {
            w.golomb(v[i], k[i]);
        }
    }
    out.extend_from_slice(&w.finish());
}

/// Number of records./// Number of records.
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
    let text = decode_text_only(table, name, i)?;
    let corrupt = |offset| IndexError::Corrupt {
        section: name,
        offset,
    };
    // The blocks' offsets follow the texts' `count + 1` offsets.
    let slot = 4 + 4 * (count(table, name)? as usize + 1 + i as usize);
    let at = read_u32_le(table, slot).ok_or(corrupt(slot))? as usize;
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
    use crate::varint::BitReader;
    let n = c.u32()? as usize;
    if n == 0 {
        return Some(Vec::new());
    }
    let k_start = u32::from(c.u8()?);
    let k = c.u8()?;
    let (k_len, k_first) = (u32::from(k >> 4), u32::from(k & 15));
    let bits = c.rest();
    // Every block takes at least six bits: a hostile count cannot make us reserve more.
    if k_start > 15 || n.saturating_mul(6) > bits.len() * 8 {
        return None;
    }
    let mut r = BitReader::new(bits, 0);
    let mut blocks = Vec::with_capacity(n);
    let (mut end, mut first) = (0u32, 0u32);
    let next = |r: &mut BitReader<'_>, k| -> Option<u32> { u32::try_from(r.golomb(k)?).ok() };
    for _ in 0..n {
        let kind = BlockKind::from_u8(r.bits(3)? as u8)?;
        let start = end.wrapping_add(next(&mut r, k_start)?);
        let stop = start.wrapping_add(next(&mut r, k_len)?);
        let first_position = first.wrapping_add(next(&mut r, k_first)?);
        end = stop;
        first = first_position;
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
