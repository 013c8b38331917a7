//! Ranking: the exactness tier, BM25 over the clauses' weighted term frequencies, a
//! proximity bonus for words found close together, and the order. The settings are in
//! [`super::settings`].
//!
//! The order is by tier first, then by score, then by article id. An article's **tier** is
//! the number of the query's required clauses it has in the form typed
//! ([`Clause::exact`]: the spelling typed, not another inflection, another spelling, a
//! compound part, a longer compound, another name, a completion or a correction), so the
//! form typed ranks first as an order, not a weight: `Kims` puts every article with `Kims`
//! above every article with only `Kim`, whatever their scores.

use super::matching::Clause;
use super::settings::{B, K1, OPTIONAL_WEIGHT, PROXIMITY_BONUS};
use super::Scored;
use explorer_index::{ArticleId, Index, IndexError};

/// BM25 summed over `required` clauses, for the articles every one of them matches (all
/// articles, with score 0, when there are none), plus the `optional` clauses' BM25 times
/// [`OPTIONAL_WEIGHT`] where they match too; without the articles of `excluded`.
pub fn score(
    index: &Index<'_>,
    required: &[Clause<'_>],
    optional: &[Clause<'_>],
    excluded: &std::collections::BTreeSet<ArticleId>,
) -> Result<Vec<Scored>, IndexError> {
    // Every article ranked reads its length (LENS). Noted before there is any candidate, so
    // that a lazy page fetches the lengths with the dictionary's files rather than after
    // the postings, when a page of hits ranked on placeholder lengths has already asked
    // for the heads of the wrong articles (a round and a dozen row chunks lost).
    #[cfg(feature = "lazy")]
    if !required.is_empty() || !optional.is_empty() {
        explorer_index::lazy::reads::note_section(*b"LENS");
    }
    let n = index.article_count() as f32;
    let avg_len = index.avg_len().max(1.0);
    let idf = |c: &Clause<'_>| {
        let df = c.tf.len() as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    };
    let required_idf: Vec<f32> = required.iter().map(idf).collect();
    let optional_idf: Vec<f32> = optional.iter().map(idf).collect();
    let candidates: Box<dyn Iterator<Item = ArticleId>> = match required.first() {
        Some(first) => Box::new(first.tf.iter().map(|(a, _)| *a)),
        None => Box::new(index.article_ids()),
    };
    // Walk the candidates, advancing a cursor in each clause.
    let mut cursors = vec![0usize; required.len()];
    let mut exact_cursors = vec![0usize; required.len()];
    let mut optional_cursors = vec![0usize; optional.len()];
    // At most every candidate scores.
    let mut out = Vec::with_capacity(
        required
            .first()
            .map_or(index.article_count() as usize, |c| c.tf.len()),
    );
    // Each article's (tf, idf) pairs: one buffer for all of them.
    let mut tfs: Vec<(f32, f32)> = Vec::with_capacity(required.len() + optional.len());
    'articles: for article in candidates {
        if excluded.contains(&article) {
            continue;
        }
        tfs.clear();
        for (k, c) in required.iter().enumerate() {
            match advance(&c.tf, &mut cursors[k], article) {
                Some(tf) => tfs.push((tf, required_idf[k])),
                None => continue 'articles,
            }
        }
        let mut tier = 0;
        for (c, at) in required.iter().zip(&mut exact_cursors) {
            tier += u32::from(advance(&c.exact, at, article).is_some());
        }
        for (k, c) in optional.iter().enumerate() {
            if let Some(tf) = advance(&c.tf, &mut optional_cursors[k], article) {
                tfs.push((tf * OPTIONAL_WEIGHT, optional_idf[k]));
            }
        }
        let len = index.length(article)? as f32;
        let norm = K1 * (1.0 - B + B * len / avg_len);
        let total: f32 = tfs
            .iter()
            .map(|(tf, idf)| idf * tf * (K1 + 1.0) / (tf + norm))
            .sum();
        out.push(Scored {
            article,
            tier,
            score: total,
        });
    }
    Ok(out)
}

/// The value of `article` in the sorted `tf`, moving `at` forward.
fn advance<T: Copy>(tf: &[(ArticleId, T)], at: &mut usize, article: ArticleId) -> Option<T> {
    while *at < tf.len() && tf[*at].0 < article {
        *at += 1;
    }
    match tf.get(*at) {
        Some(&(a, f)) if a == article => Some(f),
        _ => None,
    }
}

/// Scored articles, best first (by tier, then score); ties by article id, so the order is
/// deterministic. Only
/// the first `needed` are put in order: the rest follow in no particular order (sorting
/// tens of thousands of matches for a page of twenty is most of a frequent word's ranking).
pub fn best_first(mut ranked: Vec<Scored>, needed: usize) -> Vec<Scored> {
    if needed < ranked.len() {
        ranked.select_nth_unstable_by(needed, better);
        ranked[..needed].sort_unstable_by(better);
    } else {
        ranked.sort_unstable_by(better);
    }
    ranked
}

/// The answer order: higher tier first, then higher score, ties by article id.
pub fn better(a: &Scored, b: &Scored) -> std::cmp::Ordering {
    b.tier
        .cmp(&a.tier)
        .then_with(|| b.score.total_cmp(&a.score))
        .then_with(|| a.article.cmp(&b.article))
}

/// Scores as the answer shows them: the tier plus the score squashed into 0 to 1
/// (`1 - 1 / (1 + score)`), so a hit's score orders hits as the ranking does (tier first)
/// and stays comparable within a tier.
pub fn as_relevance(ranked: &mut [Scored]) {
    for s in ranked {
        shown(s);
    }
}

/// [`as_relevance`] for one article.
pub fn shown(s: &mut Scored) {
    s.score = s.tier as f32 + (1.0 - 1.0 / (1.0 + s.score.max(0.0)));
}

/// Multiply scores by the proximity bonus, best first (tier, then BM25), in growing batches,
/// until no article left could enter the first `needed` even with the largest bonus (one
/// of a lower tier never can: the bonus moves articles within their tier): those stay
/// without it and rank below. So the first `needed` are exactly in order, and a frequent
/// word pair (`und ist`) does not decode positions for thousands of articles nobody sees.
pub fn apply_proximity(
    clauses: &[&Clause<'_>],
    scored: &mut [Scored],
    needed: usize,
) -> Result<(), IndexError> {
    if needed == 0 {
        return Ok(());
    }
    // Best BM25 first; `scored` is sorted again afterwards anyway.
    scored.sort_unstable_by(better);
    let mut done = 0;
    let mut batch = needed.saturating_mul(2);
    let mut finals: Vec<Scored> = Vec::new();
    while done < scored.len() {
        if finals.len() >= needed {
            // The needed-th best final so far, against the best any other could reach: the
            // rest come in order, so none of them has a higher tier than the next.
            finals.sort_unstable_by(better);
            let threshold = finals[needed - 1];
            let next = scored[done];
            if next.tier < threshold.tier
                || (next.tier == threshold.tier
                    && next.score * (1.0 + PROXIMITY_BONUS) < threshold.score)
            {
                break;
            }
        }
        let mut end = done.saturating_add(batch).min(scored.len());
        if scored.len() - end < batch.saturating_mul(4) {
            // What would be left is smaller than the next batch: take it now, in one pass.
            end = scored.len();
        }
        let mut candidates: Vec<ArticleId> = scored[done..end].iter().map(|s| s.article).collect();
        candidates.sort_unstable();
        let positions = clauses
            .iter()
            .map(|c| c.positions_in(&candidates))
            .collect::<Result<Vec<_>, _>>()?;
        let mut per_article: Vec<&[u32]> = Vec::with_capacity(clauses.len());
        for s in &mut scored[done..end] {
            let Ok(k) = candidates.binary_search(&s.article) else {
                continue;
            };
            per_article.clear();
            per_article.extend(positions.iter().map(|p| p[k].as_slice()));
            s.score *= 1.0 + proximity(&per_article);
            finals.push(*s);
        }
        done = end;
        batch = batch.saturating_mul(4);
    }
    Ok(())
}

/// A bonus in `0..=PROXIMITY_BONUS`: the smallest window holding one position of every
/// clause, compared with the smallest possible (the clauses side by side).
pub fn proximity(positions: &[&[u32]]) -> f32 {
    if positions.len() < 2 || positions.iter().any(|p| p.is_empty()) {
        return 0.0;
    }
    let mut all: Vec<(u32, usize)> = positions
        .iter()
        .enumerate()
        .flat_map(|(c, ps)| ps.iter().map(move |&p| (p, c)))
        .collect();
    all.sort_unstable();
    let k = positions.len();
    let mut counts = vec![0usize; k];
    let mut covered = 0;
    let mut best = u32::MAX;
    let mut left = 0;
    for right in 0..all.len() {
        let c = all[right].1;
        counts[c] += 1;
        if counts[c] == 1 {
            covered += 1;
        }
        while covered == k {
            best = best.min(all[right].0 - all[left].0 + 1);
            let lc = all[left].1;
            counts[lc] -= 1;
            if counts[lc] == 0 {
                covered -= 1;
            }
            left += 1;
        }
    }
    if best == u32::MAX {
        return 0.0;
    }
    PROXIMITY_BONUS * (k as f32 / best.max(k as u32) as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proximity_rewards_adjacent_words() {
        let adjacent = proximity(&[&[10], &[11]]);
        let far = proximity(&[&[10], &[40]]);
        assert!((adjacent - PROXIMITY_BONUS).abs() < 1e-6);
        assert!(far < adjacent && far > 0.0);
        assert_eq!(proximity(&[&[1, 2]]), 0.0);
        assert_eq!(proximity(&[&[1], &[]]), 0.0);
    }

    #[test]
    fn the_tier_orders_before_the_score_and_the_shown_score_follows_the_order() {
        let hit = |article: u32, tier: u32, score: f32| Scored {
            article: ArticleId(article),
            tier,
            score,
        };
        let mut ranked = best_first(
            vec![
                hit(0, 0, 40.0),
                hit(1, 1, 0.1),
                hit(2, 2, 0.0),
                hit(3, 1, 7.0),
                hit(4, 1, 7.0),
                hit(5, 0, 1e9),
            ],
            usize::MAX,
        );
        let order: Vec<u32> = ranked.iter().map(|s| s.article.0).collect();
        assert_eq!(order, [2, 3, 4, 1, 5, 0]);
        as_relevance(&mut ranked);
        for pair in ranked.windows(2) {
            assert!(pair[0].score >= pair[1].score, "{pair:?}");
        }
        assert!(ranked
            .iter()
            .all(|s| s.score >= s.tier as f32 && s.score <= s.tier as f32 + 1.0));
    }
}
