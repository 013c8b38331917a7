//! Splitting German compounds into parts that are themselves words.
//!
//! `gipfeltreffen` → `gipfel` + `treffen`; `abrüstungsschritte` → `abrüstung` + (s) +
//! `schritte`. A split is accepted only when every part is a known word (the caller says
//! which: at build time, the words of the corpus and of a word list), at least
//! [`MIN_PART_CHARS`] long, joined by nothing or by one of the German linking elements
//! [`LINKS`]. So a split never yields a junk fragment: a word without such a split stays
//! whole.

/// Words that are first parts of compounds without being words of their own (`Halbinsel`,
/// `Großstadt`), accepted as a first part only; folded without diacritics.
pub const MODIFIERS: &[&str] = &[
    "halb", "gross", "klein", "haupt", "ober", "unter", "hoch", "mittel", "voll", "nieder",
];

/// Whether `folded` (without diacritics) is a name by `names`, as it stands or without a
/// genitive `s` (`Salzburgs`). The caller says what a name is: at build time the gazetteer's
/// countries and places, at query time the names of the index's people, countries and
/// places. A name is never split, and a compound's part that is a name is not split further
/// (`Finnlandreise` has the part `Finnland`, not `Land`).
pub fn is_name(folded: &str, names: &dyn Fn(&str) -> bool) -> bool {
    names(folded) || folded.strip_suffix('s').is_some_and(names)
}

/// Whether `folded` (without diacritics) is an accepted first part that is not a word.
pub fn is_modifier(folded: &str) -> bool {
    MODIFIERS.contains(&folded)
}

/// Every part of `word` (folded, umlauts kept) as a compound, with the parts of those parts
/// (`atomwaffentest` → `atomwaffen`, `test`, `atom`, `waffen`); empty when it is not a
/// compound or is a name (see [`is_name`]; a part that is a name keeps its parts to
/// itself). `is_word` sees the parts as they are in `word`, `names` without diacritics.
pub fn parts<'w>(
    word: &'w str,
    is_word: &dyn Fn(&str) -> bool,
    names: &dyn Fn(&str) -> bool,
) -> Vec<&'w str> {
    let name = |w: &str| is_name(&crate::fold::strip_diacritics(w), names);
    if name(word) {
        return Vec::new();
    }
    let accept = |w: &str| is_word(w) || is_modifier(&crate::fold::strip_diacritics(w));
    let mut out = Vec::new();
    let Some(ranges) = split(word, &accept) else {
        return out;
    };
    for (k, r) in ranges.iter().enumerate() {
        let part = &word[r.clone()];
        // A modifier marks its compound, it is not a word to find it by.
        if k == 0 && !is_word(part) {
            continue;
        }
        out.push(part);
        if name(part) {
            continue;
        }
        if let Some(sub) = split(part, is_word) {
            out.extend(sub.into_iter().map(|s| &part[s]));
        }
    }
    out
}

/// Linking elements (Fugenelemente) allowed between two parts.
pub const LINKS: [&str; 7] = ["", "s", "es", "n", "en", "er", "e"];
/// Shortest part, in characters.
pub const MIN_PART_CHARS: usize = 4;
/// Longest word that is split, in bytes; longer strings are left whole (bounded work).
pub const MAX_WORD_BYTES: usize = 64;
/// Most parts in one split.
pub const MAX_PARTS: usize = 4;

/// The parts of `word` (a folded word, see [`crate::fold_key`]) as byte ranges of `word`,
/// without linking elements; `None` if it is not a compound of known words. Among several
/// splits the one with the fewest parts wins, then the one with the longest last part (the
/// head, which carries the meaning in German).
pub fn split(word: &str, is_word: &dyn Fn(&str) -> bool) -> Option<Vec<std::ops::Range<usize>>> {
    if word.len() > MAX_WORD_BYTES || word.chars().count() < 2 * MIN_PART_CHARS {
        return None;
    }
    let parts = split_from(word, 0, is_word, MAX_PARTS)?;
    (parts.len() >= 2).then_some(parts)
}

fn split_from(
    word: &str,
    from: usize,
    is_word: &dyn Fn(&str) -> bool,
    budget: usize,
) -> Option<Vec<std::ops::Range<usize>>> {
    let rest = &word[from..];
    if from > 0 && rest.chars().count() >= MIN_PART_CHARS && is_word(rest) {
        let last = from..word.len();
        return Some(vec![last]);
    }
    if budget <= 1 {
        return None;
    }
    let mut best: Option<Vec<std::ops::Range<usize>>> = None;
    for (i, _) in rest.char_indices().skip(MIN_PART_CHARS) {
        let head = &rest[..i];
        if !is_word(head) {
            continue;
        }
        for link in LINKS {
            let after = &rest[i..];
            if !after.starts_with(link) || after.len() == link.len() {
                continue;
            }
            let next = from + i + link.len();
            if let Some(mut tail) = split_from(word, next, is_word, budget - 1) {
                tail.insert(0, from..from + i);
                let better = match &best {
                    None => true,
                    Some(b) => {
                        (tail.len(), std::cmp::Reverse(last_len(&tail)))
                            < (b.len(), std::cmp::Reverse(last_len(b)))
                    }
                };
                if better {
                    best = Some(tail);
                }
            }
        }
    }
    best
}

fn last_len(parts: &[std::ops::Range<usize>]) -> usize {
    parts.last().map_or(0, |r| r.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: &[&str] = &[
        "gipfel",
        "treffen",
        "abrüstung",
        "schritte",
        "atom",
        "raketen",
        "tests",
        "sport",
        "halle",
        "nordkorea",
        "experte",
        "verhandlung",
        "position",
        "friede",
        "frieden",
    ];

    fn parts(word: &str) -> Option<Vec<&str>> {
        let is_word = |w: &str| WORDS.contains(&w);
        split(word, &is_word).map(|rs| rs.into_iter().map(|r| &word[r]).collect())
    }

    #[test]
    fn splits_into_known_words_with_linking_elements() {
        let cases: &[(&str, Option<&[&str]>)] = &[
            ("gipfeltreffen", Some(&["gipfel", "treffen"])),
            ("abrüstungsschritte", Some(&["abrüstung", "schritte"])),
            ("raketentests", Some(&["raketen", "tests"])),
            ("sporthalle", Some(&["sport", "halle"])),
            ("verhandlungsposition", Some(&["verhandlung", "position"])),
            ("friedensverhandlung", Some(&["frieden", "verhandlung"])),
            ("gipfel", None),
            ("gipfelxyz", None),
            ("treffenxx", None),
            ("", None),
        ];
        for (word, expected) in cases {
            assert_eq!(parts(word).as_deref(), *expected, "{word}");
        }
    }

    #[test]
    fn never_yields_short_fragments() {
        // `sporthalle` must not become `sporthall` + `e` or similar.
        for word in ["sporthalle", "gipfeltreffen", "abrüstungsschritte"] {
            for p in parts(word).unwrap() {
                assert!(p.chars().count() >= MIN_PART_CHARS, "{word}: {p}");
            }
        }
    }

    #[test]
    fn names_stay_whole_and_parts_of_parts_count() {
        let is_word = |w: &str| {
            [
                "finn",
                "land",
                "atom",
                "waffen",
                "test",
                "insel",
                "atomwaffen",
                "finnland",
                "reise",
                "salz",
                "burg",
            ]
            .contains(&w)
        };
        // What a name is, the caller says (here: two words); nothing in this module lists any.
        let names = |w: &str| w == "finnland" || w == "salzburg";
        let none = |_: &str| false;
        assert!(super::parts("finnland", &is_word, &names).is_empty());
        assert!(super::parts("finnlands", &is_word, &names).is_empty());
        assert!(super::parts("salzburg", &is_word, &names).is_empty());
        assert_eq!(super::parts("salzburg", &is_word, &none), ["salz", "burg"]);
        assert_eq!(
            super::parts("finnlandreise", &is_word, &names),
            ["finnland", "reise"]
        );
        assert_eq!(
            super::parts("nachbarland", &|w| w == "nachbar" || w == "land", &names),
            ["nachbar", "land"]
        );
        assert_eq!(
            super::parts("atomwaffentest", &is_word, &names),
            ["atomwaffen", "atom", "waffen", "test"]
        );
        assert_eq!(super::parts("halbinsel", &is_word, &names), ["insel"]);
    }

    #[test]
    fn long_strings_are_bounded() {
        let long = "gipfel".repeat(100);
        assert_eq!(parts(&long), None);
    }
}
