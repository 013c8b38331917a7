//! Fuzz the query language and the searcher: any string is a query that answers.
#![no_main]

use article_explorer::{Explorer, SearchOptions};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn explorer() -> &'static Explorer<'static> {
    static EX: OnceLock<Explorer<'static>> = OnceLock::new();
    EX.get_or_init(|| Explorer::embedded().expect("the embedded index opens"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let ex = explorer();
    let results = ex.search(query, &SearchOptions::default()).expect("search answers");
    assert!(results.hits.len() <= results.total);
    if let Some(hit) = results.hits.first() {
        let _ = ex.article(hit.article.id, Some(query)).expect("a hit opens");
    }
});
