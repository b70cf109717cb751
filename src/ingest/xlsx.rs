//! xlsx
use super::{Format, Table};
use crate::{options::Limits, report::FileKind, Error};
pub fn read(
    _bytes: &[u8],
    _format: Format,
    _file: FileKind,
    _sheet: Option<&str>,
    _all: bool,
    _limits: &Limits,
) -> Result<Vec<Table>, Error> {
    todo!()
}
