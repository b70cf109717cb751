//! Bytes → tables of text cells: encoding sniffing, delimited text, spreadsheets, and finding
//! the header row and the columns by content.
//!
//! `load` turns one file's bytes into tables (one per sheet); `find_layout` finds the header row
//! of a table and which column holds which [`Field`].

#[cfg(feature = "legacy-spreadsheets")]
mod biff;
mod cfb;
pub mod columns;
pub mod content;
pub mod decode;
pub mod delimited;
pub mod fold;
mod table;
#[cfg(feature = "xlsx")]
pub mod xlsx;

pub use table::{Row, Table};

use std::borrow::Cow;

use crate::error::Error;
use crate::host::LegacyDecoder;
use crate::options::{Limits, ReadOptions};
use crate::vocab::{Field, FileKind};

/// How a file's bytes were recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Tsv,
    /// Semicolon-separated (European Excel).
    Ssv,
    Xlsx,
    Xls,
    Ods,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Ssv => "ssv",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
        }
    }
}

/// One file, read.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub format: Format,
    /// The text encoding detected or forced; `None` for spreadsheets.
    pub encoding: Option<&'static str>,
    /// One table per sheet read (delimited text: exactly one).
    pub sheets: Vec<Table>,
    /// What reading a workbook noticed; empty for delimited text.
    pub notes: WorkbookNotes,
}

/// What reading a workbook noticed that the admin should know (`rules::workbook` makes the
/// findings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkbookNotes {
    /// The sheet was chosen by default, and these other visible worksheets hold cells too.
    pub other_sheets: Vec<String>,
    /// Formula cells without a cached value (they read as empty), by sheet read: name and
    /// count; sheets without any are left out.
    pub uncached_formulas: Vec<(String, u64)>,
}

/// Where the header is and which column holds which field.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// Index of the header row in the table (rows above it are instructions).
    pub header_index: usize,
    /// Index of the first data row: below the header, or the header's own row when the file
    /// has no header row at all (its first row already holds an address).
    pub data_start: usize,
    /// 1-based spreadsheet row of the header.
    pub header_row: u32,
    pub headers: Vec<String>,
    /// Column of each field, indexed by `Field as usize`.
    pub columns: [Option<usize>; Field::ALL.len()],
    /// Columns found by their content (`column-guessed`), and unread ones that look like data.
    pub guessed: Vec<content::Guess>,
}

impl Layout {
    /// Whether the file has no header row: its first row is data.
    pub fn headerless(&self) -> bool {
        self.data_start == self.header_index
    }

    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns[field as usize]
    }

    /// Recognised fields and the header each was read from, for the report.
    pub fn mapping(&self) -> Vec<(String, String)> {
        Field::ALL
            .iter()
            .copied()
            .filter_map(|f| {
                let c = self.column(f)?;
                Some((
                    f.as_str().to_string(),
                    self.headers.get(c).cloned().unwrap_or_default(),
                ))
            })
            .collect()
    }
}

/// Reads one file's bytes: spreadsheets by their magic bytes, anything else as delimited text
/// in the detected (or forced) encoding. For exmail and WeCom files only the chosen sheet
/// (`read.sheet`, else the sheet Excel opens on) is returned; for a roster every worksheet,
/// unless one is named. GB18030 and the like are decoded by the build's own decoder.
pub fn load(
    bytes: &[u8],
    file: FileKind,
    read: &ReadOptions,
    limits: &Limits,
) -> Result<Loaded, Error> {
    load_with(bytes, file, read, limits, None)
}

/// [`load`], with `legacy` decoding GB18030 and the like (`None`: the build's own).
pub fn load_with(
    bytes: &[u8],
    file: FileKind,
    read: &ReadOptions,
    limits: &Limits,
    legacy: Option<LegacyDecoder>,
) -> Result<Loaded, Error> {
    if bytes.len() > limits.max_input_bytes {
        return Err(Error::limit(
            file,
            "max_input_bytes",
            limits.max_input_bytes,
            bytes.len(),
        ));
    }
    if let Some(format) = decode::spreadsheet_format(bytes) {
        if format == Format::Xls && cfb::is_encrypted(bytes) {
            return Err(Error::Encrypted { file });
        }
        return load_spreadsheet(bytes, format, file, read, limits);
    }
    let (text, encoding) = decode::decode(bytes, read.encoding.as_deref(), legacy, file)?;
    let (table, format) = delimited::parse(&text, file, limits)?;
    Ok(Loaded {
        format,
        encoding: Some(encoding),
        sheets: vec![table],
        notes: WorkbookNotes::default(),
    })
}

/// [`load_with`] for bytes the caller may hand over: delimited text that is valid UTF-8 as
/// it is (the usual export) becomes the table's text without a copy.
pub fn load_input(
    bytes: Cow<'_, [u8]>,
    file: FileKind,
    read: &ReadOptions,
    limits: &Limits,
    legacy: Option<LegacyDecoder>,
) -> Result<Loaded, Error> {
    let mut bytes = match bytes {
        Cow::Owned(bytes) => bytes,
        Cow::Borrowed(bytes) => return load_with(bytes, file, read, limits, legacy),
    };
    if bytes.len() > limits.max_input_bytes || decode::spreadsheet_format(&bytes).is_some() {
        return load_with(&bytes, file, read, limits, legacy);
    }
    let (text, encoding) = decode::decode(&bytes, read.encoding.as_deref(), legacy, file)?;
    // What decode read as UTF-8 as it lies: the input from `start` (past a BOM) to its end.
    let as_is = match &text {
        Cow::Borrowed(t) => (t.as_ptr() as usize)
            .checked_sub(bytes.as_ptr() as usize)
            .filter(|&start| start + t.len() == bytes.len()),
        Cow::Owned(_) => None,
    };
    let text = match as_is {
        Some(start) => {
            drop(text);
            bytes.drain(..start); // in place: no second buffer
                                  // SAFETY: `decode` validated exactly these bytes as UTF-8: it borrowed them, from
                                  // `start` to the end, as a `&str`.
            unsafe { String::from_utf8_unchecked(bytes) }
        }
        None => text.into_owned(),
    };
    let (table, format) = delimited::parse_text(Cow::Owned(text), file, limits)?;
    Ok(Loaded {
        format,
        encoding: Some(encoding),
        sheets: vec![table],
        notes: WorkbookNotes::default(),
    })
}

#[cfg(feature = "xlsx")]
fn load_spreadsheet(
    bytes: &[u8],
    format: Format,
    file: FileKind,
    read: &ReadOptions,
    limits: &Limits,
) -> Result<Loaded, Error> {
    let all_sheets = file == FileKind::Roster && read.sheet.is_none();
    let read = xlsx::read(
        bytes,
        format,
        file,
        read.sheet.as_deref(),
        all_sheets,
        limits,
    )?;
    Ok(Loaded {
        format,
        encoding: None,
        sheets: read.tables,
        notes: read.notes,
    })
}

#[cfg(not(feature = "xlsx"))]
fn load_spreadsheet(
    _: &[u8],
    format: Format,
    file: FileKind,
    _: &ReadOptions,
    _: &Limits,
) -> Result<Loaded, Error> {
    let format = format.as_str();
    let problem = crate::error::Problem::SpreadsheetUnsupported { format };
    Err(Error::refused(file, problem))
}

/// Finds the header row (by content, unless `read.header_row` says) and the column of each
/// field (by alias, unless `read.columns` says). A required column that is missing is not an
/// error here: the caller reports it as a `missing-column` finding. An override naming a column
/// that does not exist is an error.
pub fn find_layout(table: &Table, file: FileKind, read: &ReadOptions) -> Result<Layout, Error> {
    columns::find_layout(table, file, read)
}
