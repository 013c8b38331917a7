//! Fuzz the index reader: any bytes either fail to open with a typed error or read without
//! panicking. Seeded with a real index (see fuzz/run); most inputs get a header that matches
//! their body, so the fuzzer reaches the sections behind the checksum.
#![no_main]

use explorer_index::{ArticleId, EntityId, Index};
use libfuzzer_sys::fuzz_target;

/// Make the header agree with the body (length and CRC-32), so the fuzzer gets past the
/// checksum and exercises the section parsers; unpatched inputs test the header checks.
fn patched(data: &[u8]) -> Vec<u8> {
    let mut v = data.to_vec();
    if v.len() >= 24 && v[0] & 1 == 0 {
        let body_len = (v.len() - 24) as u64;
        let crc = crc32fast::hash(&v[24..]);
        v[12..16].copy_from_slice(&crc.to_le_bytes());
        v[16..24].copy_from_slice(&body_len.to_le_bytes());
        v[..8].copy_from_slice(&explorer_index::MAGIC);
        v[8..12].copy_from_slice(&explorer_index::FORMAT_VERSION.to_le_bytes());
    }
    v
}

fuzz_target!(|data: &[u8]| {
    let data = patched(data);
    let Ok(index) = Index::open(&data) else {
        return;
    };
    for id in index.article_ids().take(64) {
        let _ = index.head(id);
        let _ = index.article(id);
        let _ = index.mentions(id);
    }
    let _ = index.article(ArticleId(u32::MAX));
    for i in 0..index.entity_count().min(64) {
        let _ = index.entity(EntityId(i));
    }
    let mut n = 0;
    index.terms().for_each(|_, offset| {
        let _ = index.postings_at(offset).map(|list| list.to_postings());
        n += 1;
        n <= 256
    });
});
