//! Entities: people, countries, places, organisations recognised at build time, and where
//! each article mentions them.
//!
//! ```text
//! ENTS   table (count u32 LE | offsets u32 LE | records), one record per entity:
//!          name str | kind u8 | alias count varint, aliases str...
//!          article count varint, per article: id delta varint, mention count varint
//! MENT   table, one record per article: mention count varint; with mentions, the count of
//!          distinct entities varint, k_ids u8, k_start << 4 | k_len u8 (exp-Golomb orders),
//!          then bits: the distinct entities (the first id, then each gap - 1, order k_ids),
//!          then per mention (sorted by start): its entity's place among them (the fewest
//!          bits that number them all), kind (1 bit), start delta from the previous start
//!          (order k_start), length (order k_len)
//! AENT   table, one record per article: the distinct entities it mentions, sorted:
//!          count varint, per entity: (id delta << 1 | mentioned by name) varint
//! ALIA   fst::Map: folded alias -> entity id (aliases shared by several entities left out)
//! ```
//!
//! Mention spans are byte offsets into the article's text. The writer derives each entity's
//! article list from the mentions, so the two cannot disagree.

use crate::articles::{count, table_record};
use crate::varint::Cursor;
use crate::{ArticleId, IndexError};

/// An entity's number: its position in the entity table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityId(pub u32);

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    Person = 0,
    Country = 1,
    Place = 2,
    Organization = 3,
    Event = 4,
}

impl EntityKind {
    fn from_u8(b: u8) -> Option<EntityKind> {
        Some(match b {
            0 => EntityKind::Person,
            1 => EntityKind::Country,
            2 => EntityKind::Place,
            3 => EntityKind::Organization,
            4 => EntityKind::Event,
            _ => return None,
        })
    }
}

/// How an article refers to an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionKind {
    /// By name (`Kim Jong Un`, `Kim`, `Kims`).
    Name = 0,
    /// By a demonym or adjective (`nordkoreanische`, `Londoner`).
    Demonym = 1,
}

/// One mention: a span of an article's text that refers to an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mention {
    pub start: u32,
    pub end: u32,
    pub entity: EntityId,
    pub kind: MentionKind,
}

/// One entity with the articles that mention it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRecord<'a> {
    pub name: &'a str,
    pub kind: EntityKind,
    /// Other names it goes by, including foreign spellings.
    pub aliases: Vec<&'a str>,
    /// Articles that mention it, with the number of mentions, sorted by article.
    pub articles: Vec<(ArticleId, u32)>,
}

/// Encode the AENT table: per article, its distinct entities and whether any mention of each
/// is by name (not only by demonym). Facets and filters read this instead of the mentions.
#[cfg(feature = "write")]
pub(crate) fn encode_article_entities(mentions: &[Vec<Mention>]) -> Vec<u8> {
    use crate::articles::table;
    use crate::varint::put_u64;
    table(mentions, |out, list| {
        let mut by_entity: std::collections::BTreeMap<u32, bool> =
            std::collections::BTreeMap::new();
        for m in list {
            *by_entity.entry(m.entity.0).or_default() |= m.kind == MentionKind::Name;
        }
        put_u64(out, by_entity.len() as u64);
        let mut last = 0;
        for (id, by_name) in by_entity {
            put_u64(out, (u64::from(id - last) << 1) | u64::from(by_name));
            last = id;
        }
    })
}

/// The distinct entities of `article`, each with whether it is mentioned by name.
pub(crate) fn decode_article_entities(
    aent: &[u8],
    article: ArticleId,
    out: &mut Vec<(EntityId, bool)>,
) -> Result<(), IndexError> {
    out.clear();
    let mut c = table_record(aent, "AENT", article.0)?;
    let corrupt = |c: &Cursor<'_>| IndexError::Corrupt {
        section: "AENT",
        offset: c.pos(),
    };
    let n = c.u32().ok_or_else(|| corrupt(&c))? as usize;
    out.reserve(n.min(4096));
    let mut id = 0u32;
    for _ in 0..n {
        let v = c.u64().ok_or_else(|| corrupt(&c))?;
        id = u32::try_from(v >> 1)
            .ok()
            .and_then(|d| id.checked_add(d))
            .ok_or_else(|| corrupt(&c))?;
        out.push((EntityId(id), v & 1 != 0));
    }
    Ok(())
}

/// Encode the ENTS and MENT tables. `entities[i]` becomes `EntityId(i)`; `mentions[a]` are
/// the mentions of `ArticleId(a)`. Article lists are derived from the mentions.
#[cfg(feature = "write")]
pub(crate) fn encode(
    entities: &[(&str, EntityKind, Vec<&str>)],
    mentions: &[Vec<Mention>],
) -> (Vec<u8>, Vec<u8>) {
    use crate::articles::table;
    use crate::varint::{put_str, put_u64};
    let mut by_entity: Vec<Vec<(u32, u32)>> = vec![Vec::new(); entities.len()];
    for (article, list) in mentions.iter().enumerate() {
        for m in list {
            if let Some(slot) = by_entity.get_mut(m.entity.0 as usize) {
                match slot.last_mut() {
                    Some((a, n)) if *a == article as u32 => *n += 1,
                    _ => slot.push((article as u32, 1)),
                }
            }
        }
    }
    let indexed: Vec<usize> = (0..entities.len()).collect();
    let ents = table(&indexed, |out, &i| {
        let (name, kind, aliases) = &entities[i];
        put_str(out, name);
        out.push(*kind as u8);
        put_u64(out, aliases.len() as u64);
        for a in aliases {
            put_str(out, a);
        }
        put_u64(out, by_entity[i].len() as u64);
        let mut last = 0;
        for &(article, n) in &by_entity[i] {
            put_u64(out, u64::from(article - last));
            put_u64(out, u64::from(n));
            last = article;
        }
    });
    let ment = table(mentions, |out, list| encode_mention_list(out, list));
    (ents, ment)
}

/// One article's MENT record (see the module docs): about 2.4 bytes a mention, where
/// varints took 5.6 (the entity's place among the article's few takes 2-3 bits, its id 14).
#[cfg(feature = "write")]
fn encode_mention_list(out: &mut Vec<u8>, list: &[Mention]) {
    use crate::varint::{best_order, put_u64, BitWriter};
    let mut sorted = list.to_vec();
    sorted.sort();
    put_u64(out, sorted.len() as u64);
    if sorted.is_empty() {
        return;
    }
    let mut distinct: Vec<u32> = sorted.iter().map(|m| m.entity.0).collect();
    distinct.sort_unstable();
    distinct.dedup();
    put_u64(out, distinct.len() as u64);
    let gaps: Vec<u64> = distinct
        .iter()
        .enumerate()
        .map(|(i, &id)| u64::from(if i == 0 { id } else { id - distinct[i - 1] - 1 }))
        .collect();
    let mut last = 0;
    let starts: Vec<u64> = sorted
        .iter()
        .map(|m| {
            let d = u64::from(m.start - last);
            last = m.start;
            d
        })
        .collect();
    let lengths: Vec<u64> = sorted.iter().map(|m| u64::from(m.end - m.start)).collect();
    let k_ids = best_order(gaps.iter().copied());
    let k_start = best_order(starts.iter().copied()).min(15);
    let k_len = best_order(lengths.iter().copied()).min(15);
    out.push(k_ids as u8);
    out.push((k_start << 4 | k_len) as u8);
    let width = place_bits(distinct.len());
    let mut w = BitWriter::default();
    for &g in &gaps {
        w.golomb(g, k_ids);
    }
    for (m, (&start, &len)) in sorted.iter().zip(starts.iter().zip(&lengths)) {
        let place = distinct.binary_search(&m.entity.0).unwrap_or(0);
        w.bits(place as u64, width);
        w.bits(m.kind as u64, 1);
        w.golomb(start, k_start);
        w.golomb(len, k_len);
    }
    out.extend_from_slice(&w.finish());
}

/// Bits that number `n` things (0 for one).
fn place_bits(n: usize) -> u32 {
    usize::BITS - n.saturating_sub(1).leading_zeros()
}

/// Number of entities in an ENTS section.
pub(crate) fn entity_count(ents: &[u8]) -> Result<u32, IndexError> {
    count(ents, "ENTS")
}

/// Decode entity `id`.
pub(crate) fn decode_entity(ents: &[u8], id: EntityId) -> Result<EntityRecord<'_>, IndexError> {
    let mut c = table_record(ents, "ENTS", id.0).map_err(|e| match e {
        IndexError::NoSuchArticle { id, count } => IndexError::NoSuchEntity { id, count },
        other => other,
    })?;
    decode_entity_record(&mut c).ok_or(IndexError::Corrupt {
        section: "ENTS",
        offset: c.pos(),
    })
}

/// The name and kind of entity `id`, without decoding its aliases and articles (what a facet
/// list needs, for every entity in the results).
pub(crate) fn decode_entity_name(
    ents: &[u8],
    id: EntityId,
) -> Result<(&str, EntityKind), IndexError> {
    let mut c = table_record(ents, "ENTS", id.0).map_err(|e| match e {
        IndexError::NoSuchArticle { id, count } => IndexError::NoSuchEntity { id, count },
        other => other,
    })?;
    let at = c.pos();
    (|| Some((c.str()?, EntityKind::from_u8(c.u8()?)?)))().ok_or(IndexError::Corrupt {
        section: "ENTS",
        offset: at,
    })
}

fn decode_entity_record<'a>(c: &mut Cursor<'a>) -> Option<EntityRecord<'a>> {
    let name = c.str()?;
    let kind = EntityKind::from_u8(c.u8()?)?;
    let n = c.u32()? as usize;
    let mut aliases = Vec::with_capacity(n.min(256));
    for _ in 0..n {
        aliases.push(c.str()?);
    }
    let n = c.u32()? as usize;
    let mut articles = Vec::with_capacity(n.min(4096));
    let mut article = 0u32;
    for _ in 0..n {
        article = article.checked_add(c.u32()?)?;
        articles.push((ArticleId(article), c.u32()?));
    }
    Some(EntityRecord {
        name,
        kind,
        aliases,
        articles,
    })
}

/// Decode the mentions of `article`.
pub(crate) fn decode_mentions(ment: &[u8], article: ArticleId) -> Result<Vec<Mention>, IndexError> {
    let mut c = table_record(ment, "MENT", article.0)?;
    decode_mention_list(&mut c).ok_or(IndexError::Corrupt {
        section: "MENT",
        offset: c.pos(),
    })
}

fn decode_mention_list(c: &mut Cursor<'_>) -> Option<Vec<Mention>> {
    use crate::varint::BitReader;
    let n = c.u32()? as usize;
    if n == 0 {
        return Some(Vec::new());
    }
    let d = c.u32()? as usize;
    let k_ids = u32::from(c.u8()?);
    let k = c.u8()?;
    let (k_start, k_len) = (u32::from(k >> 4), u32::from(k & 15));
    let bits = c.rest();
    // Every mention takes at least three bits, every entity one: a hostile count cannot
    // make us reserve more than the section holds.
    if k_ids > 32 || d == 0 || d > n || n.saturating_mul(3) + d > bits.len() * 8 {
        return None;
    }
    let mut r = BitReader::new(bits, 0);
    let mut distinct = Vec::with_capacity(d);
    let mut next = 0u32;
    for _ in 0..d {
        let id = next.checked_add(u32::try_from(r.golomb(k_ids)?).ok()?)?;
        distinct.push(id);
        next = id.checked_add(1)?;
    }
    let width = place_bits(d);
    let mut out = Vec::with_capacity(n);
    let mut start = 0u32;
    for _ in 0..n {
        let entity = EntityId(*distinct.get(r.bits(width)? as usize)?);
        let kind = match r.bits(1)? {
            0 => MentionKind::Name,
            _ => MentionKind::Demonym,
        };
        start = start.checked_add(u32::try_from(r.golomb(k_start)?).ok()?)?;
        let end = start.checked_add(u32::try_from(r.golomb(k_len)?).ok()?)?;
        out.push(Mention {
            start,
            end,
            entity,
            kind,
        });
    }
    Some(out)
}

#[cfg(all(test, feature = "write"))]
mod tests {
    use super::*;

    #[test]
    fn round_trips_entities_and_mentions() {
        let entities = vec![
            ("Peking", EntityKind::Place, vec!["Beijing"]),
            (
                "Kim Jong Un",
                EntityKind::Person,
                vec!["Kim", "Kim Jong-un"],
            ),
        ];
        let m = |start, end, e, kind| Mention {
            start,
            end,
            entity: EntityId(e),
            kind,
        };
        let mentions = vec![
            vec![
                m(10, 16, 0, MentionKind::Name),
                m(0, 3, 1, MentionKind::Name),
            ],
            vec![],
            vec![
                m(5, 8, 1, MentionKind::Name),
                m(20, 23, 1, MentionKind::Name),
            ],
        ];
        let (ents, ment) = encode(&entities, &mentions);
        assert_eq!(entity_count(&ents), Ok(2));
        let kim = decode_entity(&ents, EntityId(1)).unwrap();
        assert_eq!(kim.name, "Kim Jong Un");
        assert_eq!(kim.aliases, ["Kim", "Kim Jong-un"]);
        assert_eq!(kim.articles, [(ArticleId(0), 1), (ArticleId(2), 2)]);
        let first = decode_mentions(&ment, ArticleId(0)).unwrap();
        assert_eq!(first[0], m(0, 3, 1, MentionKind::Name));
        assert_eq!(first[1], m(10, 16, 0, MentionKind::Name));
        assert!(decode_mentions(&ment, ArticleId(1)).unwrap().is_empty());
        let aent = encode_article_entities(&mentions);
        let mut out = vec![(EntityId(9), false)];
        decode_article_entities(&aent, ArticleId(0), &mut out).unwrap();
        assert_eq!(out, [(EntityId(0), true), (EntityId(1), true)]);
        decode_article_entities(&aent, ArticleId(2), &mut out).unwrap();
        assert_eq!(out, [(EntityId(1), true)]);
        assert!(matches!(
            decode_entity(&ents, EntityId(2)),
            Err(IndexError::NoSuchEntity { id: 2, count: 2 })
        ));
    }

    proptest::proptest! {
        #[test]
        fn mentions_round_trip(
            spans in proptest::collection::vec(
                (0u32..100_000, 0u32..300, 0u32..5_000, proptest::bool::ANY),
                0..40,
            )
        ) {
            let list: Vec<Mention> = spans
                .iter()
                .map(|&(start, len, e, demonym)| Mention {
                    start,
                    end: start + len,
                    entity: EntityId(e),
                    kind: if demonym { MentionKind::Demonym } else { MentionKind::Name },
                })
                .collect();
            let (_, ment) = encode(&[], &[list.clone(), vec![]]);
            let mut sorted = list;
            sorted.sort();
            proptest::prop_assert_eq!(decode_mentions(&ment, ArticleId(0)).unwrap(), sorted);
            proptest::prop_assert!(decode_mentions(&ment, ArticleId(1)).unwrap().is_empty());
        }

        #[test]
        fn mentions_never_panic_on_garbage(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..80)) {
            let mut c = Cursor::new(&bytes, 0);
            let _ = decode_mention_list(&mut c);
        }
    }
}
