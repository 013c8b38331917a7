//! Property tests: analysis and search never panic and stay bounded on arbitrary Unicode.

use crate::explorer_over;
use article_explorer::SearchOptions;
use proptest::prelude::*;
use std::sync::OnceLock;

fn seeds() -> &'static article_explorer::Explorer<'static> {
    static EX: OnceLock<article_explorer::Explorer<'static>> = OnceLock::new();
    EX.get_or_init(|| explorer_over("seeds"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn analysis_never_panics_and_spans_stay_inside(text in "\\PC{0,200}") {
        for a in explorer_text::analyze(&text) {
            prop_assert!(a.start < a.end && a.end <= text.len());
            prop_assert!(text.is_char_boundary(a.start) && text.is_char_boundary(a.end));
        }
    }

    #[test]
    fn search_never_panics_on_arbitrary_queries(query in "\\PC{0,80}") {
        let r = seeds().search(&query, &SearchOptions::default()).unwrap();
        prop_assert!(r.hits.len() <= r.total);
        for h in &r.hits {
            let snippet = h.snippet.as_ref();
            prop_assert!(snippet.is_some());
            for (range, s) in snippet.iter().flat_map(|s| s.highlights.iter().map(move |r| (r, s))) {
                prop_assert!(s.text.is_char_boundary(range.start));
                prop_assert!(s.text.is_char_boundary(range.end));
            }
        }
    }

    #[test]
    fn search_never_panics_on_operator_soup(query in "[\"\\-a-zäöüß OR|()*]{0,60}") {
        let _ = seeds().search(&query, &SearchOptions::default()).unwrap();
    }
}
