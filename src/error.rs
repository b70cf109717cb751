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
    /// A password-protected (encrypted) workbook: nothing in it can be read without the
    /// password, so the message says how to save a copy without one.
    Encrypted { file: FileKind },
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
            Error::Input { file, .. } | Error::Limit { file, .. } | Error::Encrypted { file } => {
                Some(*file)
            }
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
            Error::Encrypted { file } => write!(
                f,
                "{} file: {} {}",
                file.as_str(),
                ENCRYPTED_EN,
                ENCRYPTED_ZH
            ),
            Error::Options(reason) => write!(f, "options: {reason}"),
            Error::Export(reason) => write!(f, "export: {reason}"),
        }
    }
}

impl std::error::Error for Error {}

/// [`Error::Encrypted`] in English, and how to save the file without a password.
pub const ENCRYPTED_EN: &str = "the workbook is password-protected, so nothing in it can be read: \
open it, remove the password and save it (Excel: File → Info → Protect Workbook → Encrypt with \
Password → clear the password → OK; WPS: File → Document Encryption → Password Encryption → \
clear the passwords), or save a copy as CSV UTF-8, and choose that file.";

/// [`Error::Encrypted`] in Chinese.
pub const ENCRYPTED_ZH: &str =
    "工作簿设置了打开密码，无法读取其中的内容：请打开文件，清除密码后保存\
（Excel：文件 → 信息 → 保护工作簿 → 用密码进行加密 → 清空密码 → 确定；WPS：文件 → 文档加密 → \
密码加密 → 清空密码），或另存为 CSV UTF-8，然后重新选择该文件。";
