//! Expansion: the index keys one query word stands for, each with a weight. The word's
//! term; its exact spelling (a bonus); the compound-part key (it is found inside
//! compounds); while it is typed and only when it is not itself a word of the index, its
//! completions; the other names of the entity it names; and, only when nothing else
//! matches, the terms within a few typos.

use super::settings::{
    ALIAS_WEIGHT, EXACT_BONUS, MAX_EXPANSIONS, MIN_COMPOUND_CHARS, MIN_PREFIX_CHARS,
    OTHER_FORM_WEIGHT, PREFIX_WEIGHT, TYPO_KEEP_PREFIX, TYPO_MIN_CHARS, TYPO_WEIGHTS,
};
use crate::query::Matcher;
use explorer_index::{EntityKind, Index, IndexError, PostingList};
use explorer_text::{
    compound, exact_spelling, fold, fold_key, is_exact_key, is_plain_term, part_key, spelling_key,
    term_of, tokenize,
};
use fst::automaton::{Automaton, Str};
use levenshtein_automata::{LevenshteinAutomatonBuilder, DFA};
use std::collections::BTreeSet;

/// Whether typo corrections are looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typos {
    No,
    Yes,
}

/// Whether `term` is a key of the index with at least one article: whether its dictionary
/// has it (the writer writes no key with an empty list), so that a lazy index needs the
/// key's shard and not its pack ([`reads::Reads::present`]).
pub fn has_term(index: &Index<'_>, term: &str) -> Result<bool, IndexError> {
    reads::note_present(term);
    let found = index.terms().get(term).is_some();
    reads::note_presence(index);
    Ok(found)
}

/// The postings of `key`: every read of one key of the dictionary goes through here (and
/// [`walk`] for every range), so a lazy index learns what a query reads, and whether a
/// key's files were loaded ([`reads`]).
pub fn postings<'a>(index: &Index<'a>, key: &str) -> Result<Option<PostingList<'a>>, IndexError> {
    reads::note_key(key);
    let list = index.postings(key)?;
    reads::note_answer(index, list.as_ref());
    Ok(list)
}

/// Calls `found` with every key that begins with `prefix` and that `automaton` accepts, in
/// key order, until it returns `false` (keys that are not UTF-8 are skipped). Only the
/// prefix's range of the dictionary is walked (a typo automaton alone would also walk every
/// other first letter), which is all a lazy index has loaded.
fn walk<A: Automaton>(
    index: &Index<'_>,
    prefix: &str,
    automaton: A,
    mut found: impl FnMut(&str) -> bool,
) {
    reads::note_prefix(prefix);
    // The first key after every key beginning with `prefix`: its last byte plus one (UTF-8
    // has no byte 0xFF to carry over).
    let end = prefix.as_bytes().split_last().map(|(&last, head)| {
        let mut end = head.to_vec();
        end.push(last.saturating_add(1));
        end
    });
    index
        .terms()
        .walk(automaton, prefix.as_bytes(), end.as_deref(), |key, _| {
            std::str::from_utf8(key).map_or(true, &mut found)
        });
}

/// The postings lists of every index key the `i`-th term of `matcher` stands for, each
/// with its weight (see the module docs); `complete` says whether the last term is
/// completed (the planner decides). Plain terms that matched are added to `matched_terms`.
pub fn expansions<'a>(
    index: &Index<'a>,
    matcher: &Matcher,
    i: usize,
    complete: bool,
    typos: Typos,
    matched_terms: &mut BTreeSet<String>,
) -> Result<Vec<(PostingList<'a>, f32)>, IndexError> {
    Ok(
        expansions_with_forms(index, matcher, i, complete, typos, matched_terms)?
            .into_iter()
            .map(|(list, weight, _)| (list, weight))
            .collect(),
    )
}

/// Which form of the word as typed an expansion's key holds, for the exactness tier
/// (`rank`): the one spelling typed, the term, the term's other spellings, or anything else
/// (a compound part, another name, a completion, a correction).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The exact-spelling key of the word as typed (`kims=` for `Kims` or `kims`).
    Typed,
    /// The word's term (`kim`), for a word typed in its term's own spelling (which has no
    /// exact-spelling key): its occurrences in any spelling.
    Term,
    /// The exact-spelling key of another form of the term (`kims=` for `Kim`).
    OtherForm,
    /// Not the word itself: a part, an alias, a completion, a correction.
    Other,
}

/// [`expansions`], each list with the [`Form`] its key holds.
pub fn expansions_with_forms<'a>(
    index: &Index<'a>,
    matcher: &Matcher,
    i: usize,
    complete: bool,
    typos: Typos,
    matched_terms: &mut BTreeSet<String>,
) -> Result<Vec<(PostingList<'a>, f32, Form)>, IndexError> {
    let Some(term) = matcher.terms.get(i) else {
        return Ok(Vec::new());
    };
    let last = i + 1 == matcher.terms.len();
    // Only a word the index does not have is corrected: in a phrase that does not occur,
    // the words that exist stay as typed (`"Nähe nahm"` is not read as `nahm nah`).
    if typos == Typos::Yes && has_term(index, term)? {
        let mut unmarked = BTreeSet::new();
        return expansions_with_forms(index, matcher, i, false, Typos::No, &mut unmarked);
    }
    let mut exact = None;
    let mut keys = match typos {
        Typos::No => {
            let prefix = (complete && last).then_some(matcher.prefix_key.as_str());
            exact = typed_spelling(index, matcher, i)?;
            expand(index, term, exact.as_deref(), prefix)
        }
        Typos::Yes => corrections(index, term, &typed_word(matcher, i)),
    };
    if typos == Typos::No && matcher.is_word() {
        keys.push((part_key(&matcher.text), 1.0));
        keys.extend(alias_terms(index, &matcher.text)?);
    }
    let mut out = Vec::new();
    for (key, weight) in keys {
        let Some(list) = postings(index, &key)? else {
            continue;
        };
        if list.is_empty() {
            continue;
        }
        let form = match typos {
            Typos::Yes => Form::Other,
            Typos::No if exact.as_deref() == Some(key.as_str()) => Form::Typed,
            // The term holds the spelling typed only when that has no key of its own.
            Typos::No if key == *term && exact.is_none() => Form::Term,
            Typos::No if is_exact_key(&key) => Form::OtherForm,
            Typos::No => Form::Other,
        };
        // Exact spellings mark nothing the term does not; parts mark their compounds.
        if !is_exact_key(&key) {
            matched_terms.insert(key);
        }
        out.push((list, weight, form));
    }
    Ok(out)
}

/// The exact-spelling key of the `i`-th word of `matcher` as typed: the query's own
/// (`Kims` → `kims=`), else, for a spelling the query does not tell apart from its term
/// but the index does (`kims` typed in lower case, `Kims` in the text), the index's key
/// of that spelling, if it has one.
fn typed_spelling(
    index: &Index<'_>,
    matcher: &Matcher,
    i: usize,
) -> Result<Option<String>, IndexError> {
    if let Some(Some(key)) = matcher.exact_keys.get(i) {
        return Ok(Some(key.clone()));
    }
    let typed = typed_word(matcher, i).to_lowercase();
    if typed.is_empty() {
        return Ok(None);
    }
    let key = spelling_key(&typed);
    Ok(has_term(index, &key)?.then_some(key))
}

/// The `i`-th word of `matcher` as typed.
fn typed_word(matcher: &Matcher, i: usize) -> String {
    tokenize(&matcher.text)
        .get(i)
        .map_or_else(String::new, |t| t.text.to_owned())
}

/// The index terms `term` stands for, with weights: itself; its exact spelling key (a
/// bonus); and when the word is being completed, up to [`MAX_EXPANSIONS`] terms that begin
/// with its stem or with its folded, unstemmed form (`prefix`: a stem can be shorter than
/// the word, and a partial word's stem can be cut differently).
fn expand(
    index: &Index<'_>,
    term: &str,
    exact: Option<&str>,
    prefix: Option<&str>,
) -> Vec<(String, f32)> {
    let mut out = vec![(term.to_owned(), 1.0)];
    match exact {
        Some(exact) => out.push((exact.to_owned(), EXACT_BONUS)),
        // The word's own spelling, or one whose key is still to come in a lazy index's
        // round (its other forms wait for a round that knows: `reads`).
        None if !reads::unloaded() => out.extend(other_forms(index, term)),
        None => {}
    }
    let Some(prefix) = prefix else {
        return out;
    };
    for start in [term, prefix] {
        if start.chars().count() < MIN_PREFIX_CHARS {
            continue;
        }
        let mut added = 0;
        walk(index, start, Str::new(start).starts_with(), |key| {
            if added >= MAX_EXPANSIONS {
                return false;
            }
            // Exact spellings sort among the terms (`spelling_key`): they complete nothing.
            if is_plain_term(key) && out.iter().all(|(t, _)| t != key) {
                out.push((key.to_owned(), PREFIX_WEIGHT));
                added += 1;
            }
            true
        });
    }
    out
}

/// For a word that is its own term (`Kim`, `Land`, `Vertrag`): the exact spellings the index
/// keeps of its other forms (`kims=`, `landes=`, `verträge=`), weighted
/// [`OTHER_FORM_WEIGHT`], so an article with the form typed ranks above one with only
/// another form. The spellings are looked up under the term with each `a`, `o`, `u` also as
/// its umlaut (the form whose umlaut changes: `Verträge`, `Länder`), at most
/// [`MAX_UMLAUT_SLOTS`] of them.
fn other_forms(index: &Index<'_>, term: &str) -> Vec<(String, f32)> {
    if term.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for start in umlaut_spellings(term) {
        let mut full = false;
        walk(index, &start, FormsOf(start.as_bytes()), |key| {
            if out.len() >= MAX_EXPANSIONS {
                full = true;
                return false;
            }
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

/// The letters the stemmer's endings are made of (`-ern`, `-est`, `-ung`, `-lich`,
/// `-keit`, `-isch`, `-erinnen`, Latin `-um`, …): a spelling whose stem is the term is the
/// term (or its umlaut spelling) followed by these letters only, or by letters outside
/// ASCII or no letters, which folding may turn into them (`ß`) or drop (`'`).
const ENDING_LETTERS: &[u8] = b"cdeghiklmnrstu";

/// The keys [`other_forms`] reads: the exact spellings (`spelling_key`: the spelling and
/// `=`) that begin with a spelling of the term and go on without an ASCII letter no stemmer
/// ending has (`diese=`, not `dienstag=`, `diebe=`); the keys it leaves out cannot stem to
/// the term, so which forms are found does not change (a test compares with reading every
/// key under the prefix), only how many keys are read and stemmed for a short word (`die`:
/// every `die…=` of the index).
struct FormsOf<'s>(&'s [u8]);

impl Automaton for FormsOf<'_> {
    /// Bytes of the prefix matched so far (its length once past it), `usize::MAX` after
    /// the `=` that ends an exact spelling's key; `None`: no key from here on.
    type State = Option<usize>;

    fn start(&self) -> Option<usize> {
        Some(0)
    }

    fn is_match(&self, state: &Option<usize>) -> bool {
        *state == Some(usize::MAX)
    }

    fn can_match(&self, state: &Option<usize>) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Option<usize>, byte: u8) -> Option<usize> {
        let at = (*state)?;
        match self.0.get(at) {
            _ if at == usize::MAX => None,
            Some(&want) => (want == byte).then_some(at + 1),
            None if byte == b'=' => Some(usize::MAX),
            None => (!byte.is_ascii_alphabetic()
                || ENDING_LETTERS.contains(&byte.to_ascii_lowercase()))
            .then_some(at),
        }
    }
}

/// Most vowels of a term tried as umlauts by [`other_forms`] (2^n spellings).
const MAX_UMLAUT_SLOTS: usize = 3;

/// `term` with each of its first [`MAX_UMLAUT_SLOTS`] `a`, `o`, `u` as itself or as its
/// umlaut: `vertrag` → `vertrag`, `verträg`. The term itself first.
fn umlaut_spellings(term: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut slots = 0;
    for c in term.chars() {
        let umlaut = match c {
            'a' => Some('ä'),
            'o' => Some('ö'),
            'u' => Some('ü'),
            _ => None,
        }
        .filter(|_| slots < MAX_UMLAUT_SLOTS);
        let mut more = Vec::new();
        for s in &mut out {
            if let Some(u) = umlaut {
                let mut with = s.clone();
                with.push(u);
                more.push(with);
            }
            s.push(c);
        }
        slots += usize::from(umlaut.is_some());
        out.extend(more);
    }
    out
}

/// If `word` names an entity (`Beijing`), the terms of the entity's other one-word names
/// (`Peking`), so its articles are found under any of them.
fn alias_terms(index: &Index<'_>, word: &str) -> Result<Vec<(String, f32)>, IndexError> {
    let Some(id) = index.entity_by_alias(&fold_key(word)) else {
        return Ok(Vec::new());
    };
    let e = index.entity(id)?;
    let own = term_of(word);
    Ok(std::iter::once(e.name)
        .chain(e.aliases.iter().copied())
        .filter(|name| tokenize(name).len() == 1)
        .map(term_of)
        .filter(|t| *t != own)
        .map(|t| (t, ALIAS_WEIGHT))
        .collect())
}

/// Whether `word` (one word, as typed) is the name of a person, country or place of the
/// index, as it stands or without a genitive `s` (`Finnlands`): such a word is never split
/// into compound parts, in a query or when a snippet marks words
/// ([`explorer_text::compound::is_name`], the rule the build applies with the gazetteer).
/// Organisations are left out: their names are often plain compounds
/// (`Bundesregierung`, `Nachrichtenagentur`).
pub fn is_name(index: &Index<'_>, word: &str) -> bool {
    let names = |key: &str| {
        index.entity_by_alias(key).is_some_and(|id| {
            index.entity_name(id).is_ok_and(|(_, kind)| {
                matches!(
                    kind,
                    EntityKind::Person | EntityKind::Country | EntityKind::Place
                )
            })
        })
    };
    compound::is_name(&fold_key(word), &names)
}

/// A query word as a compound of parts the index knows as compound parts (`Atomtest` →
/// `atom`, `test`): the part keys' postings lists, in order. `None` for a word too short,
/// not such a compound, or a name ([`is_name`]: `Brandenburg` is not `Brand` + `Burg`). The
/// split uses the index's own part keys as the vocabulary.
pub fn compound_parts<'a>(
    index: &Index<'a>,
    word: &str,
) -> Result<Option<Vec<(PostingList<'a>, String)>>, IndexError> {
    let folded = fold(word);
    if folded.chars().count() < MIN_COMPOUND_CHARS
        || tokenize(word).len() != 1
        || is_name(index, word)
    {
        return Ok(None);
    }
    let is_part = |w: &str| has_term(index, &part_key(w)).unwrap_or(false);
    let Some(ranges) = compound::split(&folded, &is_part) else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for r in ranges {
        let key = part_key(&folded[r]);
        match postings(index, &key)? {
            Some(list) if !list.is_empty() => out.push((list, key)),
            _ => return Ok(None),
        }
    }
    Ok(Some(out))
}

/// The part keys of `word` as [`compound_parts`] splits it without an index (for marking).
pub fn part_keys(word: &str) -> Vec<String> {
    let folded = fold(word);
    compound::split(&folded, &|_| true)
        .unwrap_or_default()
        .into_iter()
        .map(|r| part_key(&folded[r]))
        .collect()
}

/// Index terms within the typo distance allowed for `word` (as typed, of which `term` is the
/// term), nearest first, keeping the word's first letters (see [`TYPO_KEEP_PREFIX`]).
///
/// Distances are measured twice and the nearer wins: between terms (stems), and between the
/// word as typed and the exact spellings the index keeps (`federer=`), since a stemmer may
/// cut a misspelt word far from the word (`Federrer` → `federr`, `Federer` → `fed`).
fn corrections(index: &Index<'_>, term: &str, word: &str) -> Vec<(String, f32)> {
    let chars = fold_key(word).chars().count();
    let allowed = TYPO_MIN_CHARS.iter().filter(|&&min| chars >= min).count() as u8;
    if allowed == 0 || term.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(u8, String)> = Vec::new();
    within(index, &Target::Term(term), allowed, &mut |d, key| {
        if key != term {
            found.push((d, key.to_owned()));
        }
    });
    // Only a one-edit correction by stems is as near as the exact spellings can be.
    let stems_nearest = found.iter().map(|(d, _)| *d).min();
    let exact_allowed = stems_nearest.map_or(allowed, |d| d.saturating_sub(1).min(allowed));
    within(
        index,
        &Target::Spelling(&word.to_lowercase()),
        exact_allowed,
        &mut |d, key| {
            if let Some(spelling) = exact_spelling(key) {
                let corrected = term_of(spelling);
                if corrected != term {
                    found.push((d, corrected));
                }
            }
        },
    );
    crate::order::sort_by(&mut found, |a, b| a.cmp(b));
    found.dedup_by(|a, b| a.1 == b.1);
    // Only the nearest distance found: a one-typo correction hides two-typo ones.
    let nearest = found.iter().map(|(d, _)| *d).min();
    found
        .into_iter()
        .filter(|(d, _)| Some(*d) == nearest)
        .take(MAX_EXPANSIONS)
        .map(|(d, key)| (key, TYPO_WEIGHTS[usize::from(d.clamp(1, 2) - 1)]))
        .collect()
}

/// What [`within`] measures the distance to: a term (against the terms), or a spelling as
/// typed, in lower case (against the exact spellings, `spelling_key`).
enum Target<'t> {
    Term(&'t str),
    Spelling(&'t str),
}

/// Calls `found` with the distance and key of every index key within `allowed` edits of
/// `target` that keeps its first letters (at most `4 * MAX_EXPANSIONS`): terms, or the keys
/// of exact spellings (the distance is the spelling's).
fn within(index: &Index<'_>, target: &Target<'_>, allowed: u8, found: &mut dyn FnMut(u8, &str)) {
    if allowed == 0 {
        return;
    }
    let (word, spellings) = match *target {
        Target::Term(term) => (term, false),
        Target::Spelling(spelling) => (spelling, true),
    };
    let dfa = typo_dfa(word, allowed);
    // Every key kept shares the target's first letters: the range a lazy index must have
    // (a spelling's key begins with the spelling, `spelling_key`).
    let prefix: String = word
        .chars()
        .take(TYPO_KEEP_PREFIX.iter().copied().min().unwrap_or(0))
        .collect();
    let mut n = 0;
    let mut each = |key: &str, typed: &str| {
        let d = match dfa.eval(typed) {
            levenshtein_automata::Distance::Exact(d) => d,
            levenshtein_automata::Distance::AtLeast(_) => return true,
        };
        let keep = TYPO_KEEP_PREFIX[usize::from(d.clamp(1, 2) - 1)];
        if d == 0 || !word.chars().take(keep).eq(typed.chars().take(keep)) {
            return true;
        }
        found(d, key);
        n += 1;
        n < 4 * MAX_EXPANSIONS
    };
    if spellings {
        walk(index, &prefix, ThenEquals(&dfa), |key| {
            exact_spelling(key).is_none_or(|spelling| each(key, spelling))
        });
    } else {
        walk(index, &prefix, &dfa, |key| {
            !is_plain_term(key) || each(key, key)
        });
    }
}

/// `A` over a key up to a `=` that ends it: the spelling of an exact-spelling key
/// (`spelling_key`).
struct ThenEquals<A>(A);

impl<A: Automaton> Automaton for ThenEquals<A> {
    /// `A`'s state before the `=`; after it, whether `A` matched what came before.
    type State = Result<A::State, bool>;

    fn start(&self) -> Self::State {
        Ok(self.0.start())
    }

    fn is_match(&self, state: &Self::State) -> bool {
        matches!(state, Err(true))
    }

    fn can_match(&self, state: &Self::State) -> bool {
        match state {
            Ok(state) => self.0.can_match(state),
            Err(matched) => *matched,
        }
    }

    fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
        match state {
            Ok(state) if byte == b'=' => Err(self.0.is_match(state)),
            Ok(state) => Ok(self.0.accept(state, byte)),
            // Nothing follows the `=`.
            Err(_) => Err(false),
        }
    }
}

pub mod reads;

thread_local! {
    static BUILDERS: [LevenshteinAutomatonBuilder; 2] = [
        LevenshteinAutomatonBuilder::new(1, true),
        LevenshteinAutomatonBuilder::new(2, true),
    ];
}

fn typo_dfa(term: &str, distance: u8) -> DFA {
    BUILDERS.with(|b| b[usize::from(distance.clamp(1, 2) - 1)].build_dfa(term))
}

#[cfg(test)]
mod tests;
