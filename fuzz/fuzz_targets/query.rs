//! Fuzz the query language and the searcher: any string, with any options, is a query that
//! answers, and the answer keeps its promises (docs/QUERY.md): a page within the total, no
//! notice about words above an empty list, a short echo, dates within the range asked,
//! highlights on character boundaries, every hit opens.
#![no_main]

use article_explorer::{
    search::ECHO_CHARS, EntityId, Explorer, Loosened, SearchOptions, Sort, YearMonth,
};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn explorer() -> &'static Explorer<'static> {
    static EX: OnceLock<Explorer<'static>> = OnceLock::new();
    EX.get_or_init(|| Explorer::embedded().expect("the embedded index opens"))
}

/// Options from the first four bytes (when the input has more): sort, limit, offset, a date
/// range, an entity selection, demonyms.
fn options(bytes: &[u8]) -> SearchOptions {
    let mut o = SearchOptions::default();
    let [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
    o.sort = [Sort::Relevance, Sort::Newest, Sort::Oldest][usize::from(a % 3)];
    o.demonyms = a & 4 == 0;
    o.limit = usize::from(b % 32);
    o.offset = usize::from(b / 32);
    if c & 1 == 1 {
        o.from = Some(YearMonth {
            year: 2015 + u16::from(c >> 5),
            month: 1 + (c >> 1) % 12,
        });
    }
    if c & 2 == 2 {
        o.to = Some(YearMonth {
            year: 2017 + u16::from(d >> 5),
            month: 1 + d % 12,
        });
    }
    if d & 16 == 16 {
        o.entities.push(EntityId(u32::from(d % 8)));
    }
    o
}

fuzz_target!(|data: &[u8]| {
    let (options, text) = match data.split_first() {
        Some((&0xff, rest)) if rest.len() >= 4 => (options(&rest[..4]), &rest[4..]),
        _ => (SearchOptions::default(), data),
    };
    let Ok(query) = std::str::from_utf8(text) else {
        return;
    };
    let ex = explorer();
    let Ok(results) = ex.search(query, &options) else {
        // Only an entity id the index does not have may fail, with a typed error.
        assert!(!options.entities.is_empty(), "search answers {query:?}");
        return;
    };
    assert!(results.hits.len() <= results.total);
    assert!(results.hits.len() <= options.limit.max(1));
    assert!(results.echo.chars().count() <= ECHO_CHARS);
    if results.total == 0 {
        assert!(results
            .loosened
            .iter()
            .all(|l| matches!(l, Loosened::UnknownEntity { .. })));
    }
    for hit in &results.hits {
        if options.from.is_some() || options.to.is_some() {
            let date = hit.article.date.expect("a date filter lets no undated article in");
            assert!(options.from.is_none_or(|f| date >= f));
            assert!(options.to.is_none_or(|t| date <= t));
        }
        if let Some(s) = &hit.snippet {
            for r in &s.highlights {
                assert!(r.start <= r.end && r.end <= s.text.len());
                assert!(s.text.is_char_boundary(r.start) && s.text.is_char_boundary(r.end));
            }
        }
    }
    if let Some(hit) = results.hits.first() {
        let _ = ex.article(hit.article.id, Some(query)).expect("a hit opens");
    }
});
