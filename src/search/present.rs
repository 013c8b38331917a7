//! Presenting: a [`Selection`] turned into the answer the page shows: the page of hits with
//! snippets and title highlights, facet counts, the date histogram, the notices (which
//! never contradict the list), and a short echo of the query for the heading.

use super::page::Selection;
use super::{Notice, Scored, ECHO_CHARS, MAX_LIMIT};
use crate::model::{Facet, Hit, Loosened, MetaFacet, SearchOptions, SearchResults};
use crate::{facets, metadata, snippet, summary, Explorer};
use explorer_index::{ArticleId, IndexError};

/// The answer for `selection` under `options`.
pub fn answer<'a>(
    ex: &Explorer<'a>,
    query: &str,
    selection: Selection<'a>,
    options: &SearchOptions,
) -> Result<SearchResults<'a>, IndexError> {
    let Selection {
        parsed,
        ranking,
        selected,
        mut loosened,
        matching,
        dates,
        undated,
    } = selection;
    let ids: Vec<ArticleId> = matching.iter().map(|(s, _)| s.article).collect();
    let (facets, sources, authors) = if options.facets {
        counted_facets(ex, &ids, &selected, options)?
    } else {
        Default::default()
    };
    let marker = snippet::Marker::new(&ranking.matched_terms, &parsed).with_names(&ex.index);
    let page: Vec<&Scored> = matching
        .iter()
        .skip(options.offset)
        .take(options.limit.min(MAX_LIMIT))
        .map(|(scored, _)| scored)
        .collect();
    // Positions are decoded only for the hits whose texts can be read (hosted mode: those
    // loaded): the snippets are chosen by them.
    let readable: Vec<ArticleId> = page
        .iter()
        .map(|s| s.article)
        .filter(|&a| ex.text_loaded(a))
        .collect();
    let mut hints = ranking.hints(&readable)?;
    let hits = page
        .iter()
        .map(|scored| {
            let head = ex.index.head(scored.article)?;
            let record = ex.record(scored.article)?;
            let hint = readable
                .iter()
                .position(|&a| a == scored.article)
                .and_then(|k| hints.get_mut(k))
                .map(std::mem::take)
                .unwrap_or_default();
            let title_highlights = marker.title_highlights(head.title, record.as_ref(), &hint);
            let snippet = record.map(|record| marker.best_passage(&record, hint));
            Ok(Hit {
                article: summary(&ex.index, scored.article, &head)?,
                score: scored.score,
                snippet,
                title_highlights,
            })
        })
        .collect::<Result<Vec<_>, IndexError>>()?;
    // A notice about words never stands above an empty list: what it says was read
    // instead found nothing there.
    if !matching.is_empty() {
        for n in &ranking.notices {
            loosened.push(match n {
                Notice::Corrected { word, terms } => Loosened::Corrected {
                    word: word.clone(),
                    instead: spellings(ex, &ranking.ranked, terms)?,
                },
                Notice::Dropped { word } => Loosened::Dropped { word: word.clone() },
            });
        }
    }
    Ok(SearchResults {
        total: matching.len(),
        hits,
        loosened,
        facets,
        sources,
        authors,
        facets_pending: !options.facets,
        dates,
        undated,
        echo: echo(query),
    })
}

/// The entity, source and author facets of a search.
type Counted<'a> = (Vec<Facet<'a>>, Vec<MetaFacet<'a>>, Vec<MetaFacet<'a>>);

/// The entity, source and author facets of the matches `ids`.
fn counted_facets<'a>(
    ex: &Explorer<'a>,
    ids: &[ArticleId],
    selected: &[explorer_index::EntityId],
    options: &SearchOptions,
) -> Result<Counted<'a>, IndexError> {
    // A lazy engine counts from the matches' own rows (`facets::facets_of_matches`,
    // `metadata::facets_of_matches`), not from the tables of every article's entities and
    // metadata, which would read all of AENT and AMET.
    #[cfg(not(feature = "lazy"))]
    let facets = facets::facets(
        &ex.index,
        ex.article_entities()?,
        ids,
        selected,
        options.demonyms,
    )?;
    #[cfg(feature = "lazy")]
    let facets = facets::facets_of_matches(&ex.index, ids, selected, options.demonyms)?;
    #[cfg(not(feature = "lazy"))]
    let (sources, authors) = metadata::facets(&ex.index, ex.meta_table()?, ids, options)?;
    #[cfg(feature = "lazy")]
    let (sources, authors) = metadata::facets_of_matches(&ex.index, ids, options)?;
    Ok((facets, sources, authors))
}

/// `query` as the page's heading quotes it: whitespace collapsed, at most [`ECHO_CHARS`]
/// characters, cut at a word with `…`.
pub fn echo(query: &str) -> String {
    let words: Vec<&str> = query.split_whitespace().collect();
    let full = words.join(" ");
    if full.chars().count() <= ECHO_CHARS {
        return full;
    }
    let mut out = String::new();
    for w in words {
        let needed = out.chars().count() + usize::from(!out.is_empty()) + w.chars().count();
        if needed > ECHO_CHARS - 1 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    if out.is_empty() {
        out = full.chars().take(ECHO_CHARS - 1).collect();
    }
    out.push('…');
    out
}

/// How the best-ranked articles spell `terms`: the original words, for messages (in
/// hosted mode, of those whose texts are loaded; else the terms themselves).
fn spellings(
    ex: &Explorer<'_>,
    ranked: &[Scored],
    terms: &[String],
) -> Result<Vec<String>, IndexError> {
    let mut found: Vec<String> = Vec::new();
    // One analyser for the five texts: it remembers each distinct word's analysis.
    let mut analyzer = explorer_text::Analyzer::new(None);
    for scored in ranked.iter().take(5) {
        let Some(record) = ex.record(scored.article)? else {
            continue;
        };
        for token in analyzer.analyze(record.text) {
            let word = &record.text[token.start..token.end];
            if terms.contains(&token.term) && !found.iter().any(|f| f == word) {
                found.push(word.to_owned());
            }
        }
        if found.len() >= terms.len() {
            break;
        }
    }
    if found.is_empty() {
        found = terms.to_vec();
    }
    found.truncate(3);
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hit's title marks, found from the index's positions, are the marks of its title
    /// analysed whole (every form that matched, compounds, hyphenated chains).
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn title_marks_from_the_positions_are_the_titles_analysed_marks() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut marked = 0;
        for corpus in ["seeds", "tests/fixtures/german"] {
            let built = explorer_ingest::build(&root.join(corpus)).expect("the corpus builds");
            let ex = Explorer::open(&built.index).expect("opens");
            for q in [
                "Hafen ",
                "Hamburger Hafen ",
                "Häfen ",
                "Tabellenführer ",
                "Tabelenführer ",
                "Fußball Aufsteiger ",
                "Teleskop Sternwarte ",
                "Wasserstoff ",
                "Wasserstoffzug Zug ",
                "Zürich Straßen ",
                "Unwe",
                "\"Hamburger Hafen\" ",
                "Aufsteiger -Düsseldorf ",
                "Kim ",
                "Kim Jong Un ",
                "Pjöngjang Gipfeltreffen ",
                "Treffen ",
                "Nordkorea Experte ",
                "Nordkorea-Experte ",
                "Atom ",
                "die ",
            ] {
                let options = SearchOptions {
                    limit: 50,
                    ..SearchOptions::default()
                };
                let results = ex.search(q, &options).expect("searches");
                let parsed = crate::query::parse(q);
                let ranking = super::super::run(&ex.index, &parsed).expect("runs");
                let marker =
                    snippet::Marker::new(&ranking.matched_terms, &parsed).with_names(&ex.index);
                for hit in &results.hits {
                    let title = hit.article.title;
                    assert_eq!(
                        hit.title_highlights,
                        marker.highlight(title),
                        "{corpus}: {q:?} in {title:?}"
                    );
                    marked += hit.title_highlights.len();
                }
            }
        }
        assert!(marked > 10, "titles are marked: {marked}");
    }

    #[test]
    fn a_long_query_is_echoed_short() {
        assert_eq!(echo("  Kim   Jong Un "), "Kim Jong Un");
        let long = "Gipfeltreffen ".repeat(200);
        let e = echo(&long);
        assert!(e.chars().count() <= ECHO_CHARS && e.ends_with('…'), "{e}");
        let one = "x".repeat(500);
        assert_eq!(echo(&one).chars().count(), ECHO_CHARS);
    }
}
