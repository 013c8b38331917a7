//! Property tests: analysis and search never panic and stay bounded on arbitrary Unicode.

use crate::explorer_over;
use article_explorer::{Loosened, SearchOptions};
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
        // A notice about words never stands above an empty list; the echo stays short.
        let only_filters = r
            .loosened
            .iter()
            .all(|l| matches!(l, Loosened::UnknownEntity { .. }));
        prop_assert!(r.total > 0 || only_filters, "{:?}", r.loosened);
        prop_assert!(r.echo.chars().count() <= article_explorer::search::ECHO_CHARS);
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
    fn search_never_panics_on_operator_soup(query in "[\"\\-a-zäöüß OR|()*:AND]{0,60}") {
        let _ = seeds().search(&query, &SearchOptions::default()).unwrap();
    }

    #[test]
    fn search_never_panics_on_filter_soup(query in "(-?(person|land|datum|ort|entity):[a-z0-9.\\-]{0,9} ?|-?\"[a-z ]{0,9}\" ?|AND |UND |ODER |[a-zä]{1,8} ){0,8}") {
        let r = seeds().search(&query, &SearchOptions::default()).unwrap();
        prop_assert!(r.hits.len() <= r.total);
    }
}

/// The index reader fuzz target found that a container whose header and CRC-32 agree with
/// its body, but whose term fst is damaged, reached `fst`'s traversal and panicked there.
/// `Index::open` now checks each fst against its own checksum too: damage any byte of TERM
/// or ALIA, make the outer header agree again, and opening is a typed error.
#[test]
fn a_damaged_fst_behind_a_matching_container_checksum_is_a_typed_error() {
    let good = crate::index_over("seeds");
    let le = |b: &[u8], at: usize| u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
    let body = 24;
    let sections = le(good, body) as usize;
    for tag in [*b"TERM", *b"ALIA"] {
        let entry = (0..sections)
            .map(|i| body + 4 + i * 12)
            .find(|&at| good[at..at + 4] == tag)
            .expect("the section is in the directory");
        let (offset, len) = (le(good, entry + 4) as usize, le(good, entry + 8) as usize);
        let mut bad = good.to_vec();
        // A byte in the middle of the fst's nodes.
        bad[body + offset + len / 2] ^= 0x5a;
        let mut crc = flate2::Crc::new();
        crc.update(&bad[body..]);
        bad[12..16].copy_from_slice(&crc.sum().to_le_bytes());
        let got = explorer_index::Index::open(&bad).map(|_| ());
        assert!(
            matches!(got, Err(explorer_index::IndexError::Corrupt { .. })),
            "{}: {got:?}",
            String::from_utf8_lossy(&tag)
        );
    }
}
