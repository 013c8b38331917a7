//! The whole analysis pipeline: text in, [`Analyzed`] tokens with their terms out.
//!
//! Each token has one primary [`Analyzed::term`] and may have [`Variant`]s: further terms it
//! is indexed under with a lower weight (compound parts, the whole of a hyphenated
//! compound, a genitive-less name, the year of a date, ...). Queries use the primary term
//! and the keys of its weaker forms; the index holds all of them, so `Treffen` finds
//! `Gipfeltreffen`, `Nordkorea` finds `Nordkoreas` and `2009` finds `26.05.2009`.
//!
//! Three key spaces share the index's term dictionary: terms (`treff`), exact spellings
//! (`pjöngjang=`, see [`exact_key`]) and compound parts (`~treff`, see [`part_key`]). Parts
//! have their own keys so a query word meets a part only as that part (`Gute` is not the
//! `güter` of `Luxusgüter`), and so a compound typed in a query can meet a longer compound
//! with the same parts (`Atomtest` in `Atomwaffentest`).

use crate::compound;
use crate::fold::{fold, strip_diacritics, strip_diacritics_but_umlauts};
use crate::stem::stem;
use crate::tokenize::{tokenize, Joint, Token};

/// Why a token is also indexed under a variant term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VariantKind {
    /// The token's exact spelling (lowercased, unstemmed), kept for words whose spelling
    /// folding changes (`Pjöngjang`, `Straße`), so the exact spelling can rank first.
    Exact,
    /// A capitalised word without a final genitive `s` (`Nordkoreas` → `Nordkorea`). The
    /// indexer keeps it only when the base occurs in the corpus.
    Genitive,
    /// A hyphenated compound written together (`Nordkorea-Experte` → `nordkoreaexperte`).
    HyphenWhole,
    /// A part of a compound (`Gipfeltreffen` → `~treff`), keyed by [`part_key`]; parts of
    /// parts too (`Atomwaffentest` → `~atomwaff`, `~atom`, `~waff`, `~test`).
    CompoundPart,
    /// The completed first half of a suspended compound (`Atom- und Raketentests` →
    /// `atomtests`).
    Suspended,
    /// The year of a date written in the text (`26.05.2009` → `2009`).
    Year,
}

/// A further term a token is indexed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub term: String,
    pub kind: VariantKind,
}

/// One token of the original text with the terms it is indexed (or searched) under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analyzed {
    /// Byte span of the token in the analysed text.
    pub start: usize,
    pub end: usize,
    /// Position of the token among the tokens of the text (0, 1, 2, ...), for phrases and
    /// proximity.
    pub position: u32,
    /// The normalised key in the index.
    pub term: String,
    /// Further terms, weaker than `term` (see [`VariantKind`]).
    pub variants: Vec<Variant>,
    /// How the token is joined to the next (hyphen, suspended compound).
    pub joint: Joint,
}

/// Splits compounds; at build time backed by a vocabulary, at query time absent.
pub trait Decompound {
    /// Whether `folded` (a [`fold_key`]) is a known word.
    fn is_word(&self, folded: &str) -> bool;
    /// Whether `folded` (a [`fold_key`]) is a name, never split into parts (see
    /// [`compound::is_name`]): `Finnland` is no `Land`. None by default.
    fn is_name(&self, _folded: &str) -> bool {
        false
    }
}

/// The term a single word is indexed under: fold, drop `.` thousands separators, stem, strip
/// the remaining diacritics. Empty input gives an empty term.
pub fn term_of(word: &str) -> String {
    let folded = fold(word);
    let folded = strip_thousands_separators(&folded);
    strip_diacritics(&stem(&folded))
}

/// A word folded like [`term_of`] but not stemmed: the key for completing a word that is
/// still being typed (`pjöngj` → `pjongj`) and for compound splitting.
pub fn fold_key(word: &str) -> String {
    let folded = fold(word);
    strip_diacritics(&strip_thousands_separators(&folded))
}

/// The exact-spelling key of `word` (see [`VariantKind::Exact`]), or `None` when folding
/// does not change the word, so there is nothing to tell apart: [`spelling_key`] of the
/// word in lower case.
///
/// Capitalised words whose stem is shorter than the word also have one (`Kims`, `Chinas`,
/// `Verhandlungen`), so the form typed ranks above the other forms of the word.
pub fn exact_key(word: &str) -> Option<String> {
    exact_key_with(word, &mut || term_of(word))
}

/// [`exact_key`], with the word's term computed only when needed (and by the caller, who
/// usually has it).
fn exact_key_with(word: &str, term: &mut dyn FnMut() -> String) -> Option<String> {
    let lower = word.to_lowercase();
    let folded = fold_key(word);
    let changed = lower != folded
        || ["ae", "oe", "ue", "ss"].iter().any(|t| lower.contains(t))
        || (word.starts_with(char::is_uppercase) && term() != folded);
    changed.then(|| spelling_key(&lower))
}

/// The key of an exact spelling (`spelling` in lower case): the spelling and `=` (`kims` →
/// `kims=`, `verträge` → `verträge=`). Unless folding changed a letter of it (an umlaut,
/// `ß`: `verträge=` sorts after every `vertr` and ASCII letters), its term begins the
/// spelling (the stemmer cuts endings), so the key sorts among the keys of the term and its
/// forms (`kim`, `kims`, `kims=`), where a lazy index reads them from one shard mostly, not
/// from a range of its own. No token holds a `=`, so no term is such a key.
pub fn spelling_key(spelling: &str) -> String {
    format!("{spelling}=")
}

/// Whether `term` is an exact-spelling key (see [`spelling_key`]) rather than a term.
pub fn is_exact_key(term: &str) -> bool {
    term.ends_with('=')
}

/// The spelling an exact-spelling key (see [`spelling_key`]) stands for; `None` for any
/// other key.
pub fn exact_spelling(key: &str) -> Option<&str> {
    key.strip_suffix('=')
}

/// The key a compound part is indexed under, and a query word looks for among parts: `~` and
/// the word's stem with its umlauts (`güter` → `~güt`, `gute` → `~gut`), since a part is
/// a word in its own right and the umlaut is often all that tells two words apart.
pub fn part_key(word: &str) -> String {
    let folded = fold(word);
    let stemmed = stem(&folded);
    let n = stemmed.chars().count();
    let prefix: String = folded.chars().take(n).collect();
    let key = if strip_diacritics(&prefix) == strip_diacritics(&stemmed) {
        strip_diacritics_but_umlauts(&prefix)
    } else {
        strip_diacritics(&stemmed)
    };
    format!("~{key}")
}

/// Whether `term` is a compound-part key (see [`part_key`]).
pub fn is_part_key(term: &str) -> bool {
    term.starts_with('~')
}

/// Whether `term` is an ordinary term, neither an exact-spelling nor a compound-part key.
pub fn is_plain_term(term: &str) -> bool {
    !is_exact_key(term) && !is_part_key(term)
}

/// The year of a date written as `26.05.2009`, `26.5.2009` or `05.2009`.
pub fn year_of_date(word: &str) -> Option<&str> {
    let mut groups: Vec<&str> = word.split('.').collect();
    let year = groups.pop()?;
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let ok = (1..=2).contains(&groups.len())
        && groups
            .iter()
            .all(|g| (1..=2).contains(&g.len()) && digits(g))
        && year.len() == 4
        && digits(year)
        && (year.starts_with('1') || year.starts_with('2'));
    ok.then_some(year)
}

/// Analyse `text` without compound splitting (the query side).
pub fn analyze(text: &str) -> Vec<Analyzed> {
    analyze_with(text, None)
}

/// Analyse `text`: every word token with its position, term and variants. With a
/// `decompound`er, compound parts and suspended compounds are added as variants.
pub fn analyze_with(text: &str, decompound: Option<&dyn Decompound>) -> Vec<Analyzed> {
    analyze_tokens(text, decompound, &mut |t| {
        let term = term_of(t.text);
        let variants = own_variants(t, &term, decompound);
        (term, variants)
    })
}

/// Analyses many texts with one decompounder, remembering each distinct word's term and
/// variants: over a corpus the same words recur millions of times, and folding, stemming
/// and compound splitting are most of the build. The results equal [`analyze_with`]'s.
pub struct Analyzer<'d> {
    decompound: Option<&'d dyn Decompound>,
    words: std::collections::HashMap<String, (String, Vec<Variant>)>,
}

impl<'d> Analyzer<'d> {
    pub fn new(decompound: Option<&'d dyn Decompound>) -> Self {
        Analyzer {
            decompound,
            words: std::collections::HashMap::new(),
        }
    }

    /// [`analyze_with`] `text`, with the remembered words.
    pub fn analyze(&mut self, text: &str) -> Vec<Analyzed> {
        let decompound = self.decompound;
        let words = &mut self.words;
        analyze_tokens(text, decompound, &mut |t| {
            if let Some(known) = words.get(t.text) {
                return known.clone();
            }
            let term = term_of(t.text);
            let variants = own_variants(t, &term, decompound);
            let fresh = (term, variants);
            words.insert(t.text.to_owned(), fresh.clone());
            fresh
        })
    }
}

/// The pipeline, with `word` giving a token's term and own variants.
fn analyze_tokens(
    text: &str,
    decompound: Option<&dyn Decompound>,
    word: &mut dyn FnMut(&Token<'_>) -> (String, Vec<Variant>),
) -> Vec<Analyzed> {
    let tokens = tokenize(text);
    let mut out: Vec<Analyzed> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (term, variants) = word(t);
            Analyzed {
                joint: t.joint,
                start: t.start,
                end: t.end,
                position: u32::try_from(i).unwrap_or(u32::MAX),
                term,
                variants,
            }
        })
        .collect();
    add_hyphen_wholes(&tokens, &mut out);
    if let Some(d) = decompound {
        add_suspended(&tokens, &mut out, d);
    }
    for a in &mut out {
        let term = a.term.clone();
        a.variants.retain(|v| v.term != term && !v.term.is_empty());
        a.variants
            .sort_unstable_by(|x, y| (x.kind, &x.term).cmp(&(y.kind, &y.term)));
        a.variants.dedup_by(|x, y| x.term == y.term);
    }
    out
}

fn own_variants(t: &Token<'_>, term: &str, decompound: Option<&dyn Decompound>) -> Vec<Variant> {
    let mut v = Vec::new();
    if let Some(term) = exact_key_with(t.text, &mut || term.to_owned()) {
        v.push(Variant {
            term,
            kind: VariantKind::Exact,
        });
    }
    if let Some(base) = genitive_base(t.text) {
        v.push(Variant {
            term: term_of(base),
            kind: VariantKind::Genitive,
        });
    }
    // Only nouns (capitalised in German) are split: verbs and adjectives give junk parts
    // (`vereinbart` is not `Verein` + `Bart`).
    let is_noun = t.text.chars().next().is_some_and(char::is_uppercase);
    if let Some(d) = decompound.filter(|_| is_noun) {
        let key = fold(t.text);
        let is_word = |w: &str| d.is_word(&strip_diacritics(w));
        for part in compound::parts(&key, &is_word, &|w| d.is_name(w)) {
            v.push(Variant {
                term: part_key(part),
                kind: VariantKind::CompoundPart,
            });
        }
    }
    if let Some(year) = year_of_date(t.text) {
        v.push(Variant {
            term: year.to_owned(),
            kind: VariantKind::Year,
        });
    }
    v
}

/// Capitalised function words ending in `s` that are not genitives.
const NOT_GENITIVES: &[&str] = &[
    "als", "alles", "aus", "bis", "das", "des", "dies", "eines", "es", "etwas", "jedes", "kaum",
    "keines", "links", "meines", "nichts", "rechts", "seines", "stets", "uns", "was", "weils",
];

/// `Nordkoreas` → `Nordkorea`: a capitalised word of at least three letters ending in a
/// single `s` (not `ss`, not `'s`), and not a function word.
fn genitive_base(word: &str) -> Option<&str> {
    let first = word.chars().next()?;
    let base = word.strip_suffix('s')?;
    (first.is_uppercase()
        && !NOT_GENITIVES.contains(&word.to_lowercase().as_str())
        && base.chars().count() >= 2
        && base.chars().all(char::is_alphabetic)
        && !base.ends_with(['s', 'S', 'ß', 'x', 'z']))
    .then_some(base)
}

/// `Nordkorea-Experte` → variant `nordkoreaexpert` on the first token of the chain.
fn add_hyphen_wholes(tokens: &[Token<'_>], out: &mut [Analyzed]) {
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i;
        while j + 1 < tokens.len() && tokens[j].joint == Joint::Hyphen {
            j += 1;
        }
        if j > i {
            let whole: String = tokens[i..=j].iter().map(|t| t.text).collect();
            out[i].variants.push(Variant {
                term: term_of(&whole),
                kind: VariantKind::HyphenWhole,
            });
        }
        i = j + 1;
    }
}

/// `Atom- und Raketentests` → variant `atomtests` on `Atom`: the first half joined to the
/// head of the next compound within a few words.
fn add_suspended(tokens: &[Token<'_>], out: &mut [Analyzed], d: &dyn Decompound) {
    for i in 0..tokens.len() {
        if tokens[i].joint != Joint::Suspended {
            continue;
        }
        let head = tokens.iter().skip(i + 1).take(4).find_map(|t| {
            let key = fold_key(t.text);
            let parts = compound::split(&key, &|w| d.is_word(w) || compound::is_modifier(w))?;
            parts.last().map(|r| key[r.clone()].to_owned())
        });
        if let Some(head) = head {
            let joined = format!("{}{}", fold_key(tokens[i].text), head);
            out[i].variants.push(Variant {
                term: term_of(&joined),
                kind: VariantKind::Suspended,
            });
        }
    }
}

/// `15.000` → `15000` when every group after the first has exactly three digits; other dotted
/// numbers (`2.5`, `24.12.2019`) are left alone.
fn strip_thousands_separators(word: &str) -> std::borrow::Cow<'_, str> {
    let mut groups = word.split('.');
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
    let has_dot = word.contains('.');
    if has_dot && first_ok && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
    {
        word.replace('.', "").into()
    } else {
        word.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Words(&'static [&'static str]);
    impl Decompound for Words {
        fn is_word(&self, folded: &str) -> bool {
            self.0.contains(&folded)
        }
    }

    fn variants(
        text: &str,
        d: Option<&dyn Decompound>,
    ) -> Vec<(String, Vec<(String, VariantKind)>)> {
        analyze_with(text, d)
            .into_iter()
            .map(|a| {
                let v = a.variants.into_iter().map(|v| (v.term, v.kind)).collect();
                (a.term, v)
            })
            .collect()
    }

    #[test]
    fn spellings_of_one_word_share_a_term() {
        let groups: &[&[&str]] = &[
            &[
                "Pjöngjang",
                "Pjoengjang",
                "Pjongjang",
                "PJÖNGJANG",
                "Pjöngjangs",
            ],
            &["Straße", "Strasse", "Strassen"],
            &["Führung", "Fuehrung", "Fuhrung"],
            &["Zürich", "Zuerich", "Zurich"],
            &["15.000", "15000"],
            &["Beziehungen", "Beziehung"],
            &["King‘s", "King’s", "Kings"],
        ];
        for group in groups {
            let terms: Vec<String> = group.iter().map(|w| term_of(w)).collect();
            assert!(
                terms.windows(2).all(|w| w[0] == w[1]),
                "{group:?} -> {terms:?}"
            );
        }
    }

    #[test]
    fn part_keys_keep_umlauts_and_dates_give_their_year() {
        assert_eq!(part_key("Güter"), "~güt");
        assert_eq!(part_key("Gueter"), "~güt");
        assert_ne!(part_key("Gute"), part_key("Güter"));
        assert_eq!(part_key("Treffen"), format!("~{}", term_of("Treffen")));
        for (word, year) in [
            ("26.05.2009", Some("2009")),
            ("5.2009", Some("2009")),
            ("2009", None),
            ("15.000", None),
            ("2.5", None),
        ] {
            assert_eq!(year_of_date(word), year, "{word}");
        }
        let v = variants("am 26.05.2009 in Bonn", None);
        assert!(
            v[1].1.contains(&("2009".into(), VariantKind::Year)),
            "{v:?}"
        );
    }

    #[test]
    fn dates_and_decimals_keep_their_dots() {
        assert_eq!(term_of("24.12.2019"), "24.12.2019");
        assert_eq!(term_of("2.5"), "2.5");
    }

    #[test]
    fn positions_count_tokens() {
        let a = analyze("Kim traf Xi in Peking.");
        let positions: Vec<u32> = a.iter().map(|t| t.position).collect();
        assert_eq!(positions, [0, 1, 2, 3, 4]);
        assert_eq!(a[4].term, term_of("Peking"));
    }

    #[test]
    fn exact_keys_only_where_folding_changes_the_word() {
        let cases = [
            ("Pjöngjang", Some("pjöngjang=")),
            ("Pjoengjang", Some("pjoengjang=")),
            ("Straße", Some("straße=")),
            ("Peking", None),
        ];
        for (word, expected) in cases {
            assert_eq!(exact_key(word).as_deref(), expected, "{word}");
        }
    }

    #[test]
    fn genitives_of_names_get_their_base_as_a_variant() {
        let cases = [
            ("Nordkoreas", Some("nordkorea")),
            ("Trumps", Some("trump")),
            ("Xis", Some("xi")),
            ("Prozess", None),
            ("Haus", None),
            ("bis", None),
        ];
        for (word, expected) in cases {
            let got = genitive_base(word).map(term_of);
            let want = expected.map(str::to_owned);
            // Haus -> Hau is a candidate the indexer drops unless `Hau` is in the corpus.
            if word == "Haus" {
                continue;
            }
            assert_eq!(got, want, "{word}");
        }
    }

    /// Words, and the names among them the caller says are never split.
    struct WordsAndNames(&'static [&'static str], &'static [&'static str]);
    impl Decompound for WordsAndNames {
        fn is_word(&self, folded: &str) -> bool {
            self.0.contains(&folded)
        }
        fn is_name(&self, folded: &str) -> bool {
            self.1.contains(&folded)
        }
    }

    #[test]
    fn a_token_the_caller_calls_a_name_gets_no_parts() {
        let d = WordsAndNames(
            &[
                "finn", "land", "nachbar", "brand", "burg", "reise", "finnland",
            ],
            &["finnland", "brandenburg"],
        );
        let parts = |text: &str| -> Vec<Vec<String>> {
            analyze_with(text, Some(&d))
                .into_iter()
                .map(|a| {
                    a.variants
                        .into_iter()
                        .filter(|v| v.kind == VariantKind::CompoundPart)
                        .map(|v| v.term)
                        .collect()
                })
                .collect()
        };
        let none: Vec<String> = Vec::new();
        assert_eq!(
            parts("Finnland Finnlands Brandenburgs"),
            [none.clone(), none.clone(), none]
        );
        assert_eq!(
            parts("Nachbarland")[0],
            [part_key("land"), part_key("nachbar")]
        );
        // A name inside a compound is a part, and keeps its own parts to itself.
        assert_eq!(
            parts("Finnlandreise")[0],
            [part_key("finnland"), part_key("reise")]
        );
        // Without the caller's names, the same words split.
        let words = Words(&["finn", "land"]);
        assert!(analyze_with("Finnland", Some(&words))[0]
            .variants
            .iter()
            .any(|v| v.term == part_key("land")));
    }

    #[test]
    fn the_remembering_analyzer_gives_the_same_result() {
        let words = Words(&["gipfel", "treffen", "atom", "raketen", "tests"]);
        let text = "Gipfeltreffen der Nordkorea-Experten. Atom- und Raketentests, Gipfeltreffen!";
        let mut analyzer = Analyzer::new(Some(&words));
        for _ in 0..2 {
            assert_eq!(analyzer.analyze(text), analyze_with(text, Some(&words)));
        }
    }

    #[test]
    fn hyphenated_compounds_are_also_indexed_whole() {
        let v = variants("Nordkorea-Experte", None);
        assert_eq!(v[0].0, "nordkorea");
        assert!(v[0]
            .1
            .contains(&(term_of("Nordkoreaexperte"), VariantKind::HyphenWhole)));
        assert_eq!(v[1].0, term_of("Experte"));
    }

    #[test]
    fn compounds_split_into_parts_and_suspended_compounds_complete() {
        let words = Words(&["gipfel", "treffen", "atom", "raketen", "tests"]);
        let v = variants("Gipfeltreffen. Atom- und Raketentests", Some(&words));
        let parts: Vec<&String> = v[0].1.iter().map(|(t, _)| t).collect();
        assert!(parts.contains(&&part_key("treffen")), "{v:?}");
        assert!(parts.contains(&&part_key("Gipfel")), "{v:?}");
        assert!(
            v[1].1
                .contains(&(term_of("atomtests"), VariantKind::Suspended)),
            "{v:?}"
        );
    }
}
