//! Messages as data: a template per language with `{name}` slots, and typed arguments that
//! know how they read in each language. The rule catalogue (`rules::catalogue`) and the table
//! of refusals (`error::problems`) are both made of these; text is rendered only at the edges
//! (the report JSON's `message`, the exports, the command line, the JS API).

mod arg;
pub mod template;

pub use arg::{column_letter, Arg, ArgValue, Column, FromArg};

use std::borrow::Cow;

use crate::vocab::Lang;

/// One text in each language, `[zh, zh-TW, en]`.
pub type Texts = [&'static str; 3];

/// `texts` in `lang`, its slots filled by `value` (the arguments by name).
pub fn render<'a>(
    texts: &Texts,
    lang: Lang,
    value: &dyn Fn(&str) -> Option<Cow<'a, str>>,
) -> String {
    template::fill(texts[lang as usize], value)
}
