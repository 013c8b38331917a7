//! Sorted article lists: positions of candidates, merging, and the slots of one list in
//! another (the helpers every clause of [`super`] and the ranker walk with).

use explorer_index::{ArticleId, IndexError, PostingList};

/// The positions of `lists`' occurrences in `candidates` (sorted): per candidate, sorted and
/// unique; the other articles' positions are skipped, not decoded.
pub fn positions_of(
    lists: &[(PostingList<'_>, f32)],
    candidates: &[ArticleId],
) -> Result<Vec<Vec<u32>>, IndexError> {
    let mut out = vec![Vec::new(); candidates.len()];
    for (list, _) in lists {
        let slots = slots_of(list.articles(), candidates);
        list.for_each_positions_where(
            |i| slots[i].is_some(),
            |i, positions| {
                if let Some(k) = slots[i] {
                    out[k].extend_from_slice(positions);
                }
            },
        )?;
    }
    for ps in &mut out {
        ps.sort_unstable();
        ps.dedup();
    }
    Ok(out)
}

/// Two lists sorted by article merged into one, `join` combining the values of an article
/// both have.
pub fn merge_sorted<T>(
    a: Vec<(ArticleId, T)>,
    b: Vec<(ArticleId, T)>,
    join: impl Fn(&mut T, T),
) -> Vec<(ArticleId, T)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter().peekable();
    for (article, mut value) in a {
        while let Some((other, _)) = b.peek() {
            if *other > article {
                break;
            }
            let Some((other, more)) = b.next() else { break };
            if other == article {
                join(&mut value, more);
            } else {
                out.push((other, more));
            }
        }
        out.push((article, value));
    }
    out.extend(b);
    out
}

/// For each article of a sorted `list`, its index in the sorted `candidates`, if there.
pub fn slots_of(list: &[ArticleId], candidates: &[ArticleId]) -> Vec<Option<usize>> {
    let mut out = Vec::with_capacity(list.len());
    let mut k = 0;
    for a in list {
        while k < candidates.len() && candidates[k] < *a {
            k += 1;
        }
        out.push((k < candidates.len() && candidates[k] == *a).then_some(k));
    }
    out
}
