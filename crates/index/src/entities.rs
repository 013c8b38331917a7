//! Entities: people, countries, places, organisations recognised at build time, and where
//! each article mentions them.
//!
//! ```text
//! ENTS   table (count u32 LE | offsets u32 LE | records), one record per entity:
//!          name str | kind u8 | alias count varint, aliases str...
//!          article count varint; with articles, k_ids u8, k_counts u8 (exp-Golomb orders),
//!          then bits: the article ids (the first, then each gap - 1), then each article's
//!          mention count - 1
//! MENT   table, one record per article: mention count varint; with mentions,
//!          k_start << 4 | k_len u8 (exp-Golomb orders), then bits per mention (sorted by
//!          start): its entity's place among the article's entities in AENT (the fewest bits
//!          that number them all), kind (1 bit), start delta from the previous start (order
//!          k_start), length (order k_len)
//! AENT   table, one record per article: the distinct entities it mentions, sorted: count
//!          varint; with entities, k_ids u8, then bits per entity: the id (the first, then
//!          each gap - 1, order k_ids) and whether it is mentioned by name (1 bit)
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
    use crate::varint::{best_order, put_u64, BitWriter};
    table(mentions, |out, list| {
        let mut by_entity: std::collections::BTreeMap<u32, bool> =
            std::collections::BTreeMap::new();
        for m in list {
            *by_entity.entry(m.entity.0).or_default() |= m.kind == MentionKind::Name;
        }
        put_u64(out, by_entity.len() as u64);
        if by_entity.is_empty() {
            return;
        }
        let ids: Vec<u32> = by_entity.keys().copied().collect();
        let gaps = id_gaps(&ids);
        let k = best_order(gaps.iter().copied());
        out.push(k as u8);
        let mut w = BitWriter::default();
        for (g, by_name) in gaps.iter().zip(by_entity.values()) {
            w.golomb(*g, k);
            w.bits(u64::from(*by_name), 1);
        }
        out.extend_from_slice(&w.finish());
    })
}

/// Sorted unique ids as the first id, then each gap - 1.
#[cfg(feature = "write")]
fn id_gaps(ids: &[u32]) -> Vec<u64> {
    ids.iter()
        .enumerate()
        .map(|(i, &id)| u64::from(if i == 0 { id } else { id - ids[i - 1] - 1 }))
        .collect()
}

/// The distinct entities of `article`, each with whether it is mentioned by name.
pub(crate) fn decode_article_entities(
    aent: &[u8],
    article: ArticleId,
    out: &mut Vec<(EntityId, bool)>,
) -> Result<(), IndexError> {
    out.clear();
    let mut c = table_record(aent, "AENT", article.0)?;
    let at = c.pos();
    decode_entity_list(&mut c, out).ok_or(IndexError::Corrupt {
        section: "AENT",
        offset: at,
    })
}

fn decode_entity_list(c: &mut Cursor<'_>, out: &mut Vec<(EntityId, bool)>) -> Option<()> {
    use crate::varint::BitReader;
    let n = c.u32()? as usize;
    if n == 0 {
        return Some(());
    }
    let k = u32::from(c.u8()?);
    let bits = c.rest();
    // Every entity takes at least two bits: a hostile count cannot make us reserve more.
    if k > 32 || n.saturating_mul(2) > bits.len() * 8 {
        return None;
    }
    out.reserve(n);
    let mut r = BitReader::new(bits, 0);
    let mut next = 0u32;
    for _ in 0..n {
        let id = next.checked_add(u32::try_from(r.golomb(k)?).ok()?)?;
        out.push((EntityId(id), r.bits(1)? == 1));
        next = id.checked_add(1)?;
    }
    Some(())
}

/// Encode the ENTS and MENT tables. `entities[i]` becomes `EntityId(i)`; `mentions[a]` are
/// the mentions of `ArticleId(a)`. Article lists are derived from the mentions.
#[cfg(feature = "write")]
pub(crate) fn encode(
    entities: &[(&str, EntityKind, Vec<&str>)],
    mentions: &[Vec<Mention>],
) -> (Vec<u8>, Vec<u8>) {
    use crate::articles::table;
    use crate::varint::{best_order, put_str, put_u64, BitWriter};
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
        let list = &by_entity[i];
        put_u64(out, list.len() as u64);
        if list.is_empty() {
            return;
        }
        let ids: Vec<u32> = list.iter().map(|(a, _)| *a).collect();
        let gaps = id_gaps(&ids);
        let counts: Vec<u64> = list.iter().map(|(_, n)| u64::from(n - 1)).collect();
        let (k_ids, k_counts) = (
            best_order(gaps.iter().copied()),
            best_order(counts.iter().copied()),
        );
        out.push(k_ids as u8);
        out.push(k_counts as u8);
        let mut w = BitWriter::default();
        for &g in &gaps {
            w.golomb(g, k_ids);
        }
        for &n in &counts {
            w.golomb(n, k_counts);
        }
        out.extend_from_slice(&w.finish());
    });
    let ment = table(mentions, |out, list| encode_mention_list(out, list));
    (ents, ment)
}

/// One article's MENT record (see the module docs): about 2 bytes a mention, where varints
/// took 5.6 (the entity's place among the article's few, in AENT, takes 2-3 bits, its id 14).
#[cfg(feature = "write")]
fn encode_mention_list(out: &mut Vec<u8>, list: &[Mention]) {
    use crate::varint::{best_order, put_u64, BitWriter};
    let mut sorted = list.to_vec();
    sorted.sort();
    put_u64(out, sorted.len() as u64);
    if sorted.is_empty() {
        return;
    }
    // The article's entities, as AENT lists them.
    let mut distinct: Vec<u32> = sorted.iter().map(|m| m.entity.0).collect();
    distinct.sort_unstable();
    distinct.dedup();
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
    let k_start = best_order(starts.iter().copied()).min(15);
    let k_len = best_order(lengths.iter().copied()).min(15);
    out.push((k_start << 4 | k_len) as u8);
    let width = place_bits(distinct.len());
    let mut w = BitWriter::default();
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
    let mut articles = Vec::new();
    if n > 0 {
        let k_ids = u32::from(c.u8()?);
        let k_counts = u32::from(c.u8()?);
        let bits = c.rest();
        // Every article takes at least two bits: a hostile count cannot make us reserve more.
        if k_ids > 32 || k_counts > 32 || n.saturating_mul(2) > bits.len() * 8 {
            return None;
        }
        articles.reserve(n);
        let mut r = crate::varint::BitReader::new(bits, 0);
        let mut next = 0u32;
        for _ in 0..n {
            let id = next.checked_add(u32::try_from(r.golomb(k_ids)?).ok()?)?;
            articles.push((ArticleId(id), 0));
            next = id.checked_add(1)?;
        }
        for a in &mut articles {
            a.1 = u32::try_from(r.golomb(k_counts)?).ok()?.checked_add(1)?;
        }
    }
    Some(EntityRecord {
        name,
        kind,
        aliases,
        articles,
    })
}

/// Decode the mentions of `article` (its entities are read from `aent`).
pub(crate) fn decode_mentions(
    ment: &[u8],
    aent: &[u8],
    article: ArticleId,
) -> Result<Vec<Mention>, IndexError> {
    let mut entities = Vec::new();
    decode_article_entities(aent, article, &mut entities)?;
    let mut c = table_record(ment, "MENT", article.0)?;
    let at = c.pos();
    decode_mention_list(&mut c, &entities).ok_or(IndexError::Corrupt {
        section: "MENT",
        offset: at,
    })
}

fn decode_mention_list(c: &mut Cursor<'_>, entities: &[(EntityId, bool)]) -> Option<Vec<Mention>> {
    use crate::varint::BitReader;
    let n = c.u32()? as usize;
    if n == 0 {
        return Some(Vec::new());
    }
    let k = c.u8()?;
    let (k_start, k_len) = (u32::from(k >> 4), u32::from(k & 15));
    let bits = c.rest();
    // Every mention takes at least three bits: a hostile count cannot make us reserve more.
    if entities.is_empty() || n.saturating_mul(3) > bits.len() * 8 {
        return None;
    }
    let mut r = BitReader::new(bits, 0);
    let width = place_bits(entities.len());
    let mut out = Vec::with_capacity(n);
    let mut start = 0u32;
    for _ in 0..n {
        let entity = entities.get(r.bits(width)? as usize)?.0;
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
        let aent = encode_article_entities(&mentions);
        let first = decode_mentions(&ment, &aent, ArticleId(0)).unwrap();
        assert_eq!(first[0], m(0, 3, 1, MentionKind::Name));
        assert_eq!(first[1], m(10, 16, 0, MentionKind::Name));
        assert!(decode_mentions(&ment, &aent, ArticleId(1))
            .unwrap()
            .is_empty());
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
            let entities: Vec<(&str, EntityKind, Vec<&str>)> =
                (0..5_000).map(|_| ("e", EntityKind::Place, vec![])).collect();
            let lists = [list.clone(), vec![]];
            let (ents, ment) = encode(&entities, &lists);
            let aent = encode_article_entities(&lists);
            let mut sorted = list;
            sorted.sort();
            proptest::prop_assert_eq!(&decode_mentions(&ment, &aent, ArticleId(0)).unwrap(), &sorted);
            proptest::prop_assert!(decode_mentions(&ment, &aent, ArticleId(1)).unwrap().is_empty());
            for m in &sorted {
                let record = decode_entity(&ents, m.entity).unwrap();
                let n = sorted.iter().filter(|o| o.entity == m.entity).count() as u32;
                proptest::prop_assert_eq!(record.articles, vec![(ArticleId(0), n)]);
            }
        }

        #[test]
        fn mentions_never_panic_on_garbage(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..80)) {
            let mut c = Cursor::new(&bytes, 0);
            let _ = decode_mention_list(&mut c, &[(EntityId(0), true), (EntityId(7), false)]);
            let mut c = Cursor::new(&bytes, 0);
            let _ = decode_entity_list(&mut c, &mut Vec::new());
            let mut c = Cursor::new(&bytes, 0);
            let _ = decode_entity_record(&mut c);
        }
    }
}
