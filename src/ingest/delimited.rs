//! delimited
use super::{Format, Table};
use crate::{options::Limits, report::FileKind, Error};
pub fn parse(_text: &str, _file: FileKind, _limits: &Limits) -> Result<(Table, Format), Error> {
    todo!()
}
