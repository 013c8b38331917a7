//! The container around the sections: header (magic, version, checksum, length) and the
//! section directory. [`assemble`] writes it, [`open`] verifies and parses it.

use crate::{IndexError, FORMAT_VERSION, MAGIC};

/// Bytes before the body: magic, version, checksum, body length.
pub const HEADER_LEN: usize = 8 + 4 + 4 + 8;

/// A section tag, e.g. `*b"TERM"`.
pub type Tag = [u8; 4];

/// The body's sections, by tag, as slices of the verified body.
#[derive(Debug, Clone)]
pub(crate) struct Sections<'a> {
    entries: Vec<(Tag, &'a [u8])>,
}

impl<'a> Sections<'a> {
    /// Sections that are not in one container (an assembled lazy index's, read in place).
    #[cfg(feature = "lazy")]
    pub(crate) fn of(entries: Vec<(Tag, &'a [u8])>) -> Self {
        Sections { entries }
    }

    pub(crate) fn sizes(&self) -> Vec<(Tag, usize)> {
        self.entries.iter().map(|(t, s)| (*t, s.len())).collect()
    }

    /// Every section, in file order.
    #[cfg(feature = "write")]
    pub(crate) fn entries(&self) -> &[(Tag, &'a [u8])] {
        &self.entries
    }

    pub(crate) fn get(&self, tag: Tag) -> Result<&'a [u8], IndexError> {
        self.entries
            .iter()
            .find(|(t, _)| *t == tag)
            .map(|(_, s)| *s)
            .ok_or(IndexError::MissingSection { tag })
    }
}

/// Write the header, the directory and the sections, in the order given.
#[cfg(any(feature = "write", feature = "lazy"))]
pub(crate) fn assemble(sections: &[(Tag, &[u8])]) -> Vec<u8> {
    let dir_len = 4 + sections.len() * 12;
    let mut body = Vec::new();
    body.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    let mut offset = dir_len;
    for (tag, bytes) in sections {
        body.extend_from_slice(tag);
        body.extend_from_slice(&(offset as u32).to_le_bytes());
        body.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        offset += bytes.len();
    }
    for (_, bytes) in sections {
        body.extend_from_slice(bytes);
    }
    let mut out = Vec::with_capacity(HEADER_LEN + body.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&crate::crc32::hash(&body).to_le_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// Check magic, version, length and checksum (only when `VERIFY`: a pass over every byte,
/// 40 ms for a 30 MiB index in the browser), in that order, then parse the directory.
/// `VERIFY` is a constant so that a program opening only its embedded index links no CRC
/// table (4 KiB of the .wasm that gzip cannot shrink).
pub(crate) fn open_with<const VERIFY: bool>(bytes: &[u8]) -> Result<Sections<'_>, IndexError> {
    if bytes.len() < MAGIC.len() || bytes[..MAGIC.len()] != MAGIC {
        return Err(IndexError::NotAnIndex);
    }
    let truncated = IndexError::Truncated {
        expected: HEADER_LEN as u64,
        got: bytes.len() as u64,
    };
    let version = le_u32(bytes, 8).ok_or(truncated.clone())?;
    if version != FORMAT_VERSION {
        return Err(IndexError::Version {
            expected: FORMAT_VERSION,
            got: version,
        });
    }
    let checksum = le_u32(bytes, 12).ok_or(truncated.clone())?;
    let body_len = bytes
        .get(16..24)
        .map(|b| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
        .ok_or(truncated)?;
    let body = &bytes[HEADER_LEN..];
    if (body.len() as u64) < body_len {
        return Err(IndexError::Truncated {
            expected: (HEADER_LEN as u64).saturating_add(body_len),
            got: bytes.len() as u64,
        });
    }
    let body = &body[..body_len as usize];
    let actual = if VERIFY {
        crate::crc32::hash(body)
    } else {
        checksum
    };
    if actual != checksum {
        return Err(IndexError::Checksum {
            expected: checksum,
            got: actual,
        });
    }
    parse_directory(body)
}

fn parse_directory(body: &[u8]) -> Result<Sections<'_>, IndexError> {
    let corrupt = |offset| IndexError::Corrupt {
        section: "directory",
        offset,
    };
    let count = le_u32(body, 0).ok_or(corrupt(0))? as usize;
    let mut entries = Vec::with_capacity(count.min(64));
    for i in 0..count {
        let at = 4 + i * 12;
        let tag: Tag = body
            .get(at..at + 4)
            .and_then(|t| t.try_into().ok())
            .ok_or(corrupt(at))?;
        let offset = le_u32(body, at + 4).ok_or(corrupt(at))? as usize;
        let len = le_u32(body, at + 8).ok_or(corrupt(at))? as usize;
        let section = offset
            .checked_add(len)
            .and_then(|end| body.get(offset..end))
            .ok_or(corrupt(at))?;
        entries.push((tag, section));
    }
    Ok(Sections { entries })
}

fn le_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

#[cfg(all(test, feature = "write"))]
mod tests {
    use super::*;

    fn open_checked(bytes: &[u8]) -> Result<Sections<'_>, IndexError> {
        open_with::<true>(bytes)
    }

    fn sample() -> Vec<u8> {
        assemble(&[(*b"AAAA", b"hello"), (*b"BBBB", b"")])
    }

    #[test]
    fn round_trips_sections() {
        let bytes = sample();
        let s = open_checked(&bytes).unwrap();
        assert_eq!(s.get(*b"AAAA").unwrap(), b"hello");
        assert_eq!(s.get(*b"BBBB").unwrap(), b"");
        assert_eq!(
            s.get(*b"CCCC"),
            Err(IndexError::MissingSection { tag: *b"CCCC" })
        );
    }

    #[test]
    fn reports_each_kind_of_damage() {
        let good = sample();
        assert_eq!(open_checked(b"nope").unwrap_err(), IndexError::NotAnIndex);

        let mut v = good.clone();
        v[8] = 99;
        assert!(matches!(
            open_checked(&v),
            Err(IndexError::Version { got: 99, .. })
        ));

        let cut = &good[..good.len() - 1];
        assert!(matches!(
            open_checked(cut),
            Err(IndexError::Truncated { .. })
        ));
        assert!(matches!(
            open_checked(&good[..10]),
            Err(IndexError::Truncated { .. })
        ));

        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(matches!(
            open_checked(&flipped),
            Err(IndexError::Checksum { .. })
        ));
    }

    #[test]
    fn a_huge_declared_length_is_a_truncation_not_an_overflow() {
        // Found by fuzzing (fuzz/run, index_reader): the expected size overflowed.
        let mut v = sample();
        v[16..24].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(matches!(
            open_checked(&v),
            Err(IndexError::Truncated {
                expected: u64::MAX,
                ..
            })
        ));
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        let good = sample();
        for n in 0..good.len() {
            assert!(open_checked(&good[..n]).is_err(), "prefix of {n} bytes");
        }
    }
}
