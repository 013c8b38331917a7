//! Text analysis shared by build time (the index writer) and query time (the wasm runtime).
//!
//! Everything here is a pure function over `&str`: no IO, no allocation that depends on
//! anything but the input, and no way to fail. Index time and query time call the very same
//! functions, so a word in an article and the same word typed into the search box always
//! become the same [`Term`](analyze::Term).
//!
//! The pipeline, in the order a word goes through it:
//!
//! 1. [`tokenize`]: split text into [`Token`]s, spans of the original text on Unicode word
//!    boundaries (with the German adjustments documented there).
//! 2. [`fold`]: lowercase and fold spellings together (`ä` = `ae` = `a`, `ß` = `ss`, other
//!    Latin diacritics dropped).
//! 3. [`stem`]: the Snowball German stemmer.
//!
//! [`analyze`] runs the whole pipeline and is what the index and the query parser call.
//! [`compound`] splits compounds into parts (at build time, with a vocabulary); [`stop`]
//! knows the words a query may leave optional.

pub mod analyze;
pub mod compound;
pub mod fold;
pub mod stem;
pub mod stop;
pub mod tokenize;

pub use analyze::{
    analyze, analyze_with, exact_key, exact_spelling, fold_key, is_exact_key, is_part_key,
    is_plain_term, part_key, spelling_key, term_of, year_of_date, Analyzed, Analyzer, Decompound,
    Variant, VariantKind,
};
pub use fold::fold;
pub use stop::is_stop_word;
pub use tokenize::{tokenize, Joint, Token};
