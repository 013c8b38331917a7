//! Entities over a set of articles: filters, facet counts, the date histogram,
//! co-occurrence and mentions in context.
//!
//! All of these work on the set of articles a search matched, so the page can show who
//! appears in the current results, when they were written, and which entities go together
//! more often than chance.

use crate::model::{Cooccurrence, DateCount, Facet, InContext};
use explorer_index::{ArticleId, ArticleRecord, EntityId, Index, IndexError, YearMonth};
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

/// The distinct entities of every article, decoded once: facets count them over every
/// match of every search, and decoding the index's table each time was most of a frequent
/// word's facets. About 4 bytes per (article, entity) pair.
#[derive(Debug, Clone, Default)]
pub struct ArticleEntities {
    /// Where each article's entries begin in `entries` (one more than there are articles).
    starts: Vec<u32>,
    /// `entity id << 1 | mentioned by name`, per article sorted by id.
    entries: Vec<u32>,
}

impl ArticleEntities {
    pub fn read(index: &Index<'_>) -> Result<Self, IndexError> {
        let mut out = ArticleEntities {
            starts: Vec::with_capacity(index.article_count() as usize + 1),
            entries: Vec::new(),
        };
        let mut buf = Vec::new();
        out.starts.push(0);
        for article in index.article_ids() {
            index.article_entities_into(article, &mut buf)?;
            out.entries.extend(
                buf.iter()
                    .map(|&(id, by_name)| id.0 << 1 | u32::from(by_name)),
            );
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
    // Dense counts: one slot per entity, no map in the per-article loop.
    let mut counts = vec![0usize; index.entity_count() as usize];
    let by_name_only = u32::from(!demonyms);
    for &article in articles {
        for &entry in table.of(article) {
            if entry & by_name_only == by_name_only {
                if let Some(c) = counts.get_mut((entry >> 1) as usize) {
                    *c += 1;
                }
            }
        }
    }
    let mut out = counts
        .iter()
        .enumerate()
        .filter(|&(i, &count)| count > 0 || selected.contains(&EntityId(i as u32)))
        .map(|(i, &count)| {
            let id = EntityId(i as u32);
            let (name, kind) = index.entity_name(id)?;
            Ok(Facet {
                id,
                name,
                kind,
                count,
            })
        })
        .collect::<Result<Vec<_>, IndexError>>()?;
    for &id in selected {
        // A selected id the index does not know is an error, as everywhere else.
        if id.0 as usize >= counts.len() {
            index.entity(id)?;
        }
    }
    crate::order::sort_by(&mut out, |a, b| {
        b.count.cmp(&a.count).then_with(|| a.name.cmp(b.name))
    });
    Ok(out)
}

/// Articles per month over the `dates` of a set of articles, oldest first, and the number
/// without a date.
pub fn dates(dates: impl Iterator<Item = Option<YearMonth>>) -> (Vec<DateCount>, usize) {
    let mut by_month = BTreeMap::new();
    let mut undated = 0;
    for date in dates {
        match date {
            Some(d) => *by_month.entry(d).or_default() += 1,
            None => undated += 1,
        }
    }
    let dates = by_month
        .into_iter()
        .map(|(date, count)| DateCount { date, count })
        .collect();
    (dates, undated)
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

#[cfg(test)]
mod tests {
    use super::*;

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
