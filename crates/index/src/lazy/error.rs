//! [`LazyError`]: every way a file of the lazy index can fail, each naming the file.

use std::fmt;

/// Why the lazy index cannot answer, or refused bytes. Every variant names the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LazyError {
    /// A file the answer needs has not been supplied (fetch it and ask again).
    Missing { name: String },
    /// Bytes supplied under a name that this root does not list, or not yet (a file of
    /// another build, or a pack asked for before its shard).
    Foreign { name: String },
    /// The bytes are not the file named: another length or another hash.
    Damaged { name: String, got_len: u64 },
    /// The file is of another version of the lazy format.
    Version {
        name: String,
        expected: u32,
        got: u32,
    },
    /// The file has the right name and hash but cannot be decoded (a writer bug), or is not
    /// the kind of file its name says.
    Corrupt { name: String, what: &'static str },
}

impl fmt::Display for LazyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LazyError::Missing { name } => write!(f, "index file not loaded: {name}"),
            LazyError::Foreign { name } => {
                write!(f, "{name}: not a file of this index (another build?)")
            }
            LazyError::Damaged { name, got_len } => write!(
                f,
                "{name}: damaged (its {got_len} bytes are not the file its name's hash names)"
            ),
            LazyError::Version {
                name,
                expected,
                got,
            } => write!(
                f,
                "{name}: lazy index format version {got}, this explorer reads {expected}"
            ),
            LazyError::Corrupt { name, what } => write!(f, "{name}: cannot decode {what}"),
        }
    }
}

impl std::error::Error for LazyError {}
