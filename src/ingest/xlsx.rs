//! Spreadsheets (XLSX, and XLS/ODS/XLSB through calamine) → [`Table`]s of text cells.
//!
//! Every cell becomes the text a person sees for ids and phones: an integral float is written
//! as digits (`13800138000.0` → `13800138000`), dates as ISO dates. Rows and columns keep the
//! positions Excel shows, even when the used range starts at row 3 or column B.
//!
//! Before calamine inflates anything, the zip's central directory is read and the declared
//! uncompressed sizes are bounded (`max_xlsx_inflated_bytes`): the zip crate caps each entry
//! at its declared size while reading, so the sum is a real bound on memory.

use std::fmt::Write as _;
use std::io::Cursor;

#[cfg(feature = "legacy-spreadsheets")]
use calamine::{open_workbook_auto_from_rs, Data};
use calamine::{open_workbook_from_rs, DataRef, ExcelDateTime, Reader, Xlsx};

use super::{Format, Table};
use crate::{options::Limits, report::FileKind, Error};

/// Entries smaller than this are never called bombs, whatever their ratio.
const RATIO_FLOOR_BYTES: u64 = 1 << 20;
/// Deflate cannot do much better than ~1032:1; a larger declared ratio is a lie or a bomb,
/// and even honest sheet XML rarely passes 100:1.
const MAX_RATIO: u64 = 1000;

/// Reads the chosen sheet (`sheet`, else the first), or every sheet when `all` is set.
pub fn read(
    bytes: &[u8],
    format: Format,
    file: FileKind,
    sheet: Option<&str>,
    all: bool,
    limits: &Limits,
) -> Result<Vec<Table>, Error> {
    if matches!(format, Format::Xlsx | Format::Ods) {
        check_inflated_size(bytes, file, limits)?;
    }
    let cursor = Cursor::new(bytes);
    if format == Format::Xlsx {
        // Streams cells instead of building a dense range: a sheet with two cells far apart
        // cannot make us allocate the rectangle between them.
        if let Ok(mut workbook) = open_workbook_from_rs::<Xlsx<_>, _>(cursor.clone()) {
            let names = choose_sheets(workbook.sheet_names(), sheet, all, file)?;
            let mut tables: Vec<Table> = Vec::with_capacity(names.len());
            for name in names {
                let spent = tables.iter().map(|t| t.text_len() as u64).sum();
                tables.push(read_xlsx_sheet(&mut workbook, name, file, limits, spent)?);
            }
            return Ok(tables);
        }
        // Not plain XLSX (XLSB, or broken): let calamine's detection decide and explain.
    }
    read_other(cursor, format, file, sheet, all, limits)
}

/// XLS, XLSB and ODS: kept out of the browser build (they cost it 54 KB gzipped, measured, for
/// files admins rarely have); there the user is asked to save as .xlsx or CSV.
#[cfg(not(feature = "legacy-spreadsheets"))]
fn read_other(
    _: Cursor<&[u8]>,
    format: Format,
    file: FileKind,
    _: Option<&str>,
    _: bool,
    _: &Limits,
) -> Result<Vec<Table>, Error> {
    Err(Error::input(
        file,
        format!(
            "this {} workbook cannot be read here: save it as .xlsx or as CSV UTF-8 and choose it again",
            format.as_str()
        ),
    ))
}

#[cfg(feature = "legacy-spreadsheets")]
fn read_other(
    cursor: Cursor<&[u8]>,
    format: Format,
    file: FileKind,
    sheet: Option<&str>,
    all: bool,
    limits: &Limits,
) -> Result<Vec<Table>, Error> {
    let mut workbook =
        open_workbook_auto_from_rs(cursor).map_err(|e| unreadable(file, format, e))?;
    let names = choose_sheets(workbook.sheet_names(), sheet, all, file)?;
    let mut tables = Vec::with_capacity(names.len());
    for name in names {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| unreadable(file, format, e))?;
        let spent = tables.iter().map(|t: &Table| t.text_len() as u64).sum();
        let mut sheet = SheetBuilder::new(name, file, limits, spent);
        let (top, left) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            let r = top.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
            for (c, value) in row.iter().enumerate() {
                let c = left.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
                sheet.start_cell(r, c)?;
                write_data(&mut sheet.text, value);
                sheet.end_cell()?;
            }
        }
        tables.push(sheet.finish()?);
    }
    Ok(tables)
}

fn read_xlsx_sheet(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    name: String,
    file: FileKind,
    limits: &Limits,
    spent: u64,
) -> Result<Table, Error> {
    let mut cells = workbook
        .worksheet_cells_reader(&name)
        .map_err(|e| unreadable(file, Format::Xlsx, e))?;
    let mut sheet = SheetBuilder::new(name, file, limits, spent);
    while let Some(cell) = cells
        .next_cell()
        .map_err(|e| unreadable(file, Format::Xlsx, e))?
    {
        let (r, c) = cell.get_position();
        sheet.start_cell(r, c)?;
        write_data_ref(&mut sheet.text, cell.get_value());
        sheet.end_cell()?;
    }
    sheet.finish()
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

/// Refuses a zip whose entries would inflate past the limit, or with an absurd ratio.
fn check_inflated_size(bytes: &[u8], file: FileKind, limits: &Limits) -> Result<(), Error> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        Error::input(
            file,
            format!("not a readable spreadsheet (broken zip: {e}); save it again in Excel"),
        )
    })?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|e| {
            Error::input(
                file,
                format!("not a readable spreadsheet (broken zip: {e}); save it again in Excel"),
            )
        })?;
        let (size, packed) = (entry.size(), entry.compressed_size());
        total = total.saturating_add(size);
        if size > RATIO_FLOOR_BYTES && size / packed.max(1) > MAX_RATIO {
            return Err(Error::input(
                file,
                format!(
                    "zip entry `{}` would inflate {packed} bytes to {size} (over {MAX_RATIO}:1): refused as a zip bomb (max_xlsx_inflated_bytes = {})",
                    entry.name().unwrap_or_default(),
                    limits.max_xlsx_inflated_bytes
                ),
            ));
        }
    }
    if total > limits.max_xlsx_inflated_bytes {
        return Err(Error::Limit {
            file,
            limit: "max_xlsx_inflated_bytes",
            max: limits.max_xlsx_inflated_bytes,
            actual: total,
        });
    }
    Ok(())
}

/// The sheets to read: the named one, every one, or the first.
fn choose_sheets(
    names: Vec<String>,
    wanted: Option<&str>,
    all: bool,
    file: FileKind,
) -> Result<Vec<String>, Error> {
    if names.is_empty() {
        return Err(Error::input(file, "the workbook has no sheets"));
    }
    if let Some(wanted) = wanted {
        let found = names.iter().find(|n| n.as_str() == wanted).or_else(|| {
            names
                .iter()
                .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
        });
        return match found {
            Some(name) => Ok(vec![name.clone()]),
            None => Err(Error::input(
                file,
                format!("no sheet named `{wanted}`; sheets: {}", names.join(", ")),
            )),
        };
    }
    if all {
        return Ok(names);
    }
    Ok(names.into_iter().take(1).collect())
}

/// Builds a [`Table`] from cells arriving row by row, enforcing the limits. Cell text is
/// written into `text` between [`Self::start_cell`] and [`Self::end_cell`].
struct SheetBuilder<'l> {
    table: Table,
    file: FileKind,
    limits: &'l Limits,
    /// 0-based sheet row being collected.
    row: Option<u32>,
    /// The row's non-empty cells: column and range in `row_text`.
    cells: Vec<(u32, std::ops::Range<usize>)>,
    row_text: String,
    /// Scratch for the cell being written.
    text: String,
    column: u32,
    rows: usize,
    /// Cell text already read from earlier sheets of the workbook.
    spent: u64,
}

impl<'l> SheetBuilder<'l> {
    fn new(name: String, file: FileKind, limits: &'l Limits, spent: u64) -> SheetBuilder<'l> {
        let mut table = Table::new();
        table.sheet = Some(name);
        SheetBuilder {
            table,
            file,
            limits,
            row: None,
            cells: Vec::new(),
            row_text: String::new(),
            text: String::new(),
            column: 0,
            rows: 0,
            spent,
        }
    }

    fn start_cell(&mut self, row: u32, column: u32) -> Result<(), Error> {
        if self.row != Some(row) {
            self.flush_row()?;
            self.row = Some(row);
        }
        self.column = column;
        self.text.clear();
        Ok(())
    }

    fn end_cell(&mut self) -> Result<(), Error> {
        if self.text.is_empty() {
            return Ok(());
        }
        let number = self.row.unwrap_or(0).saturating_add(1);
        let column = self.column as usize + 1;
        if column > self.limits.max_columns {
            return Err(Error::input(
                self.file,
                format!(
                    "row {number}: a cell in column {column}, over max_columns = {} (raise it in options.limits)",
                    self.limits.max_columns
                ),
            ));
        }
        if self.text.len() > self.limits.max_cell_bytes {
            return Err(Error::input(
                self.file,
                format!(
                    "row {number}, column {column}: cell is {} bytes, over max_cell_bytes = {} (raise it in options.limits)",
                    self.text.len(),
                    self.limits.max_cell_bytes
                ),
            ));
        }
        // Shared strings let a small sheet name one long string in every cell: the text read
        // is bounded like inflation itself (and kept within the table's 32-bit offsets).
        let max = self.limits.max_xlsx_inflated_bytes.min(u64::from(u32::MAX));
        let text = self.table.text_len() + self.row_text.len() + self.text.len();
        let total = self.spent.saturating_add(text as u64);
        if total > max {
            return Err(Error::Limit {
                file: self.file,
                limit: "max_xlsx_inflated_bytes",
                max,
                actual: total,
            });
        }
        let start = self.row_text.len();
        self.row_text.push_str(&self.text);
        self.cells.push((self.column, start..self.row_text.len()));
        Ok(())
    }

    /// Writes the collected row, padding skipped columns with empty cells. Rows with no
    /// non-empty cell are left out, like blank lines in CSV.
    fn flush_row(&mut self) -> Result<(), Error> {
        let Some(row) = self.row else {
            return Ok(());
        };
        if self.cells.is_empty() {
            return Ok(());
        }
        self.rows += 1;
        if self.rows > self.limits.max_rows {
            return Err(Error::limit(
                self.file,
                "max_rows",
                self.limits.max_rows,
                self.rows,
            ));
        }
        // Sheet XML lists cells in order; sort anyway so a hand-made file cannot misalign.
        self.cells.sort_by_key(|(column, _)| *column);
        let mut next = 0u32;
        for (column, range) in &self.cells {
            if *column < next {
                continue; // the same cell twice: keep the first
            }
            for _ in next..*column {
                self.table.push_cell("");
            }
            self.table
                .push_cell(self.row_text.get(range.clone()).unwrap_or_default());
            next = column + 1;
        }
        self.table.end_row(row.saturating_add(1));
        self.cells.clear();
        self.row_text.clear();
        Ok(())
    }

    fn finish(mut self) -> Result<Table, Error> {
        self.flush_row()?;
        Ok(self.table)
    }
}

#[cfg(feature = "legacy-spreadsheets")]
fn write_data(out: &mut String, value: &Data) {
    match value {
        Data::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Data::Float(f) => write_float(out, *f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => out.push_str(s),
        Data::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(d) => write_datetime(out, d),
        Data::Error(e) => {
            let _ = write!(out, "{e}");
        }
        Data::Empty => {}
    }
}

fn write_data_ref(out: &mut String, value: &DataRef<'_>) {
    match value {
        DataRef::Int(i) => {
            let _ = write!(out, "{i}");
        }
        DataRef::Float(f) => write_float(out, *f),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => out.push_str(s),
        DataRef::SharedString(s) => out.push_str(s),
        DataRef::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(d) => write_datetime(out, d),
        DataRef::Error(e) => {
            let _ = write!(out, "{e}");
        }
        DataRef::Empty => {}
    }
}

/// Integral floats below 1e15 as digits (phones and ids stored as numbers); others in
/// Rust's shortest round-trip form.
fn write_float(out: &mut String, f: f64) {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        let _ = write!(out, "{}", f as i64);
    } else {
        let _ = write!(out, "{f}");
    }
}

/// `2024-03-01`, `2024-03-01 08:30:00`, or `08:30:00` for a time of day; durations as
/// `[h]:mm:ss`.
fn write_datetime(out: &mut String, d: &ExcelDateTime) {
    if d.is_duration() {
        let seconds = (d.as_f64() * 86_400.0).round() as i64;
        let _ = write!(
            out,
            "{}:{:02}:{:02}",
            seconds / 3600,
            (seconds / 60 % 60).abs(),
            (seconds % 60).abs()
        );
        return;
    }
    let (year, month, day, hour, minute, second, _) = d.to_ymd_hms_milli();
    let has_time = (hour, minute, second) != (0, 0, 0);
    if d.as_f64() < 1.0 && has_time {
        let _ = write!(out, "{hour:02}:{minute:02}:{second:02}");
    } else if has_time {
        let _ = write!(
            out,
            "{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}"
        );
    } else {
        let _ = write!(out, "{year:04}-{month:02}-{day:02}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_as_people_read_them() {
        let text = |f: f64| {
            let mut s = String::new();
            write_float(&mut s, f);
            s
        };
        assert_eq!(text(13800138000.0), "13800138000");
        assert_eq!(text(-3.0), "-3");
        assert_eq!(text(0.1), "0.1");
        assert_eq!(text(1.5), "1.5");
        assert_eq!(text(1e15), "1000000000000000");
    }

    #[test]
    fn dates() {
        use calamine::ExcelDateTimeType;
        let text = |v: f64| {
            let mut s = String::new();
            write_datetime(
                &mut s,
                &ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false),
            );
            s
        };
        assert_eq!(text(45352.0), "2024-03-01");
        assert_eq!(text(45352.5), "2024-03-01 12:00:00");
        assert_eq!(text(0.25), "06:00:00");
    }
}
