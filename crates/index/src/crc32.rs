//! CRC-32 (IEEE 802.3, the zlib/PNG polynomial), table-driven with one 1 KiB table built at
//! compile time.
//!
//! Hand-written instead of `crc32fast`: that crate's fast path carries a 16 KiB table, a
//! tenth of the .wasm budget, for speed the index check does not need (it runs once per page
//! load). The test checks the standard check value.

const POLY: u32 = 0xEDB8_8320;

const TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { POLY ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// The CRC-32 of `bytes`.
pub fn hash(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc = TABLE[((crc ^ u32::from(b)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_the_standard_check_value() {
        assert_eq!(super::hash(b"123456789"), 0xCBF4_3926);
        assert_eq!(super::hash(b""), 0);
    }
}
