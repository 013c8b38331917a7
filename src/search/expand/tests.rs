//! The expansion rules' tests: umlaut and other-form lookups, the bounded other-forms
//! walk against reading every key.

use super::*;

#[test]
fn a_term_is_also_looked_up_with_its_umlauts() {
    assert_eq!(umlaut_spellings("vertrag"), ["vertrag", "verträg"]);
    assert_eq!(umlaut_spellings("kim"), ["kim"]);
    let mut zuruck = umlaut_spellings("zuruck");
    assert_eq!(zuruck[0], "zuruck");
    zuruck.sort();
    assert_eq!(zuruck, ["zuruck", "zurück", "züruck", "zürück"]);
    // At most MAX_UMLAUT_SLOTS vowels vary.
    assert_eq!(umlaut_spellings("aaaaa").len(), 1 << MAX_UMLAUT_SLOTS);
}

/// [`other_forms`] as it read every key under the prefix, each stemmed.
fn other_forms_reading_every_key(index: &Index<'_>, term: &str) -> Vec<(String, f32)> {
    let mut out = Vec::new();
    for start in umlaut_spellings(term) {
        let mut full = false;
        index
            .terms()
            .walk(Str::new(&start).starts_with(), &[], None, |key, _| {
                if out.len() >= MAX_EXPANSIONS {
                    full = true;
                    return false;
                }
                let key = std::str::from_utf8(key).expect("keys are text");
                if let Some(spelling) = exact_spelling(key) {
                    if term_of(spelling) == term && spelling != term {
                        out.push((key.to_owned(), OTHER_FORM_WEIGHT));
                    }
                }
                true
            });
        if full {
            return out;
        }
    }
    out
}

/// The forms found by reading only the keys that can be forms are the forms found by
/// reading every key, for every term of the fixtures' indexes (and some found at all).
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn other_forms_are_found_reading_only_the_keys_that_can_be_forms() {
    let mut found = 0;
    for fixture in ["tests/fixtures/german", "tests/fixtures/names"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture);
        let built = explorer_ingest::build(&dir).expect("the fixture builds");
        let index = Index::open(&built.index).expect("opens");
        let mut terms = Vec::new();
        for (key, _) in index.terms().entries() {
            let key = std::str::from_utf8(&key).expect("keys are text");
            if is_plain_term(key) {
                terms.push(key.to_owned());
            }
        }
        // Terms cut short too (a stem shorter than the index's keys: `di`, `vertr`).
        let cut: Vec<String> = terms
            .iter()
            .filter_map(|t| t.char_indices().nth(2).map(|(i, _)| t[..i].to_owned()))
            .collect();
        for term in terms.iter().chain(&cut) {
            let forms = other_forms(&index, term);
            assert_eq!(forms, other_forms_reading_every_key(&index, term), "{term}");
            found += forms.len();
        }
    }
    assert!(found > 0);
}
