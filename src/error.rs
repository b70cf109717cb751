//! Why a check could not run. Rule violations are findings in the report, never an `Error`.

use std::fmt;

use crate::report::FileKind;

/// A refusal: the input could not be read, a limit was exceeded, or the options are wrong.
/// The message always names the file (or `options`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A file could not be read at all (not a table, broken spreadsheet, undecodable bytes).
    Input { file: FileKind, reason: String },
    /// A file exceeds a configured bound.
    Limit {
        file: FileKind,
        limit: &'static str,
        max: u64,
        actual: u64,
    },
    /// The options are not valid.
    Options(String),
    /// A file could not be written.
    Export(String),
}

impl Error {
    pub fn input(file: FileKind, reason: impl Into<String>) -> Error {
        Error::Input {
            file,
            reason: reason.into(),
        }
    }

    pub fn limit(file: FileKind, limit: &'static str, max: usize, actual: usize) -> Error {
        Error::Limit {
            file,
            limit,
            max: max as u64,
            actual: actual as u64,
        }
    }

    /// The file the error is about, if any.
    pub fn file(&self) -> Option<FileKind> {
        match self {
            Error::Input { file, .. } | Error::Limit { file, .. } => Some(*file),
            Error::Options(_) | Error::Export(_) => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input { file, reason } => write!(f, "{} file: {reason}", file.as_str()),
            Error::Limit { file, limit, max, actual } => write!(
                f,
                "{} file: too large: {actual} exceeds the limit {limit} = {max} (raise it in options.limits)",
                file.as_str()
            ),
            Error::Options(reason) => write!(f, "options: {reason}"),
            Error::Export(reason) => write!(f, "export: {reason}"),
        }
    }
}

impl std::error::Error for Error {}
