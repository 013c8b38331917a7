//! Where the embedded index sits in a `.wasm` file: to optimise the module without it, and to
//! measure the module without it.
//!
//! `cargo xtask dist` runs wasm-bindgen and wasm-opt on the code only: [`find_whole`] finds
//! the index in the data segment rustc wrote, [`cut_out`] removes it (the segment becomes the
//! data before and after it), and [`with_segment`] puts it back afterwards as one more active
//! segment at the same address (`xtask/src/dist/apart.rs`).
//!
//! The index is `include_bytes!` data: rustc puts it in an active data segment, and wasm-opt's
//! memory packing may then split that segment around runs of zeros. So the index is found in
//! linear-memory terms: every active segment with an `i32.const` offset is laid out at its
//! address, the index's first bytes locate its address range, and the file bytes of every
//! segment piece inside that range are the index's share of the file, with the headers of the
//! segments that hold nothing else (at 10k articles, -Oz splits the index into ~1,600
//! segments: ~9 KiB gzip of headers that are not code). Cutting them out leaves
//! "the module without the index": code, tables and the module's other data, whose compressed
//! size is the cost of the code alone.

use std::ops::Range;

/// The module's bytes with the embedded `index` cut out, or `None` when the index cannot be
/// found whole (then nothing is guessed).
pub fn without_index(wasm: &[u8], index: &[u8]) -> Option<Vec<u8>> {
    let segments = data_segments(wasm)?;
    // The index's first bytes, up to a run of zeros (memory packing may split there).
    let mut probe_len = index.len().min(64);
    if let Some(run) = index.windows(4).position(|w| w == [0; 4]) {
        probe_len = probe_len.min(run);
    }
    let probe = &index[..probe_len];
    if probe.len() < 4 {
        return None;
    }
    // The segment holding the index's first bytes gives its address.
    let start = segments.iter().find_map(|s| {
        let data = &wasm[s.file_start..s.file_start + s.len];
        find(data, probe).map(|at| s.address + at as u64)
    })?;
    let end = start + index.len() as u64;
    // Check: the bytes of the segments in [start, end) are the index (gaps are zeros).
    let mut covered = vec![false; index.len()];
    let mut cut: Vec<(usize, usize)> = Vec::new();
    for s in &segments {
        let (a, b) = (s.address, s.address + s.len as u64);
        let (lo, hi) = (a.max(start), b.min(end));
        if lo >= hi {
            continue;
        }
        // A segment wholly inside the index is the index's share with its header: memory
        // packing splits a large index at its runs of zeros into hundreds of segments.
        let file_lo = if lo == a && hi == b {
            s.header_start
        } else {
            s.file_start + (lo - a) as usize
        };
        let file_hi = s.file_start + (hi - a) as usize;
        let index_lo = (lo - start) as usize;
        let index_hi = (hi - start) as usize;
        if wasm[file_hi - (hi - lo) as usize..file_hi] != index[index_lo..index_hi] {
            return None;
        }
        covered[index_lo..index_hi]
            .iter_mut()
            .for_each(|c| *c = true);
        cut.push((file_lo, file_hi));
    }
    let gaps_are_zero = covered
        .iter()
        .zip(index)
        .all(|(&covered, &byte)| covered || byte == 0);
    if !gaps_are_zero {
        return None;
    }
    cut.sort_unstable();
    let mut out = Vec::with_capacity(wasm.len());
    let mut at = 0;
    for (lo, hi) in cut {
        out.extend_from_slice(&wasm[at..lo]);
        at = hi;
    }
    out.extend_from_slice(&wasm[at..]);
    Some(out)
}

/// The body of the code section (the compiled functions), if the module has one.
pub fn code_section(wasm: &[u8]) -> Option<&[u8]> {
    let (_, body) = sections(wasm)?.into_iter().find(|(id, _)| *id == 10)?;
    wasm.get(body)
}

/// The module's sections in order: each one's id and the range of its body in `wasm`. `None`
/// when `wasm` is not a module or a section runs past its end.
fn sections(wasm: &[u8]) -> Option<Vec<(u8, Range<usize>)>> {
    if wasm.get(..4)? != b"\0asm" {
        return None;
    }
    let mut r = Reader {
        bytes: wasm,
        pos: 8,
    };
    let mut out = Vec::new();
    while r.pos < wasm.len() {
        let id = r.byte()?;
        let size = r.leb()? as usize;
        let end = r.pos.checked_add(size)?;
        wasm.get(r.pos..end)?;
        out.push((id, r.pos..end));
        r.pos = end;
    }
    Some(out)
}

/// `wasm` with the body of each section for which `new_body(id, body)` gives one replaced
/// (`Some(None)`: kept as it is; `None`: the module cannot be rewritten).
fn rewrite(
    wasm: &[u8],
    mut new_body: impl FnMut(u8, Range<usize>) -> Option<Option<Vec<u8>>>,
) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(wasm.len());
    out.extend_from_slice(wasm.get(..8)?);
    for (id, range) in sections(wasm)? {
        let new = new_body(id, range.clone())?;
        let body = new.as_deref().unwrap_or(&wasm[range]);
        out.push(id);
        out.extend_from_slice(&leb_bytes(body.len() as u64));
        out.extend_from_slice(body);
    }
    Some(out)
}

/// One active data segment of memory 0: `bytes` at `address`.
fn segment(address: u32, bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![0, 0x41];
    out.extend_from_slice(&sleb_bytes(i64::from(address as i32)));
    out.push(0x0b);
    out.extend_from_slice(&leb_bytes(bytes.len() as u64));
    out.extend_from_slice(bytes);
    out
}

/// The sections of an index file by tag (`TERM`, `POST`, ...), read from its directory: the
/// header (magic 8, version 4, checksum 4, body length 8 bytes), then in the body a `u32`
/// count and per section a tag, a body offset and a length (`u32`, little-endian), as
/// `explorer-index`'s container.rs writes them. Only for the size report: `None` when the file
/// does not look like that (the format moved on), and the report leaves the breakdown out.
pub fn index_sections(index: &[u8]) -> Option<Vec<(String, &[u8])>> {
    const HEADER_LEN: usize = 24;
    let body = index.get(HEADER_LEN..)?;
    let u32_at = |at: usize| -> Option<usize> {
        let b = body.get(at..at + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let count = u32_at(0)?;
    if count > 64 {
        return None;
    }
    let mut out = Vec::new();
    for i in 0..count {
        let at = 4 + i * 12;
        let tag = String::from_utf8(body.get(at..at + 4)?.to_vec()).ok()?;
        let (offset, len) = (u32_at(at + 4)?, u32_at(at + 8)?);
        out.push((tag, body.get(offset..offset.checked_add(len)?)?));
    }
    Some(out)
}

/// Where `index` lies whole inside one active data segment: its memory address and its
/// offset in the file. `None` when it is not there in one piece.
pub fn find_whole(wasm: &[u8], index: &[u8]) -> Option<(u32, usize)> {
    let probe = index.get(..index.len().min(64))?;
    for s in data_segments(wasm)? {
        let data = &wasm[s.file_start..s.file_start + s.len];
        let mut from = 0;
        while let Some(at) = find(&data[from..], probe).map(|at| from + at) {
            if data.get(at..at + index.len()) == Some(index) {
                let address = u32::try_from(s.address + at as u64).ok()?;
                return Some((address, s.file_start + at));
            }
            from = at + 1;
        }
    }
    None
}

/// `wasm` without the `len` bytes at file offset `at` (the index, as [`find_whole`] found it):
/// the active segment holding them becomes the segments of what lies before and after them
/// (none if nothing does), the data count section follows. wasm-bindgen and wasm-opt then
/// neither read nor write the index (48 MiB at 10k articles); [`with_segment`] puts it back. `None` if no one segment holds that range.
pub fn cut_out(wasm: &[u8], at: usize, len: usize) -> Option<Vec<u8>> {
    let end = at.checked_add(len)?;
    let segments = data_segments(wasm)?;
    let s = segments
        .iter()
        .find(|s| s.file_start <= at && end <= s.file_start + s.len)?;
    let address = u32::try_from(s.address).ok()?;
    let before = &wasm[s.file_start..at];
    let after = &wasm[end..s.file_start + s.len];
    let mut pieces = Vec::new();
    for (offset, bytes) in [(0, before), (before.len() + len, after)] {
        if !bytes.is_empty() {
            let piece_address = address.checked_add(u32::try_from(offset).ok()?)?;
            pieces.extend_from_slice(&segment(piece_address, bytes));
        }
    }
    let added = u64::from(!before.is_empty()) + u64::from(!after.is_empty());
    let recount = |count: u64| (count + added).checked_sub(1);
    rewrite(wasm, |id, body| {
        let mut b = Reader {
            bytes: &wasm[body.clone()],
            pos: 0,
        };
        Some(match id {
            12 => Some(leb_bytes(recount(b.leb()?)?)),
            11 => {
                let mut new = leb_bytes(recount(b.leb()?)?);
                new.extend_from_slice(&wasm[body.start + b.pos..s.header_start]);
                new.extend_from_slice(&pieces);
                new.extend_from_slice(&wasm[s.file_start + s.len..body.end]);
                Some(new)
            }
            _ => None,
        })
    })
}

/// `wasm` with one more active data segment, after the others: `bytes` at `address` of memory
/// 0 (the data count section, if any, counts it). `None` if the module has no data section.
pub fn with_segment(wasm: &[u8], address: u32, bytes: &[u8]) -> Option<Vec<u8>> {
    let mut added = false;
    let out = rewrite(wasm, |id, body| {
        let mut b = Reader {
            bytes: &wasm[body.clone()],
            pos: 0,
        };
        Some(match id {
            // The data count section, and the data section with the segment at its end.
            12 => Some(leb_bytes(b.leb()? + 1)),
            11 => {
                let mut new = leb_bytes(b.leb()? + 1);
                new.extend_from_slice(&wasm[body.start + b.pos..body.end]);
                new.extend_from_slice(&segment(address, bytes));
                added = true;
                Some(new)
            }
            _ => None,
        })
    })?;
    added.then_some(out)
}

fn leb_bytes(mut n: u64) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return out;
        }
        out.push(b | 0x80);
    }
}

fn sleb_bytes(mut n: i64) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        let done = (n == 0 && b & 0x40 == 0) || (n == -1 && b & 0x40 != 0);
        out.push(if done { b } else { b | 0x80 });
        if done {
            return out;
        }
    }
}

struct Segment {
    /// Where the segment's header (flags, offset expression, length) begins in the file.
    header_start: usize,
    address: u64,
    file_start: usize,
    len: usize,
}

/// Active data segments with a constant address.
fn data_segments(wasm: &[u8]) -> Option<Vec<Segment>> {
    let Some((_, body)) = sections(wasm)?.into_iter().find(|(id, _)| *id == 11) else {
        return Some(Vec::new());
    };
    let mut r = Reader {
        bytes: wasm,
        pos: body.start,
    };
    let count = r.leb()?;
    let mut segments = Vec::new();
    for _ in 0..count {
        let header_start = r.pos;
        let flags = r.leb()?;
        let mut address = None;
        if flags == 0 || flags == 2 {
            if flags == 2 {
                r.leb()?; // memory index
            }
            // The offset expression: `i32.const N end` (anything else: not constant).
            let op = r.byte()?;
            if op == 0x41 {
                address = Some(r.sleb()? as u32 as u64);
            }
            while r.byte()? != 0x0b {}
        }
        let len = r.leb()? as usize;
        let file_start = r.pos;
        r.pos = file_start.checked_add(len)?;
        if let Some(address) = address {
            segments.push(Segment {
                header_start,
                address,
                file_start,
                len,
            });
        }
    }
    Some(segments)
}

/// A cursor over a WebAssembly module's bytes: bytes, LEB128 numbers, names.
pub struct Reader<'a> {
    pub bytes: &'a [u8],
    pub pos: usize,
}

impl Reader<'_> {
    pub fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    pub fn leb(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    /// A name: its length, then UTF-8 (lossy).
    pub fn name(&mut self) -> Option<String> {
        let len = self.leb()? as usize;
        let bytes = self.bytes.get(self.pos..self.pos.checked_add(len)?)?;
        self.pos += len;
        Some(String::from_utf8_lossy(bytes).into_owned())
    }

    fn sleb(&mut self) -> Option<i64> {
        let mut value = 0i64;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            value |= i64::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                if shift < 64 && b & 0x40 != 0 {
                    value |= -1i64 << shift;
                }
                return Some(value);
            }
            if shift >= 64 {
                return None;
            }
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leb(n: u64, out: &mut Vec<u8>) {
        out.extend_from_slice(&leb_bytes(n));
    }

    fn sleb(n: i64, out: &mut Vec<u8>) {
        out.extend_from_slice(&sleb_bytes(n));
    }

    /// A module with one data section of the given (address, bytes) segments.
    fn module(segments: &[(u32, &[u8])]) -> Vec<u8> {
        let mut body = Vec::new();
        leb(segments.len() as u64, &mut body);
        for (address, bytes) in segments {
            body.push(0);
            body.push(0x41);
            sleb(i64::from(*address), &mut body);
            body.push(0x0b);
            leb(bytes.len() as u64, &mut body);
            body.extend_from_slice(bytes);
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 1, 0]); // an empty type section
        wasm.push(11);
        leb(body.len() as u64, &mut wasm);
        wasm.extend_from_slice(&body);
        wasm
    }

    #[test]
    fn the_index_is_cut_out_even_when_split_around_zeros() {
        let index = b"IDXHEADER-0123456789\0\0\0\0\0\0\0\0tail-of-the-index";
        let (a, b) = index.split_at(20);
        let b = &b[8..]; // the zero run is not stored
        let wasm = module(&[(16, b"other data"), (100, a), (128, b)]);
        let cut = without_index(&wasm, index).expect("found");
        // Both index segments go whole, with their 6-byte headers (flags, i32.const, a
        // two-byte offset, end, length).
        assert_eq!(cut.len(), wasm.len() - (index.len() - 8) - 2 * 6);
        assert!(find(&cut, b"other data").is_some());
        assert!(find(&cut, b"IDXHEADER").is_none());
    }

    #[test]
    fn a_missing_or_altered_index_gives_none() {
        let wasm = module(&[(16, b"IDXHEADER-0123456789")]);
        assert!(without_index(&wasm, b"IDXHEADER-0123456789-more").is_none());
        assert!(without_index(&wasm, b"elsewhere").is_none());
    }

    #[test]
    fn an_index_cut_out_and_put_back_reads_the_same() {
        let index = b"IDXHEADER-0123456789-the-rest";
        let wasm = module(&[
            (16, b"other data"),
            (100, b"code data IDXHEADER-0123456789-the-rest!"),
            (300, b"more"),
        ]);
        let (address, at) = find_whole(&wasm, index).expect("found");
        let cut = cut_out(&wasm, at, index.len()).expect("one segment holds it");
        assert!(find(&cut, b"IDXHEADER").is_none());
        let laid_out = |wasm: &[u8]| -> Vec<(u64, Vec<u8>)> {
            let mut s: Vec<(u64, Vec<u8>)> = data_segments(wasm)
                .unwrap()
                .iter()
                .map(|s| (s.address, wasm[s.file_start..s.file_start + s.len].to_vec()))
                .collect();
            s.sort();
            s
        };
        assert_eq!(
            laid_out(&cut),
            [
                (16, b"other data".to_vec()),
                (100, b"code data ".to_vec()),
                (139, b"!".to_vec()),
                (300, b"more".to_vec()),
            ]
        );
        let back = with_segment(&cut, address, index).expect("has a data section");
        assert_eq!(find_whole(&back, index).map(|f| f.0), Some(110));
        // With a data count section (id 12, after the type section): it counts the pieces.
        let mut counted = wasm.clone();
        counted.splice(11..11, [12, 1, 3]);
        let cut = cut_out(&counted, at + 3, index.len()).unwrap();
        assert_eq!(&cut[11..14], &[12, 1, 4]);
        assert_eq!(laid_out(&cut).len(), 4);
        // A segment that is the index alone leaves no piece; the data count follows.
        let alone = module(&[(16, b"other data"), (100, index)]);
        let (_, at) = find_whole(&alone, index).unwrap();
        let cut = cut_out(&alone, at, index.len()).unwrap();
        assert_eq!(laid_out(&cut), [(16, b"other data".to_vec())]);
        assert!(cut_out(&alone, at, alone.len()).is_none());
    }

    #[test]
    fn an_index_zeroed_and_put_back_as_a_segment_reads_the_same() {
        let index = b"IDXHEADER-0123456789-the-rest";
        let wasm = module(&[
            (16, b"other data"),
            (100, b"code data IDXHEADER-0123456789-the-rest!"),
        ]);
        let (address, at) = find_whole(&wasm, index).expect("found");
        assert_eq!(address, 110);
        let mut blank = wasm.clone();
        blank[at..at + index.len()].fill(0);
        assert!(find_whole(&blank, index).is_none());
        let back = with_segment(&blank, address, index).expect("has a data section");
        assert_eq!(find_whole(&back, index).map(|f| f.0), Some(110));
        assert_eq!(data_segments(&back).map(|s| s.len()), Some(3));
    }
}
