//! columns
use super::{Layout, Table};
use crate::{options::ReadOptions, report::FileKind, Error};
pub fn find_layout(_table: &Table, _file: FileKind, _read: &ReadOptions) -> Result<Layout, Error> {
    todo!()
}
