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
    for doc in &corpus.documents {
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
