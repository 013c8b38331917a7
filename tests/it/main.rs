//! Integration tests over the index embedded at build time (whatever corpus it was built
//! from): they assert properties that hold for any collection, not counts of the samples.

mod embedded;
