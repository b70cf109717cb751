//! Why a check could not run. Rule violations are findings in the report, never an `Error`.
//!
//! Every error has a stable code, typed arguments and a message in Chinese and English, all
//! from one table ([`problems`]); its `Display` is the English message of earlier versions,
//! which embedders and tests match on.

mod problems;

use std::borrow::Cow;
use std::fmt;

pub use crate::message::{column_letter, ArgValue, Column};
pub use problems::{Problem, ERROR_CODES};

use crate::vocab::{FileKind, Lang};

/// A refusal: an input could not be read, a limit was exceeded, the options are wrong, or an
/// export could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A file exceeds a bound of `options.limits` (code `file-too-large`).
    Limit {
        file: FileKind,
        limit: &'static str,
        max: u64,
        actual: u64,
    },
    /// A password-protected (encrypted) workbook (code `workbook-encrypted`): nothing in it can
    /// be read without the password, so the message says how to save a copy without one.
    Encrypted { file: FileKind },
    /// Everything else: the input it concerns (`Options` for the options; `None` for the call
    /// itself or an export), and what went wrong.
    Refused {
        file: Option<FileKind>,
        problem: Problem,
    },
}

impl Error {
    /// A problem with one input.
    pub fn refused(file: FileKind, problem: Problem) -> Error {
        Error::Refused {
            file: Some(file),
            problem,
        }
    }

    /// A problem with the options.
    pub fn options(problem: Problem) -> Error {
        Error::refused(FileKind::Options, problem)
    }

    /// A problem with the call or an export, about no input.
    pub fn call(problem: Problem) -> Error {
        Error::Refused {
            file: None,
            problem,
        }
    }

    /// A file that cannot be read, with a technical reason (in English) for the message.
    pub fn input(file: FileKind, reason: impl Into<String>) -> Error {
        Error::refused(
            file,
            Problem::Unreadable {
                reason: reason.into(),
            },
        )
    }

    pub fn limit(file: FileKind, limit: &'static str, max: usize, actual: usize) -> Error {
        Error::Limit {
            file,
            limit,
            max: max as u64,
            actual: actual as u64,
        }
    }

    /// The input the error is about: `exmail`, `wecom`, `roster`, `options`, or none.
    pub fn file(&self) -> Option<FileKind> {
        match self {
            Error::Limit { file, .. } | Error::Encrypted { file } => Some(*file),
            Error::Refused { file, .. } => *file,
        }
    }

    /// What went wrong, with its arguments.
    pub fn problem(&self) -> Cow<'_, Problem> {
        match self {
            Error::Limit {
                limit, max, actual, ..
            } => Cow::Owned(Problem::TooLarge {
                limit,
                max: *max,
                actual: *actual,
            }),
            Error::Encrypted { .. } => Cow::Owned(Problem::WorkbookEncrypted {}),
            Error::Refused { problem, .. } => Cow::Borrowed(problem),
        }
    }

    /// The stable code (`not-text`, `wecom-required`, …; every one in [`ERROR_CODES`]).
    pub fn code(&self) -> &'static str {
        match self {
            Error::Limit { .. } | Error::Encrypted { .. } => self.problem().code(),
            Error::Refused { problem, .. } => problem.code(),
        }
    }

    /// The 1-based spreadsheet row the error is on, when known.
    pub fn row(&self) -> Option<u32> {
        match self {
            Error::Limit { .. } | Error::Encrypted { .. } => None,
            Error::Refused { problem, .. } => problem.row(),
        }
    }

    /// The arguments by name, as plain values.
    pub fn args(&self) -> Vec<(&'static str, ArgValue)> {
        self.problem().args()
    }

    /// The whole sentence in `lang`: the input's name, then the cause and what to do.
    pub fn message(&self, lang: Lang) -> String {
        self.message_naming(lang, None)
    }

    /// [`Error::message`] with the file's path after its name (the command line's).
    pub fn message_naming(&self, lang: Lang, path: Option<&str>) -> String {
        let body = self.problem().body(lang);
        let Some(file) = self.file() else {
            return body;
        };
        let name = file.noun(lang);
        let path = path.map_or(String::new(), |p| format!(" {p}"));
        match lang {
            Lang::Zh | Lang::ZhTw => format!("{name}{path}：{body}"),
            Lang::En => format!("{}{path}: {body}", upper_first(name)),
        }
    }
}

/// `text` with its first letter upper-cased, to start a sentence (the labels are ASCII-led:
/// no Unicode case tables in the wasm for this).
fn upper_first(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let legacy = self.problem().legacy();
        match self.file() {
            Some(FileKind::Options) => write!(f, "options: {legacy}"),
            Some(file) => write!(f, "{} file: {legacy}", file.as_str()),
            None => f.write_str(&legacy),
        }
    }
}

impl std::error::Error for Error {}
