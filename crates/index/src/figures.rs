//! Figures over the whole collection that the engine counts and a lazy index also keeps
//! counted at build time (`lazy`: the sections ETOT and STRT, docs/HOSTED.md): one rule each,
//! here, used by both.
//!
//! ```text
//! ETOT  count u32 | count x u32 articles mentioning entity i by name or demonym
//!                 | count x u32 articles mentioning it by name
//! ```

use crate::{EntityId, Index, IndexError};

/// Per entity id, the number of articles that mention it: by name or demonym (`all`), by
/// name (`named`). What facets over most of the articles start from (they count the
/// others and subtract).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityTotals {
    pub all: Vec<u32>,
    pub named: Vec<u32>,
}

impl EntityTotals {
    /// No article counted yet, for `entity_count` entities.
    pub fn new(entity_count: usize) -> Self {
        EntityTotals {
            all: vec![0; entity_count],
            named: vec![0; entity_count],
        }
    }

    /// Counts one article, its distinct entities as its AENT row gives them (an id beyond
    /// the entities is not counted).
    pub fn add(&mut self, entities: &[(EntityId, bool)]) {
        for &(id, by_name) in entities {
            if let Some(n) = self.all.get_mut(id.0 as usize) {
                *n += 1;
            }
            if let Some(n) = self.named.get_mut(id.0 as usize).filter(|_| by_name) {
                *n += 1;
            }
        }
    }

    /// Every article of `index` counted from its AENT row.
    pub fn count(index: &Index<'_>) -> Result<Self, IndexError> {
        let mut out = EntityTotals::new(index.entity_count() as usize);
        let mut buf = Vec::new();
        for article in index.article_ids() {
            index.article_entities_into(article, &mut buf)?;
            out.add(&buf);
        }
        Ok(out)
    }

    /// The totals by name or demonym (`demonyms`), else by name only.
    pub fn of(&self, demonyms: bool) -> &[u32] {
        if demonyms {
            &self.all
        } else {
            &self.named
        }
    }

    /// The ETOT section's bytes.
    #[cfg(feature = "write")]
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + 8 * self.all.len());
        out.extend_from_slice(&(self.all.len() as u32).to_le_bytes());
        for n in self.all.iter().chain(&self.named) {
            out.extend_from_slice(&n.to_le_bytes());
        }
        out
    }

    /// An ETOT section (as [`EntityTotals::encode`] writes it).
    #[cfg(feature = "lazy")]
    pub fn decode(bytes: &[u8]) -> Result<Self, IndexError> {
        let corrupt = IndexError::Corrupt {
            section: "ETOT",
            offset: 0,
        };
        let word = |i: usize| -> Option<u32> {
            let b = bytes.get(4 * i..4 * i + 4)?;
            Some(u32::from_le_bytes(b.try_into().ok()?))
        };
        let n = word(0).ok_or(corrupt.clone())? as usize;
        if bytes.len() != 4 + 8 * n {
            return Err(corrupt);
        }
        let column = |from: usize| (from..from + n).filter_map(word).collect();
        Ok(EntityTotals {
            all: column(1),
            named: column(1 + n),
        })
    }
}

#[cfg(all(test, feature = "write"))]
mod tests {
    use super::*;

    #[test]
    fn totals_count_each_article_once_per_entity_and_round_trip() {
        let mut t = EntityTotals::new(3);
        t.add(&[(EntityId(0), true), (EntityId(2), false)]);
        t.add(&[(EntityId(0), false), (EntityId(9), true)]);
        assert_eq!((t.of(true), t.of(false)), (&[2, 0, 1][..], &[1, 0, 0][..]));
        assert_eq!(EntityTotals::decode(&t.encode()).unwrap(), t);
        let bytes = t.encode();
        assert!(EntityTotals::decode(&bytes[..bytes.len() - 1]).is_err());
        assert!(EntityTotals::decode(&[]).is_err());
        assert_eq!(
            EntityTotals::decode(&0u32.to_le_bytes()).unwrap(),
            EntityTotals::default()
        );
    }
}
