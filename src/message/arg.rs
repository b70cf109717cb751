//! Typed message arguments: each knows how it reads in every language, as a plain value for a
//! host (the JS `args` object, the report JSON), and — for findings, which a host may render
//! later in another language — how to read itself back from that value.

use std::borrow::Cow;

use crate::vocab::{AssignmentType, Feature, Field, FileKind, Lang, MatchedBy, Status};

/// An argument as a plain value (JS `args`, the report JSON's `args`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgValue {
    Null,
    Number(u64),
    Text(String),
    List(Vec<String>),
    /// A few named values (an argument made of parts, e.g. who a roster says).
    Object(Vec<(String, ArgValue)>),
}

impl ArgValue {
    fn text(&self) -> Option<&str> {
        match self {
            ArgValue::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The part `name` of an object.
    pub fn get(&self, name: &str) -> Option<&ArgValue> {
        match self {
            ArgValue::Object(parts) => parts.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Writes the value as JSON (strings escaped by `escape`).
    pub fn write_json(&self, out: &mut String, escape: &dyn Fn(&mut String, &str)) {
        match self {
            ArgValue::Null => out.push_str("null"),
            ArgValue::Number(n) => out.push_str(&n.to_string()),
            ArgValue::Text(s) => escape(out, s),
            ArgValue::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    escape(out, item);
                }
                out.push(']');
            }
            ArgValue::Object(parts) => {
                out.push('{');
                for (i, (k, v)) in parts.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    escape(out, k);
                    out.push(':');
                    v.write_json(out, escape);
                }
                out.push('}');
            }
        }
    }

    /// A value read from JSON (a host's `args`).
    pub fn from_json(value: &serde_json::Value) -> ArgValue {
        use serde_json::Value;
        match value {
            Value::Null | Value::Bool(_) => ArgValue::Null,
            Value::Number(n) => n.as_u64().map_or(ArgValue::Null, ArgValue::Number),
            Value::String(s) => ArgValue::Text(s.clone()),
            Value::Array(items) => ArgValue::List(
                items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect(),
            ),
            Value::Object(map) => ArgValue::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), ArgValue::from_json(v)))
                    .collect(),
            ),
        }
    }
}

impl serde::Serialize for ArgValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            ArgValue::Null => s.serialize_none(),
            ArgValue::Number(n) => s.serialize_u64(*n),
            ArgValue::Text(t) => s.serialize_str(t),
            ArgValue::List(items) => items.serialize(s),
            ArgValue::Object(parts) => {
                let mut map = s.serialize_map(Some(parts.len()))?;
                for (k, v) in parts {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// How one argument is written in each language and handed to a host.
pub trait Arg {
    fn text(&self, lang: Lang) -> Cow<'_, str>;
    /// In the English message of earlier versions (`Error`'s `Display`), which embedders match.
    fn legacy(&self) -> Cow<'_, str> {
        self.text(Lang::En)
    }
    fn value(&self) -> ArgValue;
    /// The spreadsheet row, when this argument is one (a field named `row`).
    fn row(&self) -> Option<u32> {
        None
    }
}

/// An argument a host can hand back (a finding rendered later, in another language).
pub trait FromArg: Sized {
    fn from_value(value: &ArgValue) -> Option<Self>;
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn text(&self, _: Lang) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
            fn value(&self) -> ArgValue {
                ArgValue::Number(*self as u64)
            }
            fn row(&self) -> Option<u32> {
                u32::try_from(*self).ok()
            }
        }

        impl FromArg for $t {
            fn from_value(value: &ArgValue) -> Option<$t> {
                match value {
                    ArgValue::Number(n) => <$t>::try_from(*n).ok(),
                    _ => None,
                }
            }
        }
    )*};
}

number_arg!(u32, u64, usize);

impl Arg for String {
    fn text(&self, _: Lang) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
    fn value(&self) -> ArgValue {
        ArgValue::Text(self.clone())
    }
}

impl FromArg for String {
    fn from_value(value: &ArgValue) -> Option<String> {
        value.text().map(str::to_string)
    }
}

impl Arg for &'static str {
    fn text(&self, _: Lang) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
    fn value(&self) -> ArgValue {
        ArgValue::Text(self.to_string())
    }
}

/// A text that may be missing: said as "none" in each language.
impl Arg for Option<String> {
    fn text(&self, lang: Lang) -> Cow<'_, str> {
        match self {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Borrowed(match lang {
                Lang::Zh => "（无）",
                Lang::ZhTw => "（無）",
                Lang::En => "(none)",
            }),
        }
    }
    fn value(&self) -> ArgValue {
        self.as_ref()
            .map_or(ArgValue::Null, |s| ArgValue::Text(s.clone()))
    }
}

impl FromArg for Option<String> {
    fn from_value(value: &ArgValue) -> Option<Option<String>> {
        match value {
            ArgValue::Null => Some(None),
            other => other.text().map(|s| Some(s.to_string())),
        }
    }
}

/// A list of names (headers, sheets, known values), joined as each language lists.
impl Arg for Vec<String> {
    fn text(&self, lang: Lang) -> Cow<'_, str> {
        Cow::Owned(match lang {
            Lang::Zh | Lang::ZhTw => self.join("、"),
            Lang::En => self.join(", "),
        })
    }
    fn value(&self) -> ArgValue {
        ArgValue::List(self.clone())
    }
}

impl FromArg for Vec<String> {
    fn from_value(value: &ArgValue) -> Option<Vec<String>> {
        match value {
            ArgValue::List(items) => Some(items.clone()),
            _ => None,
        }
    }
}

/// A vocabulary word: its label in a message, its code as the plain value.
macro_rules! word_arg {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn text(&self, lang: Lang) -> Cow<'_, str> {
                Cow::Borrowed(self.label(lang))
            }
            fn legacy(&self) -> Cow<'_, str> {
                Cow::Borrowed(self.as_str())
            }
            fn value(&self) -> ArgValue {
                ArgValue::Text(self.as_str().to_string())
            }
        }

        impl FromArg for $t {
            fn from_value(value: &ArgValue) -> Option<$t> {
                <$t>::parse(value.text()?)
            }
        }
    )*};
}

word_arg!(FileKind, Field, MatchedBy, AssignmentType, Feature, Status);

/// A column (0-based): a letter for people (`C`), its 1-based number in the legacy message and
/// in `args`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column(pub usize);

impl Arg for Column {
    fn text(&self, _: Lang) -> Cow<'_, str> {
        Cow::Owned(column_letter(self.0))
    }
    fn legacy(&self) -> Cow<'_, str> {
        Cow::Owned((self.0 + 1).to_string())
    }
    fn value(&self) -> ArgValue {
        ArgValue::Number(self.0 as u64 + 1)
    }
}

impl FromArg for Column {
    fn from_value(value: &ArgValue) -> Option<Column> {
        match value {
            ArgValue::Number(n) if *n > 0 => Some(Column(usize::try_from(*n - 1).ok()?)),
            _ => None,
        }
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

/// Declares an enum argument of a message: its values with their codes (the plain value) and
/// labels `[zh, zh-TW, en]`.
#[macro_export]
#[doc(hidden)]
macro_rules! arg_words {
    ($(#[$meta:meta])* pub enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $code:literal, [$zh:literal, $tw:literal, $en:literal],)*
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($(#[$vmeta])* $variant,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            pub fn label(self, lang: $crate::vocab::Lang) -> &'static str {
                let labels: [&'static str; 3] = match self { $($name::$variant => [$zh, $tw, $en],)* };
                labels[lang as usize]
            }
        }

        impl $crate::message::Arg for $name {
            fn text(&self, lang: $crate::vocab::Lang) -> std::borrow::Cow<'_, str> {
                std::borrow::Cow::Borrowed(self.label(lang))
            }
            fn value(&self) -> $crate::message::ArgValue {
                $crate::message::ArgValue::Text(self.as_str().to_string())
            }
        }

        impl $crate::message::FromArg for $name {
            fn from_value(value: &$crate::message::ArgValue) -> Option<$name> {
                match value {
                    $crate::message::ArgValue::Text(code) => {
                        Self::ALL.iter().copied().find(|v| v.as_str() == code)
                    }
                    _ => None,
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
        assert_eq!(column_letter(16383), "XFD");
    }

    #[test]
    fn values_read_back() {
        let column = Column(2);
        assert_eq!(Column::from_value(&column.value()), Some(column));
        assert_eq!(
            Field::from_value(&Field::WechatId.value()),
            Some(Field::WechatId)
        );
        let none: Option<String> = None;
        assert_eq!(<Option<String>>::from_value(&none.value()), Some(None));
        assert_eq!(none.text(Lang::En), "(none)");
        assert_eq!(u32::from_value(&ArgValue::Text("3".into())), None);
    }
}
