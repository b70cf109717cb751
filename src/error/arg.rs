//! The typed arguments of a [`super::Problem`]: each knows how it reads in Chinese, in English,
//! in the legacy English message, and as a plain value for the JS `args` object.

use std::borrow::Cow;

use serde::Serialize;

use crate::ingest::{Field, Format};
use crate::report::FileKind;

/// An argument as a plain value (JS `args`, JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ArgValue {
    Number(u64),
    Text(String),
    List(Vec<String>),
}

/// How one argument is written in each message and handed to a host.
pub trait Arg {
    fn arg_zh(&self) -> Cow<'_, str>;
    fn arg_en(&self) -> Cow<'_, str>;
    /// In the English message of earlier versions (`Error`'s `Display`), which embedders match.
    fn arg_legacy(&self) -> Cow<'_, str> {
        self.arg_en()
    }
    fn arg_value(&self) -> ArgValue;
    /// The spreadsheet row, when this argument is one (a field named `row`).
    fn arg_row(&self) -> Option<u32> {
        None
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn arg_zh(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
            fn arg_en(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
            fn arg_value(&self) -> ArgValue {
                ArgValue::Number(*self as u64)
            }
            fn arg_row(&self) -> Option<u32> {
                u32::try_from(*self).ok()
            }
        }
    )*};
}

number_arg!(u32, u64, usize);

impl Arg for String {
    fn arg_zh(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
    fn arg_en(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
    fn arg_value(&self) -> ArgValue {
        ArgValue::Text(self.clone())
    }
}

impl Arg for &'static str {
    fn arg_zh(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
    fn arg_en(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
    fn arg_value(&self) -> ArgValue {
        ArgValue::Text(self.to_string())
    }
}

/// A list of names (headers, sheets, known values).
impl Arg for Vec<String> {
    fn arg_zh(&self) -> Cow<'_, str> {
        Cow::Owned(self.join("、"))
    }
    fn arg_en(&self) -> Cow<'_, str> {
        Cow::Owned(self.join(", "))
    }
    fn arg_value(&self) -> ArgValue {
        ArgValue::List(self.clone())
    }
}

/// An input named inside a message (e.g. the file an encoding option was given for).
impl Arg for FileKind {
    fn arg_zh(&self) -> Cow<'_, str> {
        Cow::Borrowed(file_label(*self).0)
    }
    fn arg_en(&self) -> Cow<'_, str> {
        Cow::Borrowed(file_label(*self).1)
    }
    fn arg_legacy(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
    fn arg_value(&self) -> ArgValue {
        ArgValue::Text(self.as_str().to_string())
    }
}

impl Arg for Field {
    fn arg_zh(&self) -> Cow<'_, str> {
        Cow::Borrowed(crate::rules::field_names(*self).0)
    }
    fn arg_en(&self) -> Cow<'_, str> {
        Cow::Borrowed(crate::rules::field_names(*self).1)
    }
    fn arg_legacy(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
    fn arg_value(&self) -> ArgValue {
        ArgValue::Text(self.as_str().to_string())
    }
}

impl Arg for Format {
    fn arg_zh(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
    fn arg_en(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
    fn arg_value(&self) -> ArgValue {
        ArgValue::Text(self.as_str().to_string())
    }
}

/// A column (0-based): a letter for people (`C`), its 1-based number in the legacy message and
/// in `args`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column(pub usize);

impl Arg for Column {
    fn arg_zh(&self) -> Cow<'_, str> {
        Cow::Owned(column_letter(self.0))
    }
    fn arg_en(&self) -> Cow<'_, str> {
        Cow::Owned(column_letter(self.0))
    }
    fn arg_legacy(&self) -> Cow<'_, str> {
        Cow::Owned((self.0 + 1).to_string())
    }
    fn arg_value(&self) -> ArgValue {
        ArgValue::Number(self.0 as u64 + 1)
    }
}

/// A spreadsheet's column letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// How a message names an input: (zh, en).
pub fn file_label(file: FileKind) -> (&'static str, &'static str) {
    match file {
        FileKind::Exmail => ("企业邮箱账号文件", "Exmail account file"),
        FileKind::Wecom => ("企业微信通讯录文件", "WeCom contacts file"),
        FileKind::Roster => ("邮箱名单", "roster (邮箱名单)"),
        FileKind::Options => ("选项", "options"),
    }
}

#[cfg(test)]
mod tests {
    use super::column_letter;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
        assert_eq!(column_letter(16383), "XFD");
    }
}
