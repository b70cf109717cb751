//! decode
use super::Format;
use crate::{report::FileKind, Error};
pub fn spreadsheet_format(_bytes: &[u8]) -> Option<Format> {
    todo!()
}
pub fn decode<'b>(
    _bytes: &'b [u8],
    _forced: Option<&str>,
    _file: FileKind,
) -> Result<(std::borrow::Cow<'b, str>, &'static str), Error> {
    todo!()
}
