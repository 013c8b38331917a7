//! CRC-32 (IEEE 802.3, the zlib/PNG polynomial), "slice-by-4": four 1 KiB tables built at
//! compile time, four bytes per step.
//!
//! Hand-written instead of `crc32fast`: that crate's fast path carries a 16 KiB table, a
//! tenth of the .wasm budget. The byte-at-a-time form (one table) cost 89 ms at page load for
//! a 31 MB index in Chromium; four bytes per step brings it to about a third for 3 KiB more.
//! The tests check the standard check value and agreement with the bytewise form.

const POLY: u32 = 0xEDB8_8320;

const TABLES: [[u32; 256]; 4] = {
    let mut t = [[0u32; 256]; 4];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { POLY ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        t[0][i] = c;
        i += 1;
    }
    let mut i = 0;
    while i < 256 {
        t[1][i] = (t[0][i] >> 8) ^ t[0][(t[0][i] & 0xff) as usize];
        t[2][i] = (t[1][i] >> 8) ^ t[0][(t[1][i] & 0xff) as usize];
        t[3][i] = (t[2][i] >> 8) ^ t[0][(t[2][i] & 0xff) as usize];
        i += 1;
    }
    t
};

/// The CRC-32 of `bytes`.
pub fn hash(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    let mut chunks = bytes.chunks_exact(4);
    for c in &mut chunks {
        crc ^= u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        crc = TABLES[3][(crc & 0xff) as usize]
            ^ TABLES[2][((crc >> 8) & 0xff) as usize]
            ^ TABLES[1][((crc >> 16) & 0xff) as usize]
            ^ TABLES[0][(crc >> 24) as usize];
    }
    for &b in chunks.remainder() {
        crc = TABLES[0][((crc ^ u32::from(b)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

#[cfg(test)]
mod tests {
    fn bytewise(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc = super::TABLES[0][((crc ^ u32::from(b)) & 0xff) as usize] ^ (crc >> 8);
        }
        !crc
    }

    #[test]
    fn matches_the_standard_check_value() {
        assert_eq!(super::hash(b"123456789"), 0xCBF4_3926);
        assert_eq!(super::hash(b""), 0);
    }

    #[test]
    fn agrees_with_the_bytewise_form_at_every_length() {
        let data: Vec<u8> = (0..300u32).map(|i| (i * 31 + 7) as u8).collect();
        for n in 0..data.len() {
            assert_eq!(super::hash(&data[..n]), bytewise(&data[..n]), "{n} bytes");
        }
    }
}
