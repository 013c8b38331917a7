//! Every ranking and paging setting, in one place: change relevance here.
//!
//! Hits are ordered by their exactness tier first (how many required words they have in the
//! form typed, see [`super::rank`]): that is an order, with no setting. The weights below
//! order the hits within a tier.
//!
//! Scores are BM25 ([`K1`], [`B`]) over weighted term frequencies: each occurrence counts
//! with its field's weight, times the factor of the form it matched in (the word itself 1,
//! a variant such as a compound part [`DERIVED_WEIGHT`], a completion [`PREFIX_WEIGHT`], ...).
//! A proximity bonus of up to [`PROXIMITY_BONUS`] rewards words found close together.

/// BM25 term-frequency saturation.
pub const K1: f32 = 1.2;
/// BM25 length normalisation.
pub const B: f32 = 0.75;

/// Field weights: an occurrence in the title counts three times one in the body.
pub const TITLE_WEIGHT: f32 = 3.0;
pub const LEAD_WEIGHT: f32 = 1.5;
pub const CAPTION_WEIGHT: f32 = 0.8;
pub const BODY_WEIGHT: f32 = 1.0;

/// Weight of a variant occurrence (compound part, genitive base, year of a date, ...)
/// relative to the word. Applied at index time's kinds (`derived`), read here.
pub const DERIVED_WEIGHT: f32 = 0.5;
/// Extra weight when the article spells the word exactly as the query does (`Kims`, not
/// `Kim`; `Pjöngjang`, not `Pjongjang`), within a tier (the tier already puts the form
/// typed first).
pub const EXACT_BONUS: f32 = 0.5;
/// Weight of an occurrence in another exact form of a word that is its own term (`Kims` for
/// `Kim`): negative, on top of the term's own weight, so within a tier the form typed
/// weighs more. (Exact
/// forms are variants, so this takes 0.25 of the occurrence's 1.)
pub const OTHER_FORM_WEIGHT: f32 = -0.5;
/// Weight of another name of an entity the word names (`Beijing` for `Peking`).
pub const ALIAS_WEIGHT: f32 = 0.8;
/// Weight of a completion of the word being typed (only when the word itself is not a
/// word of the index).
pub const PREFIX_WEIGHT: f32 = 0.6;
/// Weight of a longer compound with the query compound's parts (`Atomwaffentest` for
/// `Atomtest`), below the compound itself.
pub const COMPOUND_WEIGHT: f32 = 0.4;
/// Weight of a typo correction at distance 1 and 2.
pub const TYPO_WEIGHTS: [f32; 2] = [0.5, 0.3];
/// Weight of an optional word (stop word, question word): it ranks, it never filters.
pub const OPTIONAL_WEIGHT: f32 = 0.3;

/// Most completions of a prefix and most typo corrections looked up per word.
pub const MAX_EXPANSIONS: usize = 50;
/// Shortest prefix (in characters) that is completed.
pub const MIN_PREFIX_CHARS: usize = 2;
/// Shortest word (in characters) that tolerates one typo, and two typos.
pub const TYPO_MIN_CHARS: [usize; 2] = [4, 9];
/// Letters at the start of a word a correction keeps, for one and for two typos (readers
/// rarely mistype the first letters; `ausschließlich` is not `abschließenden`).
pub const TYPO_KEEP_PREFIX: [usize; 2] = [1, 2];
/// Shortest query word (in characters) that is split into parts to meet longer compounds.
pub const MIN_COMPOUND_CHARS: usize = 8;

/// Largest proximity bonus (for adjacent words), as a fraction of the score.
pub const PROXIMITY_BONUS: f32 = 0.5;
/// Articles a ranking always puts in exact order (notices quote the best few).
pub const MIN_ORDERED: usize = 8;

/// Default and largest number of hits per page of results.
pub const DEFAULT_LIMIT: usize = 20;
pub const MAX_LIMIT: usize = 1_000;
/// Longest query echo (in characters) the answer gives the page for its heading.
pub const ECHO_CHARS: usize = 80;
