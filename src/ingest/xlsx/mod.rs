//! Spreadsheets → [`Table`]s of text cells: XLSX by our own reader (zip + quick-xml), in every
//! build; XLS, XLSB and ODS through calamine in native builds (`legacy-spreadsheets`).
//!
//! Every cell becomes the text a person sees for ids and phones: an integral float is written
//! as digits (`13800138000.0` → `13800138000`), dates as ISO dates. Rows and columns keep the
//! positions Excel shows, even when the used range starts at row 3 or column B.

mod archive;
mod book;
mod builder;
mod cell_text;
mod choose;
mod number_format;
mod package;
mod part;
mod sheet;
mod strings;
mod styles;
#[cfg(test)]
mod tests;

use builder::SheetBuilder;
use choose::SheetFacts;
use package::Package;

use super::{Format, Table, WorkbookNotes};
use crate::error::Error;
use crate::{options::Limits, vocab::FileKind};

/// Why a workbook could not be read.
enum Failure {
    /// It is not a well-formed workbook: the reason, naming the part (and cell).
    Broken(String),
    /// A limit or a rule of ours refused it; the error names the file already.
    Refused(Error),
}

impl Failure {
    fn broken(reason: impl Into<String>) -> Failure {
        Failure::Broken(reason.into())
    }

    fn into_error(self, file: FileKind) -> Error {
        match self {
            Failure::Broken(reason) => unreadable(file, Format::Xlsx, reason),
            Failure::Refused(error) => error,
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure::Refused(error)
    }
}

impl From<quick_xml::Error> for Failure {
    fn from(e: quick_xml::Error) -> Failure {
        Failure::broken(e.to_string())
    }
}

impl From<quick_xml::events::attributes::AttrError> for Failure {
    fn from(e: quick_xml::events::attributes::AttrError) -> Failure {
        Failure::broken(e.to_string())
    }
}

/// A workbook, read: the tables of the sheets chosen, and what the admin should know.
pub struct Read {
    pub tables: Vec<Table>,
    pub notes: WorkbookNotes,
}

/// Reads the chosen sheet (`sheet`, else the default of [`choose`]), or every worksheet when
/// `all` is set.
pub fn read(
    bytes: &[u8],
    format: Format,
    file: FileKind,
    sheet: Option<&str>,
    all: bool,
    limits: &Limits,
) -> Result<Read, Error> {
    match format {
        Format::Xlsx => {}
        Format::Ods => {
            package::check_inflated_size(bytes, file, limits)?;
            return read_other(bytes, Other::Ods, file, sheet, all, limits);
        }
        _ => return read_other(bytes, Other::Xls, file, sheet, all, limits),
    }
    let mut package = Package::open(bytes, file, limits)?;
    let book = match book::open(&mut package).map_err(|f| f.into_error(file))? {
        book::Opened::Book(book) => book,
        book::Opened::Binary => return read_other(bytes, Other::Xlsb, file, sheet, all, limits),
        book::Opened::NotOoxml => {
            return read_other(bytes, Other::ForeignZip, file, sheet, all, limits)
        }
    };
    let facts: Vec<SheetFacts> = book
        .sheets
        .iter()
        .map(|s| SheetFacts {
            name: &s.name,
            kind: s.kind,
            hidden: s.hidden,
        })
        .collect();
    let chosen = choose::choose(&facts, Some(book.active), sheet, all, file)?;
    let mut read = Read {
        tables: Vec::new(),
        notes: WorkbookNotes::default(),
    };
    for index in chosen.sheets() {
        let entry = &book.sheets[index];
        let spent = read.tables.iter().map(|t| t.text_len() as u64).sum();
        let mut builder = SheetBuilder::new(entry.name.clone(), file, limits, spent);
        let outcome = match package.part(&entry.path) {
            Ok(Some(mut xml)) => sheet::read(&mut xml, &book.cells, &mut builder),
            Ok(None) => Err(Failure::broken(format!("it has no {}", entry.path))),
            Err(failure) => Err(failure),
        };
        outcome
            .map_err(|f| in_sheet(f, &entry.name))
            .map_err(|f| f.into_error(file))?;
        if builder.uncached_formulas > 0 {
            let count = (entry.name.clone(), builder.uncached_formulas);
            read.notes.uncached_formulas.push(count);
        }
        read.tables.push(builder.finish()?);
    }
    if let choose::Chosen::Default { others, .. } = &chosen {
        for &index in others {
            let entry = &book.sheets[index];
            let holds = match package.part(&entry.path) {
                Ok(Some(mut xml)) => sheet::holds_cells(&mut xml, &book.cells),
                Ok(None) => Err(Failure::broken(format!("it has no {}", entry.path))),
                Err(failure) => Err(failure),
            };
            if holds.map_err(|f| in_sheet(f, &entry.name).into_error(file))? {
                read.notes.other_sheets.push(entry.name.clone());
            }
        }
    }
    Ok(read)
}

fn in_sheet(failure: Failure, name: &str) -> Failure {
    match failure {
        Failure::Broken(reason) => Failure::Broken(format!("sheet `{name}`: {reason}")),
        refused => refused,
    }
}

/// A workbook our XLSX reader does not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Other {
    Xls,
    Ods,
    /// Excel's binary format: a zip, like XLSX.
    Xlsb,
    /// A zip that is not an Office Open XML package.
    ForeignZip,
}

/// XLS, XLSB and ODS: kept out of the browser build (they cost it 54 KB gzipped, measured, for
/// files admins rarely have); there the user is asked to save as .xlsx or CSV.
#[cfg(not(feature = "legacy-spreadsheets"))]
fn read_other(
    _: &[u8],
    other: Other,
    file: FileKind,
    _: Option<&str>,
    _: bool,
    _: &Limits,
) -> Result<Read, Error> {
    let kind = match other {
        Other::Xls => "xls",
        Other::Ods => "ods",
        Other::Xlsb => "xlsb",
        Other::ForeignZip => {
            return Err(unreadable(
                file,
                Format::Xlsx,
                "it has no _rels/.rels, so it is no .xlsx",
            ))
        }
    };
    let problem = crate::error::Problem::SpreadsheetUnsupported { format: kind };
    Err(Error::refused(file, problem))
}

/// Whatever calamine makes of it (it tries every format it knows), choosing sheets as for
/// XLSX but without an active tab (calamine does not give it).
#[cfg(feature = "legacy-spreadsheets")]
fn read_other(
    bytes: &[u8],
    other: Other,
    file: FileKind,
    sheet: Option<&str>,
    all: bool,
    limits: &Limits,
) -> Result<Read, Error> {
    let format = match other {
        Other::Xls => Format::Xls,
        Other::Ods => Format::Ods,
        Other::Xlsb | Other::ForeignZip => Format::Xlsx,
    };
    if other == Other::Xls {
        // calamine panics on some damaged Compound Files, and aborts on some records.
        let damaged = |reason| {
            unreadable(
                file,
                format,
                format!("the Compound File is damaged: {reason}"),
            )
        };
        let workbook = super::cfb::check_structure(bytes).map_err(damaged)?;
        if let Some(workbook) = workbook {
            super::biff::check_records(&workbook).map_err(|reason| {
                unreadable(file, format, format!("its records are damaged: {reason}"))
            })?;
        }
    }
    // calamine panics on records shorter than it reads (fuzz/README.md, crash 6): a refusal, as
    // for any damaged file. The native release profile unwinds for this (Cargo.toml).
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_with_calamine(bytes, format, file, sheet, all, limits)
    }));
    read.unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(unreadable(
            file,
            format,
            format!("a record is damaged ({what})"),
        ))
    })
}

#[cfg(feature = "legacy-spreadsheets")]
fn read_with_calamine(
    bytes: &[u8],
    format: Format,
    file: FileKind,
    sheet: Option<&str>,
    all: bool,
    limits: &Limits,
) -> Result<Read, Error> {
    use calamine::{Reader, SheetType, SheetVisible};
    let mut workbook =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| match e {
            calamine::Error::Xls(calamine::XlsError::Password) => Error::Encrypted { file },
            e => unreadable(file, format, e),
        })?;
    let metadata = workbook.sheets_metadata().to_vec();
    let facts: Vec<SheetFacts> = metadata
        .iter()
        .map(|s| SheetFacts {
            name: &s.name,
            kind: match s.typ {
                SheetType::WorkSheet => book::SheetKind::Worksheet,
                SheetType::ChartSheet => book::SheetKind::Chart,
                SheetType::DialogSheet => book::SheetKind::Dialog,
                SheetType::MacroSheet | SheetType::Vba => book::SheetKind::Macro,
            },
            hidden: s.visible != SheetVisible::Visible,
        })
        .collect();
    let chosen = choose::choose(&facts, None, sheet, all, file)?;
    let mut read = Read {
        tables: Vec::new(),
        notes: WorkbookNotes::default(),
    };
    for index in chosen.sheets() {
        let name = metadata[index].name.clone();
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| unreadable(file, format, e))?;
        let spent = read.tables.iter().map(|t| t.text_len() as u64).sum();
        let mut sheet = SheetBuilder::new(name, file, limits, spent);
        let (top, left) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            let r = top.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
            for (c, value) in row.iter().enumerate() {
                let c = left.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
                sheet.start_cell(r, c)?;
                write_calamine_cell(&mut sheet.text, value);
                sheet.end_cell()?;
            }
        }
        read.tables.push(sheet.finish()?);
    }
    if let choose::Chosen::Default { others, .. } = &chosen {
        for &index in others {
            let name = &metadata[index].name;
            let range = workbook
                .worksheet_range(name)
                .map_err(|e| unreadable(file, format, e))?;
            if range
                .used_cells()
                .any(|(_, _, v)| !matches!(v, calamine::Data::Empty))
            {
                read.notes.other_sheets.push(name.clone());
            }
        }
    }
    Ok(read)
}

/// A cell read by calamine (XLS, XLSB, ODS) as text, as the XLSX reader writes it. Public for
/// the differential test, which reads every XLSX fixture with calamine too.
#[cfg(feature = "legacy-spreadsheets")]
pub fn write_calamine_cell(out: &mut String, value: &calamine::Data) {
    use calamine::Data;
    use std::fmt::Write as _;
    match value {
        Data::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Data::Float(f) => cell_text::write_float(out, *f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => out.push_str(s),
        Data::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(d) if d.is_duration() => cell_text::write_duration(out, d.as_f64()),
        Data::DateTime(d) => {
            cell_text::write_date(out, d.as_f64(), cell_text::Civil::of_calamine(d))
        }
        Data::Error(e) => {
            let _ = write!(out, "{e}");
        }
        Data::Empty => {}
    }
}

fn unreadable(file: FileKind, format: Format, e: impl std::fmt::Display) -> Error {
    Error::input(
        file,
        format!(
            "cannot read the {} workbook: {e} (save it again in Excel, or as CSV UTF-8)",
            format.as_str()
        ),
    )
}
