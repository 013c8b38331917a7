//! Planning: what each part of a parsed [`Query`] means to this index. Which words must
//! match and which are optional (stop words and question words rank, they never filter,
//! unless the query has nothing else); whether the word being typed is completed (only when
//! it is not itself a word of the index); which entities the filters name.

use super::expand::has_term;
use crate::query::{Clause, EntityFilter, Query};
use explorer_index::{EntityId, Index, IndexError};
use explorer_text::is_stop_word;
use fst::automaton::{Automaton, Str};
use fst::{IntoStreamer, Streamer};

/// A clause of the query as it will run.
#[derive(Debug, Clone)]
pub struct Planned<'q> {
    pub clause: &'q Clause,
    /// Ranks the articles that have it, filters none.
    pub optional: bool,
    /// Per alternative: whether its last word is completed.
    pub complete: Vec<bool>,
}

/// Plan the clauses of `query` over `index`.
pub fn plan<'q>(index: &Index<'_>, query: &'q Query) -> Result<Vec<Planned<'q>>, IndexError> {
    let is_optional = |c: &Clause| {
        c.any_of
            .iter()
            .all(|m| m.is_word() && is_stop_word(&m.text))
    };
    let all_optional = query.clauses.iter().all(is_optional);
    query
        .clauses
        .iter()
        .map(|clause| {
            let complete = clause
                .any_of
                .iter()
                .map(|m| -> Result<bool, IndexError> {
                    Ok(m.prefix
                        && match m.terms.last() {
                            Some(t) => !has_term(index, t)?,
                            None => false,
                        })
                })
                .collect::<Result<_, _>>()?;
            Ok(Planned {
                clause,
                optional: !all_optional && is_optional(clause),
                complete,
            })
        })
        .collect()
}

/// The entity filters of a query, resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Articles must mention every one of these.
    pub required: Vec<EntityId>,
    /// Articles must mention none of these.
    pub excluded: Vec<EntityId>,
    /// Filters that name no entity, as typed.
    pub unknown: Vec<String>,
}

/// Resolve the query's entity filters, joined with the facet selection `selected`.
pub fn filters(
    index: &Index<'_>,
    query: &Query,
    selected: &[EntityId],
) -> Result<Filters, IndexError> {
    let mut out = Filters {
        required: selected.to_vec(),
        ..Filters::default()
    };
    for filter in &query.entities {
        let list = if filter.negated {
            &mut out.excluded
        } else {
            &mut out.required
        };
        match resolve_entity(index, filter)? {
            Some(id) if !list.contains(&id) => list.push(id),
            Some(_) => {}
            None => out.unknown.push(filter.name.clone()),
        }
    }
    Ok(out)
}

/// The entity a filter names: an exact name or alias of the right kind, else the first
/// whose name or alias begins with it.
pub fn resolve_entity(
    index: &Index<'_>,
    filter: &EntityFilter,
) -> Result<Option<EntityId>, IndexError> {
    let key = explorer_text::fold_key(&filter.name);
    if key.is_empty() {
        return Ok(None);
    }
    let kind_ok = |id: EntityId| -> Result<bool, IndexError> {
        Ok(filter
            .kind
            .is_none_or(|k| index.entity(id).is_ok_and(|e| e.kind == k)))
    };
    if let Some(id) = index.entity_by_alias(&key) {
        if kind_ok(id)? {
            return Ok(Some(id));
        }
    }
    let mut stream = index
        .aliases()
        .search(Str::new(&key).starts_with())
        .into_stream();
    while let Some((_, value)) = stream.next() {
        let id = EntityId(u32::try_from(value).unwrap_or(u32::MAX));
        if kind_ok(id)? {
            return Ok(Some(id));
        }
    }
    Ok(None)
}
