//! A table of text cells held in one buffer: no allocation per cell.

/// Rows of text cells as read from one file or sheet. Cells of a row are contiguous in one
/// `String`; a row may be shorter or longer than its neighbours (ragged files are common).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Sheet name for spreadsheets.
    pub sheet: Option<String>,
    text: String,
    /// End offset in `text` of each cell, row-major.
    cell_ends: Vec<u32>,
    /// Index into `cell_ends` where each row starts, plus one past the end.
    row_starts: Vec<u32>,
    /// The row number a spreadsheet shows (1-based) for each stored row.
    row_numbers: Vec<u32>,
}

/// One row of a [`Table`].
#[derive(Debug, Clone, Copy)]
pub struct Row<'t> {
    /// The row number a spreadsheet shows (1-based).
    pub number: u32,
    text: &'t str,
    /// Offset of the first cell's start in `text`.
    start: u32,
    ends: &'t [u32],
}

impl Table {
    pub fn new() -> Table {
        Table {
            row_starts: vec![0],
            ..Table::default()
        }
    }

    /// An empty table whose cells will hold about `bytes` of text, allocated once.
    pub fn with_text_capacity(bytes: usize) -> Table {
        let mut table = Table::new();
        table.text.reserve_exact(bytes);
        table
    }

    /// Appends a cell to the row being built.
    pub fn push_cell(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.cell_ends.push(self.text.len() as u32);
    }

    /// Drops the empty cells at the end of the row being built; returns how many cells it
    /// keeps.
    pub fn trim_row(&mut self) -> usize {
        let row_start = self.row_starts.last().map_or(0, |&s| s as usize);
        while self.cell_ends.len() > row_start {
            let n = self.cell_ends.len();
            // Cells are contiguous: an empty cell ends where the one before it ends.
            let before = n.checked_sub(2).map_or(0, |p| self.cell_ends[p]);
            if self.cell_ends[n - 1] != before {
                break;
            }
            self.cell_ends.pop();
        }
        self.cell_ends.len() - row_start
    }

    /// Closes the row being built as spreadsheet row `number`.
    pub fn end_row(&mut self, number: u32) {
        if self.row_starts.is_empty() {
            self.row_starts.push(0);
        }
        self.row_starts.push(self.cell_ends.len() as u32);
        self.row_numbers.push(number);
    }

    /// Bytes of cell text held (bounded by the caller's limits, well under `u32::MAX`).
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    pub fn len(&self) -> usize {
        self.row_numbers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.row_numbers.is_empty()
    }

    /// Row `index` (0-based position in the table, not the spreadsheet number).
    pub fn row(&self, index: usize) -> Row<'_> {
        let first = self.row_starts[index] as usize;
        let last = self.row_starts[index + 1] as usize;
        let start = if first == 0 {
            0
        } else {
            self.cell_ends[first - 1]
        };
        Row {
            number: self.row_numbers[index],
            text: &self.text,
            start,
            ends: &self.cell_ends[first..last],
        }
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        (0..self.len()).map(|i| self.row(i))
    }
}

impl<'t> Row<'t> {
    /// Number of cells in this row.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Cell `column` (0-based); `""` past the end of a short row.
    pub fn cell(&self, column: usize) -> &'t str {
        if column >= self.ends.len() {
            return "";
        }
        let start = if column == 0 {
            self.start
        } else {
            self.ends[column - 1]
        };
        &self.text[start as usize..self.ends[column] as usize]
    }

    pub fn cells(&self) -> impl Iterator<Item = &'t str> + '_ {
        (0..self.len()).map(|c| self.cell(c))
    }

    /// A row whose cells are all empty or white space.
    pub fn is_blank(&self) -> bool {
        // The cells are contiguous: one scan of their text, which stops at the first
        // character of a row that is not blank (almost always its first).
        let end = self.ends.last().copied().unwrap_or(self.start);
        self.text[self.start as usize..end as usize]
            .chars()
            .all(char::is_whitespace)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ragged_rows_keep_their_cells() {
        let mut t = Table::new();
        for c in ["a", "", "ccc"] {
            t.push_cell(c);
        }
        t.end_row(1);
        t.end_row(2);
        t.push_cell("张伟");
        t.end_row(4);
        assert_eq!(t.len(), 3);
        let r = t.row(0);
        assert_eq!(
            (r.number, r.cell(0), r.cell(1), r.cell(2), r.cell(9)),
            (1, "a", "", "ccc", "")
        );
        assert!(t.row(1).is_empty());
        assert_eq!((t.row(2).number, t.row(2).cell(0)), (4, "张伟"));
    }

    #[test]
    fn trim_row_drops_trailing_empty_cells_of_the_open_row() {
        let mut t = Table::new();
        for c in ["", "a", "", ""] {
            t.push_cell(c);
        }
        assert_eq!(t.trim_row(), 2);
        t.end_row(1);
        for c in ["", ""] {
            t.push_cell(c);
        }
        assert_eq!(t.trim_row(), 0);
        t.end_row(2);
        t.push_cell("b");
        assert_eq!(t.trim_row(), 1);
        t.end_row(3);
        let rows: Vec<Vec<&str>> = t.rows().map(|r| r.cells().collect()).collect();
        assert_eq!(rows, [vec!["", "a"], vec![], vec!["b"]]);
    }
}
