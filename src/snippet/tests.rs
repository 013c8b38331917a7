use super::*;
use explorer_index::{ArticleId, Block, YearMonth};
use explorer_text::term_of;

fn record(text: &str) -> ArticleRecord<'_> {
    ArticleRecord {
        file: "a.txt",
        title: "T",
        title_derived: true,
        date: Some(YearMonth {
            year: 2019,
            month: 1,
        }),
        indexed_len: 0,
        text,
        blocks: vec![Block {
            kind: BlockKind::Paragraph,
            start: 0,
            end: text.len() as u32,
            first_position: 0,
        }],
    }
}

fn marker(query: &str, matched: &[&str]) -> Marker<'static> {
    let terms = matched.iter().map(|w| term_of(w)).collect();
    Marker::new(&terms, &crate::query::parse(query))
}

fn marked<'t>(text: &'t str, m: &Marker) -> Vec<&'t str> {
    m.highlight(text).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn highlights_are_spans_of_the_original_text_after_umlauts() {
    let text = "Über „Größe“ und Straße nach Pjöngjangs Führung.";
    let m = marker(
        "Pjongjang Fuehrung strasse ",
        &["Pjongjang", "Fuehrung", "strasse"],
    );
    assert_eq!(marked(text, &m), ["Straße", "Pjöngjangs", "Führung"]);
}

#[test]
fn compound_parts_hyphen_chains_and_suspended_compounds_are_marked() {
    let m = marker("Treffen ", &["Treffen"]);
    assert_eq!(marked("Das Gipfeltreffen begann.", &m), ["Gipfeltreffen"]);
    let whole = Marker::new(
        &[term_of("Nordkoreaexperte")].into_iter().collect(),
        &crate::query::parse("Nordkoreaexperte "),
    );
    assert_eq!(
        marked("der Nordkorea-Experte sagte", &whole),
        ["Nordkorea-Experte"]
    );
    let atom = Marker::new(
        &[term_of("Atomtests")].into_iter().collect(),
        &crate::query::parse("Atomtests "),
    );
    assert_eq!(marked("die Atom- und Raketentests", &atom), ["Atom"]);
}

#[test]
fn passage_centres_on_the_matches_and_marks_the_cut() {
    let text = format!(
        "{} Pjöngjang und Peking. {}",
        "Wort ".repeat(40),
        "Ende ".repeat(40)
    );
    let m = marker("Pjöngjang Peking ", &["Pjöngjang", "Peking"]);
    let s = m.best_passage(&record(&text), hint(&text, &["Pjöngjang", "Peking"]));
    assert!(
        s.text.starts_with(ELLIPSIS) && s.text.ends_with(ELLIPSIS),
        "{}",
        s.text
    );
    let words: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
    assert_eq!(words, ["Pjöngjang", "Peking"]);
}

#[test]
fn without_a_match_the_passage_is_the_beginning() {
    let s = marker("nichts ", &[]).best_passage(&record("Kurzer Text."), Hint::default());
    assert_eq!(s.text, "Kurzer Text.");
    assert!(s.highlights.is_empty());
    // Terms matched, but not in a body block (a title match): the beginning too.
    let s = marker("Text ", &["Text"]).best_passage(&record("Kurzer Text."), Hint::default());
    assert_eq!(s.text, "Kurzer Text.");
}

/// The index's matches in `text` (one paragraph from position 0): the positions of the
/// tokens whose term is one of `words`', each word its own key.
fn hint(text: &str, words: &[&str]) -> Hint {
    let keys: Vec<String> = words.iter().map(|w| term_of(w)).collect();
    let matches = tokenize(text)
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let key = keys.iter().position(|k| *k == term_of(t.text))?;
            Some((i as u32, key as u32))
        })
        .collect();
    Hint {
        matches,
        partial: false,
    }
}

#[test]
fn the_window_with_the_most_distinct_matches_wins_and_is_marked_as_the_whole_text() {
    // `Peking` alone early, `Pjöngjang` and `Peking` together later: the later window.
    let text = format!(
        "Peking {} Pjöngjang und Peking. {}",
        "Wort ".repeat(40),
        "Ende ".repeat(40)
    );
    let m = marker("Pjöngjang Peking ", &["Pjöngjang", "Peking"]);
    let s = m.best_passage(&record(&text), hint(&text, &["Pjöngjang", "Peking"]));
    let words: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
    assert_eq!(words, ["Pjöngjang", "Peking"], "{}", s.text);
}

#[test]
fn the_best_window_is_found_across_blocks() {
    // Three paragraphs, positions as the indexer counts them (a gap between blocks).
    let paragraphs = [
        "Peking Peking Peking Peking am Anfang.",
        "Dann Pjöngjang und Peking zusammen.",
        "Zuletzt Peking Peking Peking Peking Peking.",
    ];
    let text = paragraphs.join("\n\n");
    let mut blocks = Vec::new();
    let mut matches = Vec::new();
    let (mut start, mut position) = (0, 0u32);
    for p in paragraphs {
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            start: start as u32,
            end: (start + p.len()) as u32,
            first_position: position,
        });
        let inner = hint(p, &["Pjöngjang", "Peking"]);
        matches.extend(inner.matches.iter().map(|&(at, key)| (at + position, key)));
        position += tokenize(p).len() as u32 + 8;
        start += p.len() + 2;
    }
    let article = ArticleRecord {
        blocks,
        ..record(&text)
    };
    let m = marker("Pjöngjang Peking ", &["Pjöngjang", "Peking"]);
    let s = m.best_passage(
        &article,
        Hint {
            matches,
            partial: false,
        },
    );
    assert_eq!(s.text, paragraphs[1]);
    let words: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
    assert_eq!(words, ["Pjöngjang", "Peking"]);
}

#[test]
fn a_window_marks_what_the_whole_text_marks_inside_it() {
    // Hyphenated chains and a suspended compound cut by windows at every offset: the
    // marks of the window are the marks of the whole block that lie inside it.
    let text = "Der Nordkorea-Experte-Kreis sprach über Atom- und Raketentests, \
                dann kam der Nordkorea-Experte wieder auf Atomtests und Gipfeltreffen \
                zurück, bevor Nordkorea-Experte und Atom- und Raketentests endeten.";
    let m = Marker::new(
        &[
            term_of("Nordkoreaexperte"),
            term_of("Atomtests"),
            term_of("Treffen"),
        ]
        .into_iter()
        .collect(),
        &crate::query::parse("Nordkoreaexperte Atomtests Treffen "),
    );
    let tokens = tokenize(text);
    let whole = m.highlight(text);
    assert!(whole.len() >= 5, "{whole:?}");
    // Where an index would have the terms (its analysis is the query's, plus compound
    // parts, which the marker's containment rule covers).
    let matched: Vec<usize> = explorer_text::analyze(text)
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            m.terms.contains(&a.term) || a.variants.iter().any(|v| m.terms.contains(&v.term))
        })
        .map(|(i, _)| i)
        .collect();
    assert!(!matched.is_empty());
    for (start, end, matched) in (0..tokens.len()).flat_map(|start| {
        let matched = &matched;
        (start + 1..=tokens.len().min(start + SNIPPET_TOKENS))
            .flat_map(move |end| [(start, end, None), (start, end, Some(matched.as_slice()))])
    }) {
        {
            let s = m.marked_window(text, &tokens, start, end, matched);
            let from = if start == 0 { 0 } else { tokens[start].start };
            let to = if end == tokens.len() {
                text.len()
            } else {
                tokens[end - 1].end
            };
            let offset = if from > 0 { ELLIPSIS.len() + 1 } else { 0 };
            let expected: Vec<Range<usize>> = whole
                .iter()
                .filter(|r| r.start >= from && r.end <= to)
                .map(|r| r.start - from + offset..r.end - from + offset)
                .collect();
            assert_eq!(s.highlights, expected, "window {start}..{end}: {}", s.text);
        }
    }
}

#[test]
fn a_marker_remembers_words_without_changing_its_answers() {
    let texts = [
        "Das Gipfeltreffen in Pjöngjang, das Treffen danach.",
        "Russland und das Land; Gipfeltreffen, Treffen, Pjöngjangs Führung.",
    ];
    let fresh = || marker("Treffen Pjöngjang ", &["Treffen", "Pjöngjang"]);
    let kept = fresh();
    for _ in 0..2 {
        for t in texts {
            assert_eq!(kept.highlight(t), fresh().highlight(t), "{t}");
        }
    }
}

/// The names a marker looks up word by word are exactly those it once collected by
/// reading every alias of the index: for every alias key and every word of the texts,
/// the same answer. And a name containing a query word stays unmarked, a compound not.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn names_looked_up_word_by_word_are_the_names_of_the_index() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/names");
    let built = explorer_ingest::build(&dir).expect("the names fixture builds");
    let index = Index::open(&built.index).expect("opens");
    let m = marker("Land Burg Sand ", &["Land", "Burg", "Sand"]).with_names(&index);
    let is_eager_name = |key: &str| {
        !key.contains(' ')
            && m.parts.iter().any(|p| key.contains(p.as_str()))
            && crate::search::expand::is_name(&index, key)
    };
    let mut eager = BTreeSet::new();
    for (key, _) in index.aliases().entries() {
        let key = std::str::from_utf8(&key).expect("alias keys are text");
        if is_eager_name(key) {
            eager.insert(key.to_owned());
        }
    }
    assert!(eager.contains("finnland"), "{eager:?}");
    let mut words: Vec<String> = eager.iter().cloned().collect();
    for (key, _) in index.aliases().entries() {
        words.push(String::from_utf8_lossy(&key).into_owned());
    }
    let mut marked_words = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fixture folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).expect("fixture text");
            words.extend(tokenize(&text).iter().map(|t| fold_key(t.text)));
            marked_words.extend(marked(&text, &m).into_iter().map(str::to_owned));
        }
    }
    for w in &words {
        for k in [w.as_str(), w.strip_suffix('s').unwrap_or(w)] {
            assert_eq!(m.is_index_name(k), eager.contains(k), "{k}");
        }
    }
    assert!(!marked_words.iter().any(|w| w.starts_with("Finnland")));
    assert!(
        marked_words.iter().any(|w| w == "Landtag"),
        "{marked_words:?}"
    );
}

/// The best window as it was chosen by tokenizing each block with matches: the window from
/// four tokens before a match, clamped to the block's tokens, counting the matches in it.
fn window_by_tokens(
    article: &ArticleRecord<'_>,
    matches: &[(u32, u32)],
) -> Option<(u32, usize, usize)> {
    let mut best: Option<((usize, usize), u32, usize, usize)> = None;
    for (b, block) in article.blocks.iter().enumerate() {
        if !matches!(
            block.kind,
            BlockKind::Paragraph | BlockKind::Heading | BlockKind::Caption
        ) {
            continue;
        }
        let first = block.first_position;
        let end_of_block = article
            .blocks
            .get(b + 1)
            .map_or(u32::MAX, |next| next.first_position);
        let n = tokenize(article.block_text(block)).len();
        let here: Vec<(usize, u32)> = matches
            .iter()
            .filter(|&&(p, _)| p >= first && p < end_of_block && ((p - first) as usize) < n)
            .map(|&(p, key)| ((p - first) as usize, key))
            .collect();
        for (k, &(at, _)) in here.iter().enumerate() {
            let start = at.saturating_sub(4).min(n.saturating_sub(SNIPPET_TOKENS));
            let end = (start + SNIPPET_TOKENS).min(n);
            let mut keys: Vec<u32> = here[k..]
                .iter()
                .take_while(|(t, _)| *t < end)
                .map(|&(_, key)| key)
                .collect();
            let count = keys.len();
            keys.sort_unstable();
            keys.dedup();
            if best.is_none_or(|(q, ..)| (keys.len(), count) > q) {
                best = Some(((keys.len(), count), block.start, start, end));
            }
        }
    }
    best.map(|(_, block, start, end)| (block, start, end))
}

/// The window chosen from the matches' positions alone, tokenizing only its block, is the
/// window chosen by tokenizing every block with matches, for the hits of real searches.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_window_chosen_without_tokens_is_the_window_chosen_with_them() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut compared = 0;
    for corpus in ["seeds", "tests/fixtures/german"] {
        let built = explorer_ingest::build(&root.join(corpus)).expect("the corpus builds");
        let ex = crate::Explorer::open(&built.index).expect("opens");
        for q in [
            "die ",
            "der und ",
            "Kim Pjöngjang ",
            "Treffen Gipfel ",
            "Hafen Container ",
            "Wasserstoff Zug ",
            "Peking Moskau Sanktionen ",
            "Tabellenführer Trainer ",
            "in ",
        ] {
            let ranking = crate::search::run(&ex.index, &crate::query::parse(q)).expect("runs");
            let articles: Vec<ArticleId> = ranking.ranked.iter().map(|s| s.article).collect();
            let hints = ranking.hints(&articles).expect("hints");
            let m = Marker::new(&ranking.matched_terms, &crate::query::parse(q));
            for (&a, hint) in articles.iter().zip(&hints) {
                let article = ex.record(a).expect("reads").expect("embedded");
                let got = m
                    .window(&article, &hint.matches)
                    .map(|(block, _, start, end)| (block.start, start, end));
                assert_eq!(
                    got,
                    window_by_tokens(&article, &hint.matches),
                    "{corpus}: {q:?} in {a:?}"
                );
                compared += usize::from(got.is_some());
            }
        }
    }
    assert!(compared > 20, "windows compared: {compared}");
}
