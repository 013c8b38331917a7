//! Print the structure the parser finds in each article of a folder: `cargo run -p explorer-ingest --example outline -- seeds`.

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "seeds".into());
    let corpus = match explorer_ingest::corpus::read_folder(std::path::Path::new(&dir)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let parsed: Vec<_> = corpus
        .documents
        .iter()
        .map(|d| explorer_ingest::parse::parse(&d.text).0)
        .collect();
    let vocabulary = explorer_ingest::indexer::Vocabulary::of(&corpus.documents, &parsed);
    let show_variants = std::env::args().any(|a| a == "--variants");
    for doc in &corpus.documents {
        if show_variants {
            for a in explorer_text::analyze_with(&doc.text, Some(&vocabulary)) {
                let v: Vec<String> = a
                    .variants
                    .iter()
                    .filter(|v| v.kind != explorer_text::VariantKind::Exact)
                    .map(|v| format!("{}({:?})", v.term, v.kind))
                    .collect();
                if !v.is_empty() {
                    println!("  {} -> {}", &doc.text[a.start..a.end], v.join(" "));
                }
            }
        }
        let (p, warnings) = explorer_ingest::parse::parse(&doc.text);
        println!(
            "== {} date={:?} title{}={:?}",
            doc.file,
            p.date,
            if p.title_derived { "(derived)" } else { "" },
            p.title
        );
        for b in &p.blocks {
            let text = &doc.text[b.start..b.end];
            let short: String = text.chars().take(70).collect();
            println!("  {:?}: {short}", b.kind);
        }
        for w in warnings {
            println!("  warning line {}: {}", w.line, w.message);
        }
    }
    for (file, reason) in &corpus.skipped {
        println!("skipped {file}: {reason}");
    }
}
