//! LEB128 variable-length integers and length-prefixed strings: the primitives every section
//! is written with.

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

    #[cfg(test)]
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

    /// Step over `n` varints without decoding them.
    pub(crate) fn skip_varints(&mut self, n: usize) -> Option<()> {
        if n == 0 {
            return Some(());
        }
        let mut left = n;
        // A varint ends at each byte without the continuation bit.
        for (k, b) in self.bytes.get(self.pos..)?.iter().enumerate() {
            if b & 0x80 == 0 {
                left -= 1;
                if left == 0 {
                    self.pos += k + 1;
                    return Some(());
                }
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
}
