//! An article's indexed length in one byte (the LENS table), as ranking reads it.
//!
//! BM25 weighs a term's frequency by the article's length against the average; a few per
//! cent of the length move a score by less than that, so the exact count is not needed.
//! Lucene stores its length norms in one byte the same way (`SmallFloat.intToByte4`). Here:
//! lengths below 32 exactly, then per power of two 16 steps (four bits of mantissa), read
//! back as the middle of their step: within 3.2 % of the length up to 516,096 tokens, and
//! every longer article reads as that. Integer arithmetic only, so the .wasm links no float
//! functions for it.
//!
//! One byte an article instead of four: a lazy hosted index's first page of hits reads every
//! article's length (ranking), and at 100,000 articles that is 100 KB instead of 400 KB.

/// Codes below this are the length itself.
const EXACT: u32 = 32;
/// Steps per power of two above [`EXACT`].
const STEPS: u32 = 16;
/// log2 of [`EXACT`].
const EXACT_BITS: u32 = 5;

/// The byte for `len` tokens.
pub fn to_byte(len: u32) -> u8 {
    if len < EXACT {
        return len as u8;
    }
    let octave = 31 - len.leading_zeros(); // >= EXACT_BITS
    let step = (len >> (octave - 4)) & (STEPS - 1);
    let code = EXACT + (octave - EXACT_BITS) * STEPS + step;
    code.min(255) as u8
}

/// The length a byte stands for: the middle of the lengths [`to_byte`] gives it.
pub fn from_byte(byte: u8) -> u32 {
    let code = u32::from(byte);
    if code < EXACT {
        return code;
    }
    let octave = EXACT_BITS + (code - EXACT) / STEPS;
    let step = (code - EXACT) % STEPS;
    ((STEPS + step) << (octave - 4)) + (1 << (octave - EXACT_BITS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lengths_are_exact() {
        for len in 0..EXACT {
            assert_eq!(from_byte(to_byte(len)), len);
        }
    }

    #[test]
    fn a_length_reads_back_within_its_step() {
        let mut len = 1u32;
        while len < 600_000 {
            let back = from_byte(to_byte(len));
            if len <= 516_096 {
                let error = (f64::from(back) - f64::from(len)).abs() / f64::from(len);
                assert!(error <= 0.032, "{len} reads as {back} ({error})");
            } else {
                assert_eq!(back, 516_096, "{len} saturates");
            }
            len += 1 + len / 97;
        }
        assert_eq!(from_byte(to_byte(u32::MAX)), 516_096);
    }

    #[test]
    fn the_bytes_keep_the_order_of_the_lengths() {
        let mut last = 0;
        for len in 0..200_000u32 {
            let b = to_byte(len);
            assert!(b >= last, "{len}");
            last = b;
        }
        assert_eq!(last, to_byte(199_999));
        // Every code is used, and each reads back to a length that encodes to itself.
        for b in 0..=255u8 {
            assert_eq!(to_byte(from_byte(b)), b, "{b}");
        }
    }
}
