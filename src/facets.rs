//! Entities over a set of articles: filters, facet counts, the date histogram,
//! co-occurrence and mentions in context.
//!
//! All of these work on the set of articles a search matched, so the page can show who
//! appears in the current results, when they were written, and which entities go together
//! more often than chance.

use crate::model::{Cooccurrence, DateCount, Facet, InContext};
use explorer_index::{
    ArticleId, ArticleRecord, EntityId, EntityTotals, Index, IndexError, YearMonth,
};
use std::collections::{BTreeMap, BTreeSet};

/// Characters of context on each side of a mention in context.
pub const CONTEXT_CHARS: usize = 60;

/// Articles that mention every entity of `entities` (by name, or also by demonym when
/// `demonyms`). `None` when `entities` is empty (no restriction).
pub fn articles_mentioning_all(
    index: &Index<'_>,
    entities: &[EntityId],
    demonyms: bool,
) -> Result<Option<BTreeSet<ArticleId>>, IndexError> {
    let mut result: Option<BTreeSet<ArticleId>> = None;
    for &id in entities {
        let record = index.entity(id)?;
        let mut set = BTreeSet::new();
        for (article, _) in record.articles {
            if result.as_ref().is_some_and(|r| !r.contains(&article)) {
                continue;
            }
            let by_name = || -> Result<bool, IndexError> {
                Ok(index
                    .article_entities(article)?
                    .iter()
                    .any(|&(e, by_name)| e == id && by_name))
            };
            if demonyms || by_name()? {
                set.insert(article);
            }
        }
        result = Some(set);
    }
    Ok(result)
}

/// The distinct entities each article mentions, respecting `demonyms`.
fn entities_of(
    index: &Index<'_>,
    article: ArticleId,
    demonyms: bool,
) -> Result<BTreeSet<EntityId>, IndexError> {
    Ok(index
        .article_entities(article)?
        .into_iter()
        .filter(|&(_, by_name)| demonyms || by_name)
        .map(|(id, _)| id)
        .collect())
}

/// The distinct entities of every article, every entity's place by name and its number of
/// articles, decoded once: facets count them over every match of every search, and decoding
/// the index's tables each time was most of a frequent word's facets. About 4 bytes per
/// (article, entity) pair, and 16 per entity. It borrows nothing of the index (names are read from it when a
/// facet is shown), so the engine that caches it is covariant in its index's lifetime (the
/// lazy engine owns its bytes through `yoke`: src/lazy.rs).
#[derive(Debug, Clone, Default)]
pub struct ArticleEntities {
    /// Where each article's entries begin in `entries` (one more than there are articles).
    starts: Vec<u32>,
    /// `entity id << 1 | mentioned by name`, per article sorted by id.
    entries: Vec<u32>,
    /// How many entities the index has.
    entity_count: usize,
    /// Per entity id: its place among all entities sorted by name (ties by id), so facets
    /// sort by numbers; and per place, the entity id.
    by_name: Vec<u32>,
    in_name_order: Vec<u32>,
    /// Per entity id, the number of articles that mention it. Facets over most of the
    /// articles count the others and subtract.
    totals: EntityTotals,
}

impl ArticleEntities {
    pub fn read(index: &Index<'_>) -> Result<Self, IndexError> {
        let names = (0..index.entity_count())
            .map(|i| index.entity_name(EntityId(i)))
            .collect::<Result<Vec<_>, IndexError>>()?;
        let mut order: Vec<u32> = (0..names.len() as u32).collect();
        order.sort_by(|&a, &b| names[a as usize].0.cmp(names[b as usize].0));
        let mut by_name = vec![0u32; names.len()];
        for (place, &id) in order.iter().enumerate() {
            by_name[id as usize] = place as u32;
        }
        let mut out = ArticleEntities {
            starts: Vec::with_capacity(index.article_count() as usize + 1),
            entries: Vec::new(),
            entity_count: names.len(),
            by_name,
            in_name_order: order,
            totals: EntityTotals::new(names.len()),
        };
        let mut buf = Vec::new();
        out.starts.push(0);
        for article in index.article_ids() {
            index.article_entities_into(article, &mut buf)?;
            out.entries.extend(
                buf.iter()
                    .map(|&(id, by_name)| id.0 << 1 | u32::from(by_name)),
            );
            out.totals.add(&buf);
            out.starts.push(out.entries.len() as u32);
        }
        Ok(out)
    }

    /// The entries of `article` (none for an unknown id).
    fn of(&self, article: ArticleId) -> &[u32] {
        let i = article.0 as usize;
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.entries.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Facet counts over `articles`: each entity with the number of articles that mention it,
/// most frequent first (ties by name). `selected` entities are always included.
pub fn facets<'a>(
    index: &Index<'a>,
    table: &ArticleEntities,
    articles: &[ArticleId],
    selected: &[EntityId],
    demonyms: bool,
) -> Result<Vec<Facet<'a>>, IndexError> {
    let counts = counts(table, articles, demonyms);
    for &id in selected {
        // A selected id the index does not know is an error, as everywhere else.
        if id.0 as usize >= counts.len() {
            index.entity(id)?;
        }
    }
    // Most first, ties by name: (count, place by name) as one number to sort by.
    let mut found: Vec<u64> = counts
        .iter()
        .enumerate()
        .filter(|&(i, &count)| count > 0 || selected.contains(&EntityId(i as u32)))
        .map(|(i, &count)| {
            let place = u64::from(table.by_name[i]);
            (u64::from(u32::MAX - count.min(u32::MAX as usize) as u32) << 32) | place
        })
        .collect();
    found.sort_unstable();
    let mut out = Vec::with_capacity(found.len());
    for key in found {
        let id = table.in_name_order[(key & u64::from(u32::MAX)) as usize];
        let (name, kind) = index.entity_name(EntityId(id))?;
        out.push(Facet {
            id: EntityId(id),
            name,
            kind,
            count: counts[id as usize],
        });
    }
    Ok(out)
}

/// How many of `articles` mention each entity (per entity id). Over most of the articles
/// (a frequent word's matches), the entities of the others are counted and taken from the
/// totals: the same counts from a fraction of the entries.
fn counts(table: &ArticleEntities, articles: &[ArticleId], demonyms: bool) -> Vec<usize> {
    let by_name_only = u32::from(!demonyms);
    let all = table.starts.len().saturating_sub(1);
    let count_in = |counts: &mut [usize], article: ArticleId, up: bool| {
        for &entry in table.of(article) {
            if entry & by_name_only == by_name_only {
                if let Some(c) = counts.get_mut((entry >> 1) as usize) {
                    *c = if up { *c + 1 } else { c.saturating_sub(1) };
                }
            }
        }
    };
    if let Some(member) = members(articles, all) {
        let totals = table.totals.of(demonyms);
        let mut counts: Vec<usize> = totals.iter().map(|&n| n as usize).collect();
        counts.resize(table.entity_count, 0);
        for a in others(&member) {
            count_in(&mut counts, a, false);
        }
        return counts;
    }
    // Dense counts: one slot per entity, no map in the per-article loop.
    let mut counts = vec![0usize; table.entity_count];
    for &article in articles {
        count_in(&mut counts, article, true);
    }
    counts
}

/// Which of the collection's `all` articles are in `articles`, when they are more than half
/// of it, each once: then facets count the others' entities and take them from the totals.
/// `None` otherwise (a list with an article twice or an id the index lacks is counted
/// directly).
fn members(articles: &[ArticleId], all: usize) -> Option<Vec<bool>> {
    if articles.len() <= all / 2 {
        return None;
    }
    let mut member = vec![false; all];
    let once = articles.iter().all(|a| {
        member
            .get_mut(a.0 as usize)
            .is_some_and(|m| !std::mem::replace(m, true))
    });
    once.then_some(member)
}

/// The articles `member` leaves out.
fn others(member: &[bool]) -> impl Iterator<Item = ArticleId> + '_ {
    let out = member.iter().enumerate().filter(|(_, &m)| !m);
    out.map(|(a, _)| ArticleId(a as u32))
}

/// Articles per month over the `dates` of a set of articles, oldest first, and the number
/// without a date (the rule is `explorer_index::figures::month_counts`, which a lazy index's
/// writer counts the start page's months with too).
pub fn dates(dates: impl Iterator<Item = Option<YearMonth>>) -> (Vec<DateCount>, usize) {
    explorer_index::figures::month_counts(dates)
}

/// Entities that co-occur with `entity` in `articles` (the current results), most
/// over-represented first. Lift = P(other | entity, results) / P(other | collection).
pub fn cooccurring<'a>(
    index: &Index<'a>,
    entity: EntityId,
    articles: &[ArticleId],
    demonyms: bool,
) -> Result<Vec<Cooccurrence<'a>>, IndexError> {
    let mut with_entity = 0usize;
    let mut counts: BTreeMap<EntityId, usize> = BTreeMap::new();
    for &article in articles {
        let ids = entities_of(index, article, demonyms)?;
        if !ids.contains(&entity) {
            continue;
        }
        with_entity += 1;
        for id in ids.into_iter().filter(|&id| id != entity) {
            *counts.entry(id).or_default() += 1;
        }
    }
    let total = index.article_count().max(1) as f32;
    let mut out = Vec::with_capacity(counts.len());
    for (id, count) in counts {
        let e = index.entity(id)?;
        let base = e.articles.len().max(1) as f32 / total;
        let lift = (count as f32 / with_entity.max(1) as f32) / base;
        out.push(Cooccurrence {
            id,
            name: e.name,
            kind: e.kind,
            count,
            lift,
        });
    }
    // Over-representation, weighted by support so one shared article does not top the list.
    let weight = |c: &Cooccurrence<'_>| c.lift * (1.0 + c.count as f32).ln();
    crate::order::sort_by(&mut out, |a, b| {
        weight(b)
            .total_cmp(&weight(a))
            .then_with(|| b.count.cmp(&a.count))
            .then_with(|| a.name.cmp(b.name))
    });
    Ok(out)
}

/// An entity's mentions found in a set of articles.
pub struct Found<'a> {
    /// The first mentions, with context.
    pub in_context: Vec<InContext<'a>>,
    /// Every spelling seen, sorted.
    pub spellings: Vec<&'a str>,
    /// Number of mentions.
    pub mentions: usize,
}

/// Up to `limit` mentions of `entity` in `articles`, each with [`CONTEXT_CHARS`] of text on
/// either side, cut at word boundaries and never beyond the block (paragraph, caption, ...)
/// the mention is in. `record` gives an article with its text (embedded or loaded).
pub fn in_context<'a>(
    index: &Index<'_>,
    entity: EntityId,
    articles: &[ArticleId],
    limit: usize,
    record: impl Fn(ArticleId) -> Result<ArticleRecord<'a>, IndexError>,
) -> Result<Found<'a>, IndexError> {
    let mut out = Vec::new();
    let mut spellings: Vec<&'a str> = Vec::new();
    let mut mentions = 0;
    for &article in articles {
        let record = record(article)?;
        for m in index
            .mentions(article)?
            .into_iter()
            .filter(|m| m.entity == entity)
        {
            let Some(block) = record
                .blocks
                .iter()
                .find(|b| b.start <= m.start && m.end <= b.end)
            else {
                continue;
            };
            let text = record.block_text(block);
            let (start, end) = (
                (m.start - block.start) as usize,
                (m.end - block.start) as usize,
            );
            let Some(mention) = text.get(start..end) else {
                continue;
            };
            mentions += 1;
            if !spellings.contains(&mention) {
                spellings.push(mention);
            }
            if out.len() < limit {
                out.push(InContext {
                    article,
                    before: context_before(text, start),
                    mention,
                    after: context_after(text, end),
                    kind: m.kind,
                });
            }
        }
    }
    crate::order::sort_by(&mut spellings, |a, b| a.cmp(b));
    Ok(Found {
        in_context: out,
        spellings,
        mentions,
    })
}

fn context_before(text: &str, at: usize) -> &str {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut start = at;
    for (i, _) in text[line_start..at].char_indices().rev() {
        start = line_start + i;
        if at - start >= CONTEXT_CHARS {
            break;
        }
    }
    let slice = &text[start..at];
    match slice.find(char::is_whitespace) {
        Some(i) if start > line_start && i < slice.len() => &slice[i..],
        _ => slice,
    }
}

fn context_after(text: &str, at: usize) -> &str {
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let mut end = at;
    for (i, c) in text[at..line_end].char_indices() {
        end = at + i + c.len_utf8();
        if end - at >= CONTEXT_CHARS {
            break;
        }
    }
    let slice = &text[at..end];
    match slice.rfind(char::is_whitespace) {
        Some(i) if end < line_end => &slice[..i],
        _ => slice,
    }
}

/// [`facets`] counted from the entities of each of `articles` (their AENT rows), with the
/// names and kinds of the entities found (their rows of names): the same facets, in the
/// same order (most first, ties by name, then by id), reading nothing of the articles not
/// matched or the entities not found. What a lazy engine's search counts (its engine reads
/// the rows the matches and their entities need, not the whole tables: docs/HOSTED.md).
/// Over more than half of the articles, a lazy index's totals (ETOT) less the entities of
/// the others: a frequent word and the start page read the others' rows, not every row.
#[cfg(feature = "lazy")]
pub(crate) fn facets_of_matches<'a>(
    index: &Index<'a>,
    articles: &[ArticleId],
    selected: &[EntityId],
    demonyms: bool,
) -> Result<Vec<Facet<'a>>, IndexError> {
    let mut counts: BTreeMap<EntityId, usize> = BTreeMap::new();
    let mut buf = Vec::new();
    // Over most of the articles (a frequent word, the start page): the totals counted at
    // build time, less the others' entities, as `counts` does with the whole table.
    let all = index.article_count() as usize;
    let totals = match members(articles, all) {
        Some(member) => index.entity_totals()?.map(|t| (t, member)),
        None => None,
    };
    match totals {
        Some((totals, member)) => {
            let mut dense: Vec<usize> = totals.of(demonyms).iter().map(|&n| n as usize).collect();
            for a in others(&member) {
                index.article_entities_into(a, &mut buf)?;
                for &(id, by_name) in &buf {
                    if let Some(c) = dense.get_mut(id.0 as usize).filter(|_| demonyms || by_name) {
                        *c = c.saturating_sub(1);
                    }
                }
            }
            let found = dense.into_iter().enumerate().filter(|&(_, n)| n > 0);
            counts.extend(found.map(|(i, n)| (EntityId(i as u32), n)));
        }
        None => {
            for &article in articles {
                index.article_entities_into(article, &mut buf)?;
                for &(id, by_name) in &buf {
                    if demonyms || by_name {
                        *counts.entry(id).or_default() += 1;
                    }
                }
            }
        }
    }
    for &id in selected {
        // A selected id the index does not know is an error, as everywhere else.
        if id.0 >= index.entity_count() {
            index.entity(id)?;
        }
        counts.entry(id).or_default();
    }
    let mut out = counts
        .into_iter()
        .map(|(id, count)| {
            let (name, kind) = index.entity_name(id)?;
            Ok(Facet {
                id,
                name,
                kind,
                count,
            })
        })
        .collect::<Result<Vec<_>, IndexError>>()?;
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.name.cmp(b.name))
            .then_with(|| a.id.cmp(&b.id))
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_count_every_articles_entities_most_first_then_by_name() {
        let ex = crate::Explorer::embedded().unwrap();
        let index = &ex.index;
        let table = ArticleEntities::read(index).unwrap();
        let all: Vec<ArticleId> = index.article_ids().collect();
        // Most of the articles (counted from the totals), a few, and one article twice.
        let twice: Vec<ArticleId> = all.iter().chain(&all[..1]).copied().collect();
        for (articles, demonyms) in [
            (&all[..], true),
            (&all[..], false),
            (&all[1..], true),
            (&all[2..], false),
            (&all[..1], false),
            (&all[..2], true),
            (&twice[..], true),
            (&twice[..], false),
        ] {
            // Counted the long way: each article's entities from the index, names looked up.
            let mut expected: BTreeMap<EntityId, usize> = BTreeMap::new();
            for &a in articles {
                for id in entities_of(index, a, demonyms).unwrap() {
                    *expected.entry(id).or_default() += 1;
                }
            }
            let mut expected: Vec<(usize, &str, EntityId)> = expected
                .into_iter()
                .map(|(id, n)| (n, index.entity_name(id).unwrap().0, id))
                .collect();
            expected.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)).then(a.2.cmp(&b.2)));
            let got = facets(index, &table, articles, &[], demonyms).unwrap();
            let got: Vec<(usize, &str, EntityId)> =
                got.iter().map(|f| (f.count, f.name, f.id)).collect();
            assert!(!got.is_empty());
            assert_eq!(got, expected);
            // A lazy index counts from the matches' own rows: the same facets.
            #[cfg(feature = "lazy")]
            {
                let lazy = facets_of_matches(index, articles, &[], demonyms).unwrap();
                let lazy: Vec<(usize, &str, EntityId)> =
                    lazy.iter().map(|f| (f.count, f.name, f.id)).collect();
                assert_eq!(lazy, got);
            }
        }
        // A selected entity is listed even when no article counts it.
        let unseen = EntityId(0);
        let facets = facets(index, &table, &[], &[unseen], true).unwrap();
        assert_eq!(facets.len(), 1);
        assert_eq!((facets[0].id, facets[0].count), (unseen, 0));
        #[cfg(feature = "lazy")]
        {
            let lazy = facets_of_matches(index, &[], &[unseen], true).unwrap();
            assert_eq!(lazy, facets);
            let beyond = EntityId(index.entity_count());
            assert!(facets_of_matches(index, &[], &[beyond], true).is_err());
        }
    }

    #[test]
    fn dates_are_counted_per_month_oldest_first_in_either_table() {
        let ym = |year, month| Some(YearMonth { year, month });
        // A span of a few years (dense table) and one across millennia (sorted keys).
        for far in [2030, 9000] {
            let dates = [
                ym(2019, 12),
                None,
                ym(2019, 3),
                ym(far, 1),
                ym(2019, 12),
                ym(2020, 1),
                None,
                ym(2019, 3),
                ym(2019, 12),
            ];
            let mut expected: BTreeMap<YearMonth, usize> = BTreeMap::new();
            for d in dates.iter().flatten() {
                *expected.entry(*d).or_default() += 1;
            }
            let (got, undated) = dates_of(dates);
            let got: Vec<(YearMonth, usize)> = got.iter().map(|d| (d.date, d.count)).collect();
            assert_eq!(got, expected.into_iter().collect::<Vec<_>>(), "{far}");
            assert_eq!(undated, 2);
        }
        assert_eq!(dates_of([None]), (Vec::new(), 1));
    }

    fn dates_of<const N: usize>(d: [Option<YearMonth>; N]) -> (Vec<DateCount>, usize) {
        dates(d.into_iter())
    }

    #[test]
    fn context_is_cut_at_words_and_lines() {
        let text = "Erste Zeile.\nDas ist ein langer Satz vor dem Namen Kim Jong Un und danach geht es weiter mit vielen Wörtern bis zum Ende.\nNächste";
        let at = text.find("Kim").unwrap();
        let end = at + "Kim Jong Un".len();
        let before = context_before(text, at);
        let after = context_after(text, end);
        assert!(text[..at].ends_with(before));
        assert!(!before.contains('\n') && !after.contains('\n'));
        assert!(after.starts_with(" und danach"));
        assert!(before.chars().count() <= CONTEXT_CHARS + 1);
        assert_eq!(context_before("Kim", 0), "");
        assert_eq!(context_after("Kim", 3), "");
    }
}
