//! Planning: what each part of a parsed [`Query`] means to this index. Which words must
//! match and which are optional (stop words and question words rank, they never filter,
//! unless the query has nothing else; so does the word after a `wie` that opens the query,
//! typed in lower case: `Wie hoch ist …`, `Wie lange dauert …`); whether the word being
//! typed is completed (only when it is not itself a word of the index); which entities the
//! filters name.

use super::expand::{self, has_term};
use crate::query::{Clause, EntityFilter, Query};
use explorer_index::{EntityId, Index, IndexError};
use explorer_text::is_stop_word;

/// A clause of the query as it will run.
#[derive(Debug, Clone)]
pub struct Planned<'q> {
    pub clause: &'q Clause,
    /// Ranks the articles that have it, filters none.
    pub optional: bool,
    /// Per alternative: whether its last word is completed.
    pub complete: Vec<bool>,
}

/// Whether the `k`-th clause of `clauses` belongs to the form of a how-question the query
/// opens with: the one word after an opening `wie`, typed in lower case (`Wie hoch`, `Wie
/// lange`, `wie oft`, `Wie funktioniert`): it asks how, not about what. A capitalised word
/// there (`Wie Merkel …`: a noun or a name) says what the question is about and stays
/// required; after other question words (`Wer gewann`, `Wo starb`) the verb says what
/// happened and stays required too.
pub fn is_question_form(clauses: &[Clause], k: usize) -> bool {
    let single = |c: &Clause| match c.any_of.as_slice() {
        [m] if m.is_word() => Some(m.text.clone()),
        _ => None,
    };
    k == 1
        && clauses
            .first()
            .and_then(single)
            .is_some_and(|w| explorer_text::fold_key(&w) == "wie")
        && clauses
            .get(1)
            .and_then(single)
            .is_some_and(|w| w.starts_with(char::is_lowercase))
}

/// Plan the clauses of `query` over `index`.
pub fn plan<'q>(index: &Index<'_>, query: &'q Query) -> Result<Vec<Planned<'q>>, IndexError> {
    let is_optional = |k: usize, c: &Clause| {
        c.any_of
            .iter()
            .all(|m| m.is_word() && is_stop_word(&m.text))
            || is_question_form(&query.clauses, k)
    };
    let all_optional = query
        .clauses
        .iter()
        .enumerate()
        .all(|(k, c)| is_optional(k, c));
    query
        .clauses
        .iter()
        .enumerate()
        .map(|(k, clause)| {
            let complete = clause
                .any_of
                .iter()
                .map(|m| -> Result<bool, IndexError> {
                    // Not while a lazy index's reads are still to come: the word may
                    // be a word of the index (`expand::reads`).
                    Ok(m.prefix
                        && match m.terms.last() {
                            Some(t) => !has_term(index, t)? && !expand::reads::unloaded(),
                            None => false,
                        })
                })
                .collect::<Result<_, _>>()?;
            Ok(Planned {
                clause,
                optional: !all_optional && is_optional(k, clause),
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
    // The first name or alias beginning with it, of the right kind (in key order).
    let mut out = Ok(None);
    index.aliases_with_prefix(&key, &mut |_, value| {
        let id = EntityId(u32::try_from(value).unwrap_or(u32::MAX));
        match kind_ok(id) {
            Ok(false) => true,
            Ok(true) => {
                out = Ok(Some(id));
                false
            }
            Err(e) => {
                out = Err(e);
                false
            }
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lower_case_word_after_an_opening_question_word_is_part_of_the_question() {
        let form = |q: &str, k: usize| is_question_form(&crate::query::parse(q).clauses, k);
        assert!(form("Wie hoch ist der Schaden ", 1));
        assert!(form("wie lange dauert der Streik ", 1));
        assert!(
            !form("Wo liegt Mendoza ", 1),
            "a verb after other question words stays"
        );
        assert!(
            !form("Wie Merkel Europa sieht ", 1),
            "a capitalised word is the topic"
        );
        assert!(
            !form("Schaden wie hoch ", 2),
            "only a question the query opens with"
        );
        assert!(!form("Wie hoch ist der Schaden ", 4));
        assert!(
            !form("Wie \"hoch ist\" ", 1),
            "a phrase is typed on purpose"
        );
    }
}
