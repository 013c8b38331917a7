//! Fuzz decoding and parsing of article files and their analysis: never a panic, spans
//! always inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((text, _)) = explorer_ingest::corpus::decode(data) else {
        return;
    };
    let (parsed, _) = explorer_ingest::parse::parse(&text);
    for b in &parsed.blocks {
        assert!(b.start <= b.end && b.end <= text.len());
        let block = &text[b.start..b.end];
        for a in explorer_text::analyze(block) {
            assert!(a.end <= block.len());
        }
    }
});
