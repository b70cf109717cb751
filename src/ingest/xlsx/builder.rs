//! Cells arriving row by row → a [`Table`], within the limits.

use super::super::Table;
use crate::{options::Limits, report::FileKind, Error};

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
        }
    }

    pub(super) fn start_cell(&mut self, row: u32, column: u32) -> Result<(), Error> {
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

    pub(super) fn finish(mut self) -> Result<Table, Error> {
        self.flush_row()?;
        Ok(self.table)
    }
}
