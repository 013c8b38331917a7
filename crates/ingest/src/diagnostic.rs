//! Build-time messages in the `path:line: message` form editors and terminals understand.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Warning,
    Error,
}

/// A message about one file (and line, where there is one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based.
    pub line: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: &Path, line: Option<usize>, message: String) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.to_owned(),
            line,
            message,
        }
    }

    pub fn warning(path: &Path, line: Option<usize>, message: String) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            path: path.to_owned(),
            line,
            message,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message)
    }
}
