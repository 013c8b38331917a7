//! Variable-length integer codes: LEB128 varints and length-prefixed strings (the primitives
//! every section is written with), and exp-Golomb bit codes (the postings' columns).
//!
//! Exp-Golomb of order `k` writes `v` as `m` zero bits, a one bit, then the low `m + k` bits
//! of `v + 2^k`, where `m + k` is the position of that number's highest bit: values around
//! `2^k` take `k + 1` bits, larger ones about two bits more per doubling. Bits are written
//! least significant first, bytes in order.

/// Append `value` as LEB128 (7 bits per byte, high bit = more follows).
#[cfg(feature = "write")]
pub(crate) fn put_u64(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(feature = "write")]
pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u64(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A cursor over a byte slice that decodes primitives and reports `None` on any malformed or
/// truncated input instead of panicking.
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(bytes: &'a [u8], pos: usize) -> Self {
        Cursor { bytes, pos }
    }

    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// The bytes from the current position on.
    pub(crate) fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.pos..).unwrap_or(&[])
    }

    #[cfg(all(test, feature = "write"))]
    pub(crate) fn is_at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub(crate) fn u64(&mut self) -> Option<u64> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = *self.bytes.get(self.pos)?;
            self.pos += 1;
            value |= u64::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    pub(crate) fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.u64()?).ok()
    }

    pub(crate) fn bytes(&mut self, len: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(len)?;
        let slice = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(slice)
    }

    pub(crate) fn str(&mut self) -> Option<&'a str> {
        let len = usize::try_from(self.u64()?).ok()?;
        std::str::from_utf8(self.bytes(len)?).ok()
    }

    pub(crate) fn u8(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }
}

/// Bits of exp-Golomb order `k` for `v`.
#[cfg(feature = "write")]
pub(crate) fn golomb_bits(v: u64, k: u32) -> u64 {
    let x = v + (1u64 << k);
    let top = 63 - x.leading_zeros();
    u64::from(2 * (top - k) + k + 1)
}

/// The order `k` in `0..=24` that codes `values` in the fewest bits.
#[cfg(feature = "write")]
pub(crate) fn best_order(values: impl Iterator<Item = u64> + Clone) -> u32 {
    (0..=24)
        .min_by_key(|&k| values.clone().map(|v| golomb_bits(v, k)).sum::<u64>())
        .unwrap_or(0)
}

/// Writes bits, least significant first.
#[cfg(feature = "write")]
#[derive(Default)]
pub(crate) struct BitWriter {
    pub(crate) out: Vec<u8>,
    acc: u64,
    filled: u32,
}

#[cfg(feature = "write")]
impl BitWriter {
    /// The low `n` (at most 32) bits of `value`.
    pub(crate) fn bits(&mut self, value: u64, n: u32) {
        debug_assert!(n <= 32);
        if n == 0 {
            return;
        }
        self.acc |= (value & ((1u64 << n) - 1)) << self.filled;
        self.filled += n;
        while self.filled >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.filled -= 8;
        }
    }

    /// `v` in exp-Golomb of order `k`.
    pub(crate) fn golomb(&mut self, v: u64, k: u32) {
        let x = v + (1u64 << k);
        let top = 63 - x.leading_zeros();
        let m = top - k;
        // m zeros, a one, then the low `top` bits (in pieces of at most 32).
        let mut zeros = m;
        while zeros > 0 {
            let n = zeros.min(32);
            self.bits(0, n);
            zeros -= n;
        }
        self.bits(1, 1);
        let mut low = x & ((1u64 << top) - 1);
        let mut left = top;
        while left > 0 {
            let n = left.min(32);
            self.bits(low, n);
            low >>= n;
            left -= n;
        }
    }

    /// The bytes, the last one padded with zeros.
    pub(crate) fn finish(mut self) -> Vec<u8> {
        if self.filled > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// Reads what [`BitWriter`] wrote; `None` past the end or on a malformed code.
#[derive(Debug, Clone)]
pub(crate) struct BitReader<'a> {
    bytes: &'a [u8],
    /// In bits from the start of `bytes`.
    pos: usize,
}

impl<'a> BitReader<'a> {
    pub(crate) fn new(bytes: &'a [u8], bit: usize) -> Self {
        BitReader { bytes, pos: bit }
    }

    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// At least 57 bits from the current position (zeros past the end).
    #[inline]
    fn window(&self) -> u64 {
        window_at(self.bytes, self.pos)
    }

    /// The next bits without reading them (at least 57; zeros past the end).
    #[inline]
    pub(crate) fn peek(&self) -> u64 {
        self.window()
    }

    /// Step over `n` bits.
    #[inline]
    pub(crate) fn advance(&mut self, n: usize) -> Option<()> {
        let end = self.pos.checked_add(n)?;
        if end > self.bytes.len() * 8 {
            return None;
        }
        self.pos = end;
        Some(())
    }

    /// `n` (at most 32) bits.
    #[inline]
    pub(crate) fn bits(&mut self, n: u32) -> Option<u64> {
        if n == 0 {
            return Some(0);
        }
        let end = self.pos.checked_add(n as usize)?;
        if end > self.bytes.len() * 8 {
            return None;
        }
        let v = self.window() & ((1u64 << n) - 1);
        self.pos = end;
        Some(v)
    }

    /// One exp-Golomb value of order `k` (values over 2^32 are refused as malformed).
    #[inline]
    pub(crate) fn golomb(&mut self, k: u32) -> Option<u64> {
        let w = self.window();
        // The zeros before the one bit: at most 32 - k for a value that fits 32 bits.
        let m = w.trailing_zeros();
        if m + k > 32 {
            return None;
        }
        let top = m + k;
        let len = (m + 1 + top) as usize;
        let end = self.pos.checked_add(len)?;
        if end > self.bytes.len() * 8 {
            return None;
        }
        // The whole code is in the window when it is at most 57 bits long (nearly always).
        let low = if len <= 57 {
            (w >> (m + 1)) & ((1u64 << top) - 1)
        } else {
            let mut r = BitReader::new(self.bytes, self.pos + m as usize + 1);
            r.bits(top)?
        };
        self.pos = end;
        Some(((1u64 << top) | low) - (1u64 << k))
    }
}

/// Steps over exp-Golomb codes a word at a time: each code is shifted out of a loaded word,
/// a count of zeros and a shift, not a load, and the word is kept from one call to the next
/// (a frequent word's positions before the few articles a query needs are hundreds of
/// thousands of codes, a few per posting).
#[derive(Debug, Clone)]
pub(crate) struct Skipper<'a> {
    bytes: &'a [u8],
    /// In bits from the start of `bytes`; may run past the end, which [`Skipper::reader`]
    /// refuses.
    pos: usize,
    /// The bits from `pos` on, `avail` of them loaded (zeros above).
    word: u64,
    avail: u32,
}

impl<'a> Skipper<'a> {
    pub(crate) fn new(bytes: &'a [u8], bit: usize) -> Self {
        Skipper {
            bytes,
            pos: bit,
            word: 0,
            avail: 0,
        }
    }

    /// Step over `n` codes of order `k`; `None` on a malformed one.
    #[inline(always)]
    pub(crate) fn skip(&mut self, n: usize, k: u32) -> Option<()> {
        let (mut pos, mut w, mut avail) = (self.pos, self.word, self.avail);
        for _ in 0..n {
            if w == 0 || w.trailing_zeros() >= avail {
                // The code's one bit is not loaded yet: load at least 57 bits from `pos`.
                w = window_at(self.bytes, pos);
                avail = 64 - (pos % 8) as u32;
            }
            let m = w.trailing_zeros();
            // At most 32 - k zeros for a value that fits 32 bits (and a loaded one bit).
            if m + k > 32 {
                return None;
            }
            let len = 2 * m + k + 1;
            pos = pos.checked_add(len as usize)?;
            if len < avail {
                w >>= len;
                avail -= len;
            } else {
                avail = 0;
            }
        }
        (self.pos, self.word, self.avail) = (pos, w, avail);
        Some(())
    }

    /// Load at least 57 bits from `pos`.
    #[inline(always)]
    fn load(&mut self) {
        self.word = window_at(self.bytes, self.pos);
        self.avail = 64 - (self.pos % 8) as u32;
    }

    /// Step over `len` bits; `None` past the end.
    #[inline(always)]
    pub(crate) fn advance(&mut self, len: usize) -> Option<()> {
        self.pos = self.pos.checked_add(len)?;
        match u32::try_from(len) {
            Ok(len) if len < self.avail => {
                self.word >>= len;
                self.avail -= len;
            }
            _ => self.avail = 0,
        }
        (self.pos <= self.bytes.len() * 8).then_some(())
    }

    /// The next bits without reading them (at least 32; zeros past the end).
    #[inline(always)]
    pub(crate) fn peek(&mut self) -> u64 {
        if self.avail < 32 {
            self.load();
        }
        self.word
    }

    /// One exp-Golomb value of order `k`, as [`BitReader::golomb`] reads it, from the loaded
    /// word where it is there.
    #[inline(always)]
    pub(crate) fn golomb(&mut self, k: u32) -> Option<u64> {
        if self.word.trailing_zeros() >= self.avail {
            self.load();
        }
        let m = self.word.trailing_zeros();
        if m + k > 32 {
            return None;
        }
        let top = m + k;
        let len = 2 * m + k + 1;
        if len > self.avail {
            self.load();
            if len > self.avail {
                // Longer than a loaded word (a value near 2^32 of order 0).
                let mut r = BitReader::new(self.bytes, self.pos);
                let v = r.golomb(k)?;
                self.pos = r.pos();
                self.avail = 0;
                return Some(v);
            }
        }
        let low = (self.word >> (m + 1)) & ((1u64 << top) - 1);
        self.advance(len as usize)?;
        Some(((1u64 << top) | low) - (1u64 << k))
    }

    /// In bits from the start of the bytes.
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// A reader where the codes skipped end; `None` if they ran past the end.
    pub(crate) fn reader(&self) -> Option<BitReader<'a>> {
        (self.pos <= self.bytes.len() * 8).then(|| BitReader::new(self.bytes, self.pos))
    }
}

/// 64 bits of `bytes` from bit `pos` on, shifted down: at least 57 of them from the bytes,
/// `64 - pos % 8` in all (zeros past the end).
#[inline(always)]
fn window_at(bytes: &[u8], pos: usize) -> u64 {
    let byte = pos / 8;
    let word = match bytes.get(byte..byte + 8) {
        Some(b) => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
        None => {
            let mut buf = [0u8; 8];
            let available = bytes.get(byte..).unwrap_or(&[]);
            let n = available.len().min(8);
            buf[..n].copy_from_slice(&available[..n]);
            u64::from_le_bytes(buf)
        }
    };
    word >> (pos % 8)
}

#[cfg(all(test, feature = "write"))]
mod tests {
    use super::*;

    #[test]
    fn round_trips_integers_and_strings() {
        let values = [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX];
        let mut out = Vec::new();
        for v in values {
            put_u64(&mut out, v);
        }
        put_str(&mut out, "Pjöngjang");
        let mut c = Cursor::new(&out, 0);
        for v in values {
            assert_eq!(c.u64(), Some(v));
        }
        assert_eq!(c.str(), Some("Pjöngjang"));
        assert!(c.is_at_end());
        assert_eq!(c.u64(), None);
    }

    #[test]
    fn rejects_overlong_varints() {
        let bytes = [0xffu8; 11];
        assert_eq!(Cursor::new(&bytes, 0).u64(), None);
    }

    #[test]
    fn golomb_codes_round_trip_at_every_order() {
        let values = [
            0u64,
            1,
            2,
            3,
            7,
            8,
            100,
            1000,
            65_535,
            1 << 20,
            u64::from(u32::MAX),
        ];
        for k in [0, 1, 3, 7, 12, 24] {
            let mut w = BitWriter::default();
            let mut bits = 0;
            for &v in &values {
                w.golomb(v, k);
                bits += golomb_bits(v, k);
            }
            w.bits(5, 3);
            let bytes = w.finish();
            assert_eq!(bytes.len() as u64, (bits + 3).div_ceil(8));
            let mut r = BitReader::new(&bytes, 0);
            for &v in &values {
                assert_eq!(r.golomb(k), Some(v), "order {k}");
            }
            assert_eq!(r.bits(3), Some(5));
            let mut s = Skipper::new(&bytes, 0);
            s.skip(values.len(), k).unwrap();
            assert_eq!(s.reader().unwrap().pos(), r.pos() - 3);
        }
    }

    proptest::proptest! {
        /// Skipping codes a word at a time ends where decoding them one by one does, for
        /// any run of codes (short and long ones across word boundaries), and refuses to
        /// step past the end.
        #[test]
        fn skipping_ends_where_decoding_does(
            values in proptest::collection::vec(0u64..=u64::from(u32::MAX) >> 4, 0..80),
            small in proptest::collection::vec(0u64..40, 0..80),
            k in 0u32..6,
            start in 0usize..8,
        ) {
            let mut w = BitWriter::default();
            w.bits(0, start as u32);
            let all: Vec<u64> = values.iter().chain(&small).copied().collect();
            for &v in &all {
                w.golomb(v, k);
            }
            let bytes = w.finish();
            for n in 0..=all.len() {
                let mut r = BitReader::new(&bytes, start);
                for _ in 0..n {
                    r.golomb(k).unwrap();
                }
                let mut s = Skipper::new(&bytes, start);
                proptest::prop_assert!(s.skip(n, k).is_some());
                proptest::prop_assert_eq!(s.reader().map(|r| r.pos()), Some(r.pos()));
                // In two steps, the loaded word kept between them.
                let mut s = Skipper::new(&bytes, start);
                proptest::prop_assert!(s.skip(n / 3, k).is_some());
                proptest::prop_assert!(s.skip(n - n / 3, k).is_some());
                proptest::prop_assert_eq!(s.reader().map(|r| r.pos()), Some(r.pos()));
            }
            // Read from the loaded word: the values written, then the end.
            let (mut s, mut r) = (Skipper::new(&bytes, start), BitReader::new(&bytes, start));
            for &v in &all {
                proptest::prop_assert_eq!(s.golomb(k), Some(v));
                r.golomb(k);
                proptest::prop_assert_eq!(s.pos(), r.pos());
            }
            // One code more than there are runs off the end (or into the zero padding).
            let mut s = Skipper::new(&bytes, start);
            let beyond = s.skip(all.len() + 1, k).and_then(|_| s.reader());
            proptest::prop_assert!(beyond.is_none_or(|r| r.pos() <= bytes.len() * 8));
        }
    }

    #[test]
    fn the_best_order_fits_the_values() {
        assert_eq!(best_order([0u64, 0, 1, 0].into_iter()), 0);
        assert!((5..=8).contains(&best_order([100u64, 200, 150, 90].into_iter())));
    }

    #[test]
    fn bit_readers_stop_at_the_end() {
        let mut r = BitReader::new(&[0u8, 0], 0);
        assert_eq!(r.golomb(0), None);
        let mut r = BitReader::new(&[0xff], 0);
        assert_eq!(r.bits(8), Some(255));
        assert_eq!(r.bits(1), None);
    }
}
