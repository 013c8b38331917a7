//! gzip of large files on every core, as pigz does it: the input is cut into pieces of
//! [`PIECE`] bytes, each piece is deflated alone (all but the last ended with a sync flush,
//! so it ends on a byte boundary with no final block), and the pieces are joined behind one
//! gzip header, with the CRC-32 and length of the whole input. Any gzip reader (the browser's
//! `DecompressionStream`, `gzip -d`) reads it as one stream.
//!
//! The pieces are fixed by the input, not by the number of threads, so the bytes are the same
//! on every machine. Each piece starts without the previous piece's 32 KiB window: at 4 MiB
//! pieces that costs a few hundred bytes in all on a 50 MiB module. An input of at most one
//! piece is a plain gzip stream.
//!
//! Why by hand, over `flate2`, rather than a parallel gzip crate (`gzp`): `dist` deflates the
//! index before the code in front of it exists (while wasm-opt works on the code) and joins
//! the runs later, in file order; a streaming writer takes its input in order. What is ours is
//! the framing (RFC 1952 header and trailer) and the cut into pieces; deflate and the CRC
//! (with `Crc::combine`) are flate2's.

use flate2::{Compress, Compression, Crc, FlushCompress, Status};

/// The size of the pieces deflated apart.
pub const PIECE: usize = 4 << 20;

/// `bytes` as one gzip stream at `level` (0-9), its pieces deflated side by side.
pub fn gzip(bytes: &[u8], level: u32) -> Vec<u8> {
    join(&[Deflated::new(bytes, level, true)])
}

/// A run of bytes deflated in pieces, ended (`last`) or to be followed by another run: the
/// parts of a file can be deflated at different times (`dist` deflates the index while
/// wasm-opt works on the code) and [`join`]ed into one gzip stream.
pub struct Deflated {
    pieces: Vec<Vec<u8>>,
    crc: Crc,
}

impl Deflated {
    /// `bytes` deflated in [`PIECE`]s on every core; `last`: the final run of the stream.
    pub fn new(bytes: &[u8], level: u32, last: bool) -> Deflated {
        let pieces: Vec<&[u8]> = if bytes.is_empty() {
            vec![bytes]
        } else {
            bytes.chunks(PIECE).collect()
        };
        let end = pieces.len() - 1;
        let pieces = on_all_cores(pieces.len(), |i| {
            deflate(pieces[i], level, last && i == end)
        });
        let mut crc = Crc::new();
        crc.update(bytes);
        Deflated { pieces, crc }
    }
}

/// The runs, in order, as one gzip stream: the header, every piece, the CRC-32 and length of
/// all the runs' bytes. The last run must be the one made with `last`.
pub fn join(runs: &[Deflated]) -> Vec<u8> {
    let mut crc = Crc::new();
    let mut body = 0;
    for run in runs {
        crc.combine(&run.crc);
        body += run.pieces.iter().map(Vec::len).sum::<usize>();
    }
    let mut out = Vec::with_capacity(body + 18);
    // ID1 ID2, deflate, no flags, no modification time, no extra flags, OS unknown.
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    for piece in runs.iter().flat_map(|r| &r.pieces) {
        out.extend_from_slice(piece);
    }
    out.extend_from_slice(&crc.sum().to_le_bytes());
    // ISIZE: the length modulo 2^32, as RFC 1952 says.
    out.extend_from_slice(&crc.amount().to_le_bytes());
    out
}

/// Raw deflate of one piece; `last` ends the stream, otherwise a sync flush ends it on a byte
/// boundary with the final-block bit unset, so the next piece's blocks may follow.
fn deflate(piece: &[u8], level: u32, last: bool) -> Vec<u8> {
    let mut compress = Compress::new(Compression::new(level), false);
    let mut out = Vec::with_capacity(piece.len() / 2 + 1024);
    let flush = if last {
        FlushCompress::Finish
    } else {
        FlushCompress::Sync
    };
    loop {
        if out.len() == out.capacity() {
            out.reserve(out.capacity().max(64 * 1024));
        }
        let read = compress.total_in() as usize;
        // Deflating into a Vec with room cannot fail: the input and state are ours.
        let status = compress
            .compress_vec(&piece[read..], &mut out, flush)
            .unwrap_or(Status::StreamEnd);
        let all_read = compress.total_in() as usize == piece.len();
        let done = if last {
            status == Status::StreamEnd
        } else {
            // zlib's rule: a flush is complete when it left room in the output.
            all_read && out.len() < out.capacity()
        };
        if done {
            return out;
        }
    }
}

/// `f(0) .. f(n - 1)` on up to all cores, results in order.
fn on_all_cores<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .min(n);
    if threads <= 1 {
        return (0..n).map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut slots: Vec<Option<T>> = Vec::new();
    slots.resize_with(n, || None);
    let slots = std::sync::Mutex::new(slots);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let value = f(i);
                if let Ok(mut slots) = slots.lock() {
                    slots[i] = Some(value);
                }
            });
        }
    });
    slots
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn gunzip(gz: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(gz)
            .read_to_end(&mut out)
            .expect("a valid gzip stream");
        out
    }

    /// Text that compresses, but not to nothing: words from a small vocabulary.
    fn text(len: usize) -> Vec<u8> {
        let words = [
            "Bundestag ",
            "Haushalt ",
            "die ",
            "Beziehungen ",
            "Kim ",
            "und ",
        ];
        let mut state = 12345u64;
        let mut out = Vec::with_capacity(len + 16);
        while out.len() < len {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
            out.extend_from_slice(words[(state >> 33) as usize % words.len()].as_bytes());
        }
        out.truncate(len);
        out
    }

    #[test]
    fn many_pieces_read_back_as_one_stream() {
        let input = text(2 * PIECE + 12_345);
        let gz = gzip(&input, 6);
        assert!(
            gz.len() < input.len() / 2,
            "{} of {}",
            gz.len(),
            input.len()
        );
        assert_eq!(gunzip(&gz), input);
    }

    #[test]
    fn one_piece_and_nothing_read_back() {
        for input in [Vec::new(), b"x".to_vec(), text(100_000)] {
            for level in [1, 6, 9] {
                assert_eq!(gunzip(&gzip(&input, level)), input, "level {level}");
            }
        }
    }

    #[test]
    fn runs_deflated_apart_join_into_one_stream() {
        let input = text(PIECE + 5000);
        let (a, rest) = input.split_at(1000);
        let (b, c) = rest.split_at(PIECE);
        let runs = [
            Deflated::new(a, 6, false),
            Deflated::new(b, 6, false),
            Deflated::new(c, 6, true),
        ];
        assert_eq!(gunzip(&join(&runs)), input);
        // An empty last run ends the stream too.
        let runs = [Deflated::new(&input, 6, false), Deflated::new(&[], 6, true)];
        assert_eq!(gunzip(&join(&runs)), input);
    }

    #[test]
    fn the_bytes_do_not_depend_on_the_threads() {
        let input = text(PIECE + 99);
        let alone: Vec<Vec<u8>> = (0..2)
            .map(|i| deflate(input.chunks(PIECE).nth(i).unwrap(), 6, i == 1))
            .collect();
        let gz = gzip(&input, 6);
        assert_eq!(&gz[10..gz.len() - 8], alone.concat().as_slice());
    }
}
