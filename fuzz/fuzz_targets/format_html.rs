//! Fuzz the HTML page reader of the input seam: any bytes give articles or a named skip,
//! never a panic, and every article's blocks are spans of its text.
#![no_main]

use explorer_ingest::formats::{self, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(format) = formats::for_file("page.html") else {
        return;
    };
    if let Ok(read) = (format.read)(&Input {
        file: "page.html",
        bytes: data,
    }) {
        for article in &read.articles {
            if let Err(e) = article.check() {
                panic!("{e}");
            }
        }
    }
});
