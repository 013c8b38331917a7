//! Matching: the articles a word, a phrase or a compound matches, with weighted term
//! frequencies, read from postings lists (positions are decoded only where needed).

use super::expand::{expansions, expansions_with_forms, Form, Typos};
use super::settings::{COMPOUND_WEIGHT, OTHER_FORM_WEIGHT};
use crate::query::Matcher;
use explorer_index::{ArticleId, Field, Index, IndexError, Kind, PostingList};
use std::collections::BTreeSet;
use text::{field_of_bits, in_text, TextTerms};

mod lists;
mod text;
mod weights;

pub use lists::{merge_sorted, positions_of, slots_of};
pub use weights::field_weight;
use weights::{occurrences, weighted};

/// The articles one clause of the query matches, with weighted term frequencies.
#[derive(Debug, Clone, Default)]
pub struct Clause<'a> {
    /// Matching articles, sorted, with their weighted frequency of matches.
    pub tf: Vec<(ArticleId, f32)>,
    pub positions: Positions<'a>,
    /// The articles (sorted) where the clause occurs in the form typed, with how often: the
    /// spelling typed, not another form, part, name, completion or correction (see
    /// [`occurrences`]); a phrase wherever it matches. Ranking's exactness tier.
    pub exact: Vec<(ArticleId, u32)>,
}

/// Where a clause's matches are: in postings lists, decoded when needed, and already known
/// (a phrase's starts, a compound's parts), side by side. A union keeps both as they are,
/// so a word with a compound reading never decodes every position of its lists.
#[derive(Debug, Clone, Default)]
pub struct Positions<'a> {
    /// In these postings lists (with the weight of each).
    pub lists: Vec<(PostingList<'a>, f32)>,
    /// Already known, per article, sorted: position, in the title.
    pub known: Vec<(ArticleId, Vec<(u32, bool)>)>,
}

impl<'a> Clause<'a> {
    pub fn is_empty(&self) -> bool {
        self.tf.is_empty()
    }

    /// Whether `article` is among the matches.
    pub fn contains(&self, article: ArticleId) -> bool {
        self.tf.binary_search_by_key(&article, |(a, _)| *a).is_ok()
    }

    /// One clause of several alternatives: the union of their matches.
    pub fn union(parts: Vec<Clause<'a>>) -> Result<Clause<'a>, IndexError> {
        let mut parts = parts.into_iter().filter(|c| !c.is_empty());
        let Some(mut out) = parts.next() else {
            return Ok(Clause::default());
        };
        for part in parts {
            out.tf = merge_sorted(std::mem::take(&mut out.tf), part.tf, |a, b| *a += b);
            out.exact = merge_sorted(std::mem::take(&mut out.exact), part.exact, |a, b| *a += b);
            out.positions.lists.extend(part.positions.lists);
            out.positions.known = merge_sorted(
                std::mem::take(&mut out.positions.known),
                part.positions.known,
                |a, b| {
                    a.extend(b);
                    a.sort_unstable();
                },
            );
        }
        Ok(out)
    }

    /// The positions of the matches in `candidates` (sorted): per candidate, sorted and
    /// unique.
    pub fn positions_in(&self, candidates: &[ArticleId]) -> Result<Vec<Vec<u32>>, IndexError> {
        let mut out = positions_of(&self.positions.lists, candidates)?;
        if !self.positions.known.is_empty() {
            for (article, ps) in &self.positions.known {
                if let Ok(k) = candidates.binary_search(article) {
                    out[k].extend(ps.iter().map(|(p, _)| *p));
                    out[k].sort_unstable();
                    out[k].dedup();
                }
            }
        }
        Ok(out)
    }
}

/// The articles `matcher` matches, with the weighted frequency of its matches: a word (with
/// its expansions, and the longer compounds with its parts), a phrase, or a hyphenated word
/// (as the phrase or the closed compound). Terms that matched are added to `matched_terms`.
pub fn match_matcher<'a>(
    index: &Index<'a>,
    matcher: &Matcher,
    complete: bool,
    typos: Typos,
    matched_terms: &mut BTreeSet<String>,
) -> Result<Clause<'a>, IndexError> {
    match_matcher_within(index, matcher, complete, typos, matched_terms, None)
}

/// [`match_matcher`], with the frequencies of a word's expansions weighed only in the
/// articles `within` holds (indexed by article id; `None`: all): the others are in the
/// clause with frequency 0, so the clause has the same articles (and document frequency)
/// and the same frequencies where they are read. An optional word is weighed only in the
/// articles every required word matches, the only ones it scores in: its lists are long
/// (`die`, `ich`), and reading each occurrence's field was most of a long query's time.
pub fn match_matcher_within<'a>(
    index: &Index<'a>,
    matcher: &Matcher,
    complete: bool,
    typos: Typos,
    matched_terms: &mut BTreeSet<String>,
    within: Option<&[bool]>,
) -> Result<Clause<'a>, IndexError> {
    if matcher.is_word() {
        let word = match_word(index, matcher, complete, typos, matched_terms, within)?;
        if typos == Typos::No {
            if let Some(parts) = super::expand::compound_parts(index, &matcher.text)? {
                let slots = parts.into_iter().map(|(l, _)| vec![(l, COMPOUND_WEIGHT)]);
                let longer = match_sequence(index, slots.collect(), 0)?;
                if !longer.is_empty() {
                    matched_terms.extend(super::expand::part_keys(&matcher.text));
                }
                return Clause::union(vec![word, longer]);
            }
        }
        return Ok(word);
    }
    // A phrase. Per slot: its expansions' lists.
    let mut slots: Vec<Vec<(PostingList<'a>, f32)>> = Vec::new();
    for i in 0..matcher.terms.len() {
        slots.push(expansions(
            index,
            matcher,
            i,
            complete,
            typos,
            matched_terms,
        )?);
    }
    let mut phrase = match_sequence(index, slots, 1)?;
    let Some(whole) = &matcher.whole else {
        return Ok(phrase);
    };
    // The closed compound is a word of its own: `Klima-Schutz` matches all that
    // `KlimaSchutz` does (its spelling, its compound part in longer compounds, its
    // corrections), so hyphenated and closed are one.
    let joined: String = explorer_text::tokenize(&matcher.text)
        .iter()
        .map(|t| t.text)
        .collect();
    let closed = Matcher {
        terms: vec![whole.clone()],
        exact_keys: vec![explorer_text::exact_key(&joined)],
        whole: None,
        prefix: false,
        text: joined,
        ..matcher.clone()
    };
    let mut closed = match_matcher_within(index, &closed, false, typos, matched_terms, within)?;
    // The form typed is the hyphenated one: the phrase where the text also has its parts
    // written together (the index's hyphen-whole variant), not them apart nor closed.
    closed.exact.clear();
    let written_whole = super::expand::postings(index, whole)?;
    phrase.exact.retain(|(a, _)| {
        written_whole
            .as_ref()
            .is_some_and(|l| l.articles().binary_search(a).is_ok())
    });
    Clause::union(vec![phrase, closed])
}

/// The articles where an occurrence of every slot follows the previous one `step`
/// positions later: a phrase (`step` 1) or the parts of one compound (`step` 0). The
/// articles every slot has are candidates, and only their positions are decoded.
///
/// A slot with a list whose positions are in the texts (a stop word, see
/// `explorer_index::PositionsKept::InText`) is checked there: at the places the other slots
/// give, the token of the candidate's stored text is read, and matches if its term is the
/// list's. So `Tag der offenen Tür` matches exactly where it would with every position
/// stored, reading a few tokens of the few articles where `Tag`, `offenen` and `Tür` line up.
fn match_sequence<'a>(
    index: &Index<'a>,
    slots: Vec<Vec<(PostingList<'a>, f32)>>,
    step: u32,
) -> Result<Clause<'a>, IndexError> {
    // The articles of the slot with the fewest, then those of them every other slot has
    // (looked up in its sorted lists: a stop word's ten thousand articles are not gathered).
    let size = |s: &Vec<(PostingList<'a>, f32)>| -> usize {
        s.iter().map(|(l, _)| l.articles().len()).sum()
    };
    let smallest = (0..slots.len()).min_by_key(|&s| slots.get(s).map_or(0, size));
    let mut candidates: Vec<ArticleId> = smallest
        .and_then(|s| slots.get(s))
        .map(|slot| {
            slot.iter()
                .flat_map(|(l, _)| l.articles().iter().copied())
                .collect()
        })
        .unwrap_or_default();
    candidates.sort_unstable();
    candidates.dedup();
    for (s, slot) in slots.iter().enumerate() {
        if Some(s) != smallest {
            candidates.retain(|a| {
                slot.iter()
                    .any(|(l, _)| l.articles().binary_search(a).is_ok())
            });
        }
    }
    let Some((_, later)) = slots.split_first() else {
        return Ok(Clause::default());
    };
    if candidates.is_empty() {
        return Ok(Clause::default());
    }
    // Positions of every later slot's stored lists, per candidate.
    let later_positions = later
        .iter()
        .map(|slot| positions_of(slot, &candidates))
        .collect::<Result<Vec<_>, _>>()?;
    let mut text = TextTerms::new(index);
    let firsts = first_occurrences(&slots, &candidates, step, &later_positions, &mut text)?;
    let mut tf = vec![0f32; candidates.len()];
    let mut starts: Vec<Vec<(u32, bool)>> = vec![Vec::new(); candidates.len()];
    for (k, occurrences) in firsts.into_iter().enumerate() {
        let article = candidates[k];
        for (p, kind, weight) in occurrences {
            let want = |j: usize| p.saturating_add(step.saturating_mul(j as u32 + 1));
            // The stored positions first: the text is read only where they all agree.
            let mut follows = true;
            let mut unsure = Vec::new();
            for (j, slot) in later.iter().enumerate() {
                if later_positions[j][k].binary_search(&want(j)).is_ok() {
                    continue;
                }
                if in_text(slot) {
                    unsure.push(j);
                    continue;
                }
                follows = false;
                break;
            }
            for j in unsure {
                if !follows {
                    break;
                }
                follows = text.has_term_of(article, want(j), &later[j])?;
            }
            if follows {
                tf[k] += field_weight(kind) * weight;
                starts[k].push((p, kind.field == Field::Title));
            }
        }
    }
    let mut out_tf = Vec::new();
    let mut known = Vec::new();
    let mut exact = Vec::new();
    for (k, article) in candidates.into_iter().enumerate() {
        if tf[k] > 0.0 {
            let mut ps = std::mem::take(&mut starts[k]);
            ps.sort_unstable();
            ps.dedup_by_key(|(p, _)| *p);
            out_tf.push((article, tf[k]));
            // A phrase is as typed wherever it matches; parts inside a longer compound never.
            if step > 0 {
                exact.push((article, ps.len() as u32));
            }
            known.push((article, ps));
        }
    }
    Ok(Clause {
        tf: out_tf,
        positions: Positions {
            lists: Vec::new(),
            known,
        },
        exact,
    })
}

/// An occurrence of a sequence's first slot: position, kind, and the weight of its list.
type FirstOccurrence = (u32, Kind, f32);

/// The occurrences of the first slot of a sequence in each of `candidates`: position, kind
/// and the weight of its list. A list with stored positions gives its own; a list whose
/// positions are in the texts is read at the places the first slot without such a list (the
/// anchor) puts the first word, in the anchor's field (a sequence never leaves its block),
/// not derived (such a list has no derived occurrence); when every slot is in the texts, at
/// every token of the candidates' texts.
fn first_occurrences(
    slots: &[Vec<(PostingList<'_>, f32)>],
    candidates: &[ArticleId],
    step: u32,
    later_positions: &[Vec<Vec<u32>>],
    text: &mut TextTerms<'_, '_>,
) -> Result<Vec<Vec<FirstOccurrence>>, IndexError> {
    let mut out: Vec<Vec<FirstOccurrence>> = vec![Vec::new(); candidates.len()];
    let Some(first) = slots.first() else {
        return Ok(out);
    };
    for (list, weight) in first.iter().filter(|(l, _)| !l.positions_in_text()) {
        let at = slots_of(list.articles(), candidates);
        list.for_each_positions_where(
            |i| at[i].is_some(),
            |i, ps| {
                if let Some(k) = at[i] {
                    out[k].extend(
                        ps.iter()
                            .zip(list.kinds(i))
                            .map(|(&p, kind)| (p, kind, *weight)),
                    );
                }
            },
        )?;
    }
    let from_text: Vec<&(PostingList<'_>, f32)> = first
        .iter()
        .filter(|(l, _)| l.positions_in_text())
        .collect();
    if from_text.is_empty() {
        return Ok(out);
    }
    let Some(anchor) = slots.iter().position(|s| !in_text(s)) else {
        // Every slot in the texts (`"in der"`): the first word's every occurrence.
        for (k, &article) in candidates.iter().enumerate() {
            for (list, weight) in &from_text {
                let Ok(i) = list.articles().binary_search(&article) else {
                    continue;
                };
                let positions = text.positions_of_term(article, list.offset())?;
                out[k].extend(
                    positions
                        .into_iter()
                        .zip(list.kinds(i))
                        .map(|(p, kind)| (p, kind, *weight)),
                );
            }
        }
        return Ok(out);
    };
    let shift = step.saturating_mul(anchor as u32);
    // Per candidate: position << 2 | field, so the sort is the `u64` one the .wasm already has
    // (in the order of (position, field)).
    let mut places: Vec<Vec<u64>> = vec![Vec::new(); candidates.len()];
    for (list, _) in &slots[anchor] {
        let at = slots_of(list.articles(), candidates);
        list.for_each_positions_where(
            |i| at[i].is_some(),
            |i, ps| {
                if let Some(k) = at[i] {
                    places[k].extend(ps.iter().zip(list.kinds(i)).filter_map(|(&p, kind)| {
                        Some(u64::from(p.checked_sub(shift)?) << 2 | kind.field as u64)
                    }));
                }
            },
        )?;
    }
    for (k, mut here) in places.into_iter().enumerate() {
        here.sort_unstable();
        here.dedup_by_key(|key| *key >> 2);
        for key in here {
            let (p, field) = ((key >> 2) as u32, field_of_bits(key));
            // Only where every later slot with stored positions follows is the text read.
            let follows = slots.iter().skip(1).enumerate().all(|(j, slot)| {
                let want = p.saturating_add(step.saturating_mul(j as u32 + 1));
                in_text(slot) || later_positions[j][k].binary_search(&want).is_ok()
            });
            if !follows {
                continue;
            }
            let Some(term) = text.term_at(candidates[k], p)? else {
                continue;
            };
            for (list, weight) in &from_text {
                if term == list.offset() as u64 {
                    let kind = Kind {
                        field,
                        derived: false,
                    };
                    out[k].push((p, kind, *weight));
                }
            }
        }
    }
    Ok(out)
}

/// One word: its expansions' weighted frequencies summed per article (weighed only in the
/// articles `within` holds, see [`match_matcher_within`]), without decoding a position.
fn match_word<'a>(
    index: &Index<'a>,
    matcher: &Matcher,
    complete: bool,
    typos: Typos,
    matched_terms: &mut BTreeSet<String>,
    within: Option<&[bool]>,
) -> Result<Clause<'a>, IndexError> {
    let expanded = expansions_with_forms(index, matcher, 0, complete, typos, matched_terms)?;
    let forms: Vec<Form> = expanded.iter().map(|(_, _, f)| *f).collect();
    let lists: Vec<(PostingList<'a>, f32)> = expanded.into_iter().map(|(l, w, _)| (l, w)).collect();
    let weighed = |a: ArticleId| within.is_none_or(|w| w.get(a.0 as usize) == Some(&true));
    // Only required words (weighed everywhere) rank by the form typed, counted in the same
    // pass over the occurrences as the weights.
    let typed = within.is_none() && forms.iter().any(|f| matches!(f, Form::Typed | Form::Term));
    let (tf, exact) = match (lists.as_slice(), forms.as_slice()) {
        ([], _) => (Vec::new(), Vec::new()),
        ([(list, weight)], [form]) => {
            let mut tf = Vec::with_capacity(list.len());
            let mut exact = Vec::new();
            for (i, &a) in list.articles().iter().enumerate() {
                let (w, n) = if weighed(a) {
                    occurrences(list, i, *form, typed)
                } else {
                    (0.0, 0)
                };
                tf.push((a, w * weight));
                if n > 0 {
                    exact.push((a, n as u32));
                }
            }
            (tf, exact)
        }
        _ => {
            // Several lists: a dense accumulator over all articles (`None`: not matched).
            // A sum not above 0 (only other forms, weighted below 0, which the term's own
            // list always outweighs) is no match, as where it is weighed.
            let mut dense: Vec<Option<f32>> = vec![None; index.article_count() as usize];
            let mut typed_counts: Vec<i64> = if typed {
                vec![0; dense.len()]
            } else {
                Vec::new()
            };
            for ((list, weight), form) in lists.iter().zip(&forms) {
                for (i, &a) in list.articles().iter().enumerate() {
                    let (tf, n) = if weighed(a) {
                        occurrences(list, i, *form, typed)
                    } else {
                        (0.0, 0)
                    };
                    if let Some(slot) = dense.get_mut(a.0 as usize) {
                        *slot = Some(slot.unwrap_or(0.0) + tf * weight);
                    }
                    if let Some(count) = typed_counts.get_mut(a.0 as usize) {
                        *count += n;
                    }
                }
            }
            let exact = typed_counts
                .into_iter()
                .enumerate()
                .filter(|&(_, n)| n > 0)
                .map(|(a, n)| (ArticleId(a as u32), u32::try_from(n).unwrap_or(u32::MAX)))
                .collect();
            let tf = dense
                .into_iter()
                .enumerate()
                .filter_map(|(a, tf)| Some((ArticleId(a as u32), tf?)))
                .filter(|&(a, tf)| tf > 0.0 || !weighed(a))
                .collect();
            (tf, exact)
        }
    };
    Ok(Clause {
        tf,
        positions: Positions {
            lists,
            known: Vec::new(),
        },
        exact,
    })
}

/// Lower `clause`'s weight in the articles where its word is written joined to the next word
/// of the query: `Jong Un` typed apart, `Jong-un` or `Jongun` written, found under the key
/// `joined` (a hyphen-whole variant or a closed word). Each such occurrence counts
/// [`OTHER_FORM_WEIGHT`] against the clause, down to at most half its weight, so the
/// spelling typed ranks first; which articles match does not change.
pub fn lower_joined(
    index: &Index<'_>,
    clause: &mut Clause<'_>,
    joined: &str,
) -> Result<(), IndexError> {
    joined_in(index, joined, &mut clause.tf, |list, i, tf| {
        *tf = (*tf + weighted(list, i) * OTHER_FORM_WEIGHT).max(*tf * 0.5);
    })
}

/// Calls `adjust` with the list of key `joined`, an article's place in it and that article's
/// value in `per_article` (sorted by article), for every article in both.
fn joined_in<T>(
    index: &Index<'_>,
    joined: &str,
    per_article: &mut [(ArticleId, T)],
    mut adjust: impl FnMut(&PostingList<'_>, usize, &mut T),
) -> Result<(), IndexError> {
    let Some(list) = super::expand::postings(index, joined)? else {
        return Ok(());
    };
    let articles: Vec<ArticleId> = per_article.iter().map(|(a, _)| *a).collect();
    for (i, slot) in slots_of(list.articles(), &articles).into_iter().enumerate() {
        if let Some((_, value)) = slot.and_then(|k| per_article.get_mut(k)) {
            adjust(&list, i, value);
        }
    }
    Ok(())
}

/// Count as not typed the occurrences of `clause`'s word where the text writes it joined to
/// its neighbour in the query (`Jong Un` typed apart, `Jong-un` written): the derived
/// occurrences (hyphen wholes) of the joined key `joined` in each article are taken from the
/// clause's typed-form counts. (Applied to both words of the pair.)
pub fn not_typed_where_joined(
    index: &Index<'_>,
    clause: &mut Clause<'_>,
    joined: &str,
) -> Result<(), IndexError> {
    joined_in(index, joined, &mut clause.exact, |list, i, n| {
        let joined = list.kinds(i).filter(|k| k.derived).count() as u32;
        *n = n.saturating_sub(joined);
    })?;
    clause.exact.retain(|(_, n)| *n > 0);
    Ok(())
}

/// Every article any of `excluded` matches (as typed: no completion, no corrections).
pub fn excluded_articles(
    index: &Index<'_>,
    excluded: &[Matcher],
) -> Result<BTreeSet<ArticleId>, IndexError> {
    let mut out = BTreeSet::new();
    let mut ignore = BTreeSet::new();
    // Weighed everywhere, as a required word is, but only which articles match counts: no
    // exactness tier (`Some`: not a required word).
    let everywhere = match excluded {
        [] => Vec::new(),
        _ => vec![true; index.article_count() as usize],
    };
    for matcher in excluded {
        let clause = match_matcher_within(
            index,
            matcher,
            false,
            Typos::No,
            &mut ignore,
            Some(&everywhere),
        )?;
        out.extend(clause.tf.iter().map(|(a, _)| *a));
    }
    Ok(out)
}
