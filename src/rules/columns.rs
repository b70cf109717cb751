//! How a file's columns were found, as findings: a required column that is missing
//! (`missing-column`), and columns read for what their cells hold rather than their header, or
//! left unread though they look like phones or addresses (`column-guessed`).

use crate::ingest::Layout;
use crate::message::Column;
use crate::rules::args::ColumnRead;
use crate::rules::{Args, At, Findings};
use crate::vocab::{Field, FileKind};

/// `column-guessed`: each column read for what its cells hold, and each unread one that looks
/// like phones or addresses, on the header row.
pub fn check_guesses(file: FileKind, layout: &Layout, findings: &mut Findings) {
    for g in &layout.guessed {
        let header = layout.headers.get(g.column).map_or("", String::as_str);
        let read = match g.field {
            Some(field) => ColumnRead::As(field),
            None => ColumnRead::NotRead(g.looks_like),
        };
        let mut at = At::file(file).value(header);
        at.row = Some(layout.header_row);
        at.field = g.field;
        let column = Column(g.column);
        findings.add(Args::ColumnGuessed { file, column, read }, at);
    }
}

/// `missing-column`: `field` is required in `file` and no header names it; the headers seen.
pub fn missing(file: FileKind, field: Field, headers: &[String], findings: &mut Findings) {
    let seen = headers
        .iter()
        .filter(|h| !h.trim().is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let mut at = At::file(file).value(seen);
    at.field = Some(field);
    findings.add(Args::MissingColumn { file, field }, at);
}
