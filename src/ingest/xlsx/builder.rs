//! Cells arriving row by row → a [`Table`], within the limits.
//!
//! Positions may go to Excel's last column (XFD) while a row uses a few cells: a row whose
//! cells lie far apart is stored sparse, so memory follows the cells used, not their positions,
//! and `max_columns` bounds the cells a row uses.

use super::super::Table;
use crate::error::Error;
use crate::{options::Limits, vocab::FileKind};

/// Excel's grid: columns A to XFD, rows 1 to 1,048,576.
pub(super) const EXCEL_COLUMNS: u32 = 16_384;
pub(super) const EXCEL_ROWS: u32 = 1_048_576;

/// A row is stored sparse when padding it would take more empty cells than this and than
/// twice the cells it uses.
const SPARSE_GAP: usize = 256;

/// Builds a [`Table`] from cells arriving row by row, enforcing the limits. Cell text is
/// written into `text` between [`Self::start_cell`] and [`Self::end_cell`].
pub(super) struct SheetBuilder<'l> {
    table: Table,
    file: FileKind,
    limits: &'l Limits,
    /// 0-based sheet row being collected.
    row: Option<u32>,
    /// The row's non-empty cells: column and range in `row_text`.
    cells: Vec<(u32, std::ops::Range<usize>)>,
    row_text: String,
    /// Scratch for the cell being written.
    pub(super) text: String,
    column: u32,
    rows: usize,
    /// Cell text already read from earlier sheets of the workbook.
    spent: u64,
    /// Formula cells read without a cached value.
    pub(super) uncached_formulas: u64,
    /// Only asks whether the sheet has a cell with text: reading stops at the first.
    probe: bool,
    found_text: bool,
}

impl<'l> SheetBuilder<'l> {
    pub(super) fn new(
        name: String,
        file: FileKind,
        limits: &'l Limits,
        spent: u64,
    ) -> SheetBuilder<'l> {
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
            uncached_formulas: 0,
            probe: false,
            found_text: false,
        }
    }

    /// A builder that keeps nothing and is done at the first cell with text.
    pub(super) fn probe(limits: &'l Limits) -> SheetBuilder<'l> {
        let mut builder = SheetBuilder::new(String::new(), FileKind::Options, limits, 0);
        builder.probe = true;
        builder
    }

    /// A probe has found its cell: read no further.
    pub(super) fn is_done(&self) -> bool {
        self.probe && self.found_text
    }

    pub(super) fn found_text(&self) -> bool {
        self.found_text
    }

    pub(super) fn start_cell(&mut self, row: u32, column: u32) -> Result<(), Error> {
        // Cells without a position follow the previous one: they can run off Excel's grid.
        if column >= EXCEL_COLUMNS || row >= EXCEL_ROWS {
            return Err(Error::input(
                self.file,
                format!(
                    "row {}: a cell past Excel's last column XFD or row 1048576, which Excel never writes: open it in Excel and save it again",
                    u64::from(row) + 1
                ),
            ));
        }
        if self.row != Some(row) {
            // Sheet XML lists rows in ascending order (Excel always does); a file that goes
            // back would give rows out of order, or one row twice (found by fuzzing).
            if let Some(current) = self.row.filter(|&current| row < current) {
                return Err(Error::input(
                    self.file,
                    format!(
                        "the sheet lists row {} after row {}, which Excel never writes: open it in Excel and save it again",
                        u64::from(row) + 1,
                        u64::from(current) + 1
                    ),
                ));
            }
            self.flush_row()?;
            self.row = Some(row);
        }
        self.column = column;
        self.text.clear();
        Ok(())
    }

    pub(super) fn end_cell(&mut self) -> Result<(), Error> {
        if self.text.is_empty() {
            return Ok(());
        }
        if self.probe {
            self.found_text = true;
            return Ok(());
        }
        let number = self.row.unwrap_or(0).saturating_add(1);
        let column = self.column as usize + 1;
        if self.cells.len() >= self.limits.max_columns {
            return Err(Error::input(
                self.file,
                format!(
                    "row {number}: a cell in column {column} makes {} cells with text in the row, over max_columns = {} (raise it in options.limits)",
                    self.cells.len() + 1,
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
        // The same cell twice: keep the first (the sort is stable).
        self.cells.sort_by_key(|(column, _)| *column);
        self.cells.dedup_by_key(|(column, _)| *column);
        let width = self
            .cells
            .last()
            .map_or(0, |(column, _)| *column as usize + 1);
        let gap = width - self.cells.len();
        let text = &self.row_text;
        let cells = self
            .cells
            .iter()
            .map(|(column, range)| (*column, text.get(range.clone()).unwrap_or_default()));
        if gap > SPARSE_GAP && gap > 2 * self.cells.len() {
            self.table.push_sparse_row(cells, row.saturating_add(1));
        } else {
            let mut next = 0u32;
            for (column, cell) in cells {
                for _ in next..column {
                    self.table.push_cell("");
                }
                self.table.push_cell(cell);
                next = column + 1;
            }
            self.table.end_row(row.saturating_add(1));
        }
        self.cells.clear();
        self.row_text.clear();
        Ok(())
    }

    pub(super) fn finish(mut self) -> Result<Table, Error> {
        self.flush_row()?;
        Ok(self.table)
    }
}
