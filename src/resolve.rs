//! Entity references as the page writes them, and the facet box's name filter.
//!
//! A URL, an attribute or the facet box names entities as people write them: an id
//! (`12`), a name or alias (`Putin`, `Pjöngjang`), with a kind (`person:Putin`,
//! `personen:Putin`, `staat:Nordkorea`) or just its beginning (`Selen`). Each is read by the
//! query language's own rules ([`crate::query::parse`] for the kind prefix,
//! [`crate::search::resolve_entity`] for the name), so `person:Putin` in the search box and
//! `#e=person:Putin` in a link find the same entity. Names are compared by
//! [`name_key`], which is `explorer_text::fold_key`: the fold the search applies to what is
//! typed.

use crate::query::{self, EntityFilter};
use crate::{search, EntityId, Explorer, IndexError};

/// The key names and the facet box's text are compared by: the search's fold of a typed
/// word (case, umlauts written either way, `ß`, accents), not stemmed.
pub fn name_key(text: &str) -> String {
    explorer_text::fold_key(text.trim())
}

/// The entity filter a reference names: `kind:name` when the query language knows the kind
/// prefix, else the whole text as a name of any kind.
fn filter_of(reference: &str) -> EntityFilter {
    if let Some((prefix, name)) = reference.split_once(':') {
        let name = name.replace(['"', '„', '“', '”'], "");
        let parsed = query::parse(&format!("{}:\"{}\"", prefix.trim(), name.trim()));
        if let ([filter], true) = (parsed.entities.as_slice(), parsed.clauses.is_empty()) {
            return filter.clone();
        }
    }
    EntityFilter {
        kind: None,
        name: reference.to_owned(),
        negated: false,
    }
}

impl<'a> Explorer<'a> {
    /// The entity `reference` names: an id of an entity (`"12"`), else a name, alias or the
    /// beginning of one, optionally with a kind prefix of the query language
    /// (`person:Putin`). `None` when it names nobody.
    pub fn resolve_entity(&self, reference: &str) -> Result<Option<EntityId>, IndexError> {
        let text = reference.trim();
        if (1..=9).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(n) = text.parse::<u32>() {
                if n < self.index.entity_count() {
                    return Ok(Some(EntityId(n)));
                }
            }
        }
        search::resolve_entity(&self.index, &filter_of(text))
    }

    /// How a link writes entity `id`: its name when that finds it again, else its id.
    pub fn entity_ref(&self, id: EntityId) -> Result<String, IndexError> {
        let (name, _) = self.index.entity_name(id)?;
        let by_name =
            !name.bytes().all(|b| b.is_ascii_digit()) && self.resolve_entity(name)? == Some(id);
        Ok(if by_name {
            name.to_owned()
        } else {
            id.0.to_string()
        })
    }

    /// The facet box: every entity whose name or an alias contains `text` (compared by
    /// [`name_key`]), in id order; every entity when `text` is blank. The names are folded
    /// once, on the first call: the box asks on every keystroke.
    pub fn entities_named(&self, text: &str) -> Result<Vec<EntityId>, IndexError> {
        let needle = name_key(text);
        // Made from every row of ENTS (see `Explorer::article_entities`).
        #[cfg(feature = "lazy")]
        explorer_index::lazy::reads::note_table(*b"ENTS");
        let keys = match self.name_keys.get() {
            Some(keys) => keys,
            None => {
                let keys = NameKeys::read(&self.index)?;
                self.name_keys.get_or_init(|| keys)
            }
        };
        Ok(keys
            .per_entity
            .iter()
            .enumerate()
            .filter(|(_, names)| needle.is_empty() || names.iter().any(|n| n.contains(&needle)))
            .map(|(i, _)| EntityId(i as u32))
            .collect())
    }
}

/// Every entity's name and aliases as [`name_key`]s, by entity id.
pub(crate) struct NameKeys {
    per_entity: Vec<Vec<String>>,
}

impl NameKeys {
    fn read(index: &explorer_index::Index<'_>) -> Result<Self, IndexError> {
        let per_entity = (0..index.entity_count())
            .map(|id| {
                let e = index.entity(EntityId(id))?;
                Ok(std::iter::once(e.name)
                    .chain(e.aliases.iter().copied())
                    .map(name_key)
                    .collect())
            })
            .collect::<Result<_, IndexError>>()?;
        Ok(NameKeys { per_entity })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EntityKind;

    /// The fold the search applies to a typed word: the completion key of the query's last
    /// word (and the key an entity filter looks its name up by).
    fn search_key(word: &str) -> String {
        let q = query::parse(word);
        q.clauses[0].any_of[0].prefix_key.clone()
    }

    #[test]
    fn the_facet_filter_folds_words_as_the_search_does() {
        // `Steuer`: the JS copy of the fold once made it `steur`; the analyser keeps `steuer`.
        assert_eq!(name_key("Steuer"), "steuer");
        let table = [
            ("Steuer", "steuer"),
            ("Pjöngjang", "pjongjang"),
            ("Pjoengjang", "pjongjang"),
            ("PJONGJANG", "pjongjang"),
            ("Straße", "strasse"),
            ("Strasse", "strasse"),
            ("Müller", "muller"),
            ("Mueller", "muller"),
            ("Quelle", "quelle"),
            ("neuen", "neuen"),
            ("Baer", "bar"),
            ("Bär", "bar"),
            ("Šefčovič", "sefcovic"),
            ("Erdoğan", "erdogan"),
            ("Lindström", "lindstrom"),
            ("Zürich", "zurich"),
            ("Aeroflot", "aroflot"),
        ];
        for (word, key) in table {
            assert_eq!(name_key(word), key, "{word}");
            assert_eq!(
                name_key(word),
                search_key(word),
                "{word}: facet box and search differ"
            );
        }
    }

    #[test]
    fn every_entity_is_found_by_its_name_and_by_its_id() {
        let ex = Explorer::embedded().unwrap();
        for e in ex.entities().unwrap() {
            let named = ex.entities_named(e.name).unwrap();
            assert!(named.contains(&e.id), "{} not found by its name", e.name);
            let upper = ex.entities_named(&e.name.to_uppercase()).unwrap();
            assert!(upper.contains(&e.id), "{} not found in capitals", e.name);
            assert_eq!(ex.resolve_entity(&e.id.0.to_string()).unwrap(), Some(e.id));
            let back = ex.entity_ref(e.id).unwrap();
            assert_eq!(ex.resolve_entity(&back).unwrap(), Some(e.id), "{back}");
        }
        assert_eq!(
            ex.entities_named("  ").unwrap().len(),
            ex.entities().unwrap().len()
        );
        assert!(ex.entities_named("qqqxqqq").unwrap().is_empty());
    }

    #[test]
    fn references_read_kind_prefixes_as_the_query_language_does() {
        let ex = Explorer::embedded().unwrap();
        let Some(person) = ex
            .entities()
            .unwrap()
            .into_iter()
            .find(|e| e.kind == EntityKind::Person)
        else {
            return;
        };
        for prefix in ["person", "Personen", "entity"] {
            let r = format!("{prefix}:{}", person.name);
            assert_eq!(ex.resolve_entity(&r).unwrap(), Some(person.id), "{r}");
        }
        let r = format!("ort:{}", person.name);
        assert_ne!(ex.resolve_entity(&r).unwrap(), Some(person.id), "{r}");
        // The beginning of a name, as in the search box.
        let start: String = person
            .name
            .chars()
            .take(person.name.chars().count().max(5) - 1)
            .collect();
        let found = ex.resolve_entity(&start).unwrap();
        assert!(found.is_some(), "{start}");
        if let Some(country) = ex
            .entities()
            .unwrap()
            .into_iter()
            .find(|e| e.kind == EntityKind::Country)
        {
            let r = format!("staat:{}", country.name);
            assert_eq!(ex.resolve_entity(&r).unwrap(), Some(country.id), "{r}");
        }
        assert_eq!(ex.resolve_entity("").unwrap(), None);
        assert_eq!(ex.resolve_entity("person:").unwrap(), None);
    }
}
