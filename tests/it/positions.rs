//! Positions left to the texts: an index built with `Options::stop_words_in_text` stores
//! none for stop words, and a phrase checks them in the stored text; the default index
//! stores them all. Both must answer every phrase alike.

use crate::{compact_index_over, index_over};
use article_explorer::{Explorer, SearchOptions};
use explorer_text::{is_stop_word, tokenize};
use std::path::Path;

/// Phrases of two and three consecutive words of the corpus's own lines with a stop word
/// among them (first, inside, last, or all of them).
fn phrases_with_stop_words(dir: &str) -> Vec<String> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines() {
            let words: Vec<&str> = tokenize(line).iter().map(|t| t.text).collect();
            for n in [2, 3] {
                for w in words.windows(n).step_by(3) {
                    if w.iter().any(|x| is_stop_word(x)) {
                        out.push(w.join(" "));
                    }
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn hits(ex: &Explorer<'_>, query: &str) -> Vec<(u32, String)> {
    ex.search(query, &SearchOptions::default())
        .unwrap()
        .hits
        .iter()
        .map(|h| (h.article.id.0, format!("{:.4}", h.score)))
        .collect()
}

#[test]
fn phrases_with_stop_words_find_the_same_articles_whether_their_positions_are_stored_or_read_in_the_text(
) {
    for dir in ["seeds", "tests/fixtures/german"] {
        let in_text = Explorer::open(compact_index_over(dir)).unwrap();
        let stored = Explorer::open(index_over(dir)).unwrap();
        let phrases = phrases_with_stop_words(dir);
        assert!(phrases.len() > 50, "{dir}: {} phrases", phrases.len());
        let mut found = 0;
        for phrase in &phrases {
            let query = format!("\"{phrase}\" ");
            let expected = hits(&stored, &query);
            assert_eq!(hits(&in_text, &query), expected, "{dir}: {query}");
            found += usize::from(!expected.is_empty());
        }
        // The phrases are the corpus's own words: nearly all of them are found.
        assert!(
            found * 10 > phrases.len() * 9,
            "{dir}: {found} of {}",
            phrases.len()
        );
    }
}
