//! Fuzz the index reader: any bytes either fail to open with a typed error or read without
//! panicking. Seeded with a real index (see fuzz/run).
#![no_main]

use explorer_index::{ArticleId, EntityId, Index};
use fst::{IntoStreamer, Streamer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(index) = Index::open(data) else {
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
    let mut stream = index.terms().into_stream();
    let mut n = 0;
    while let Some((_, offset)) = stream.next() {
        let _ = index.postings_at(offset);
        n += 1;
        if n > 256 {
            break;
        }
    }
});
