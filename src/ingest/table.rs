//! A table of text cells held in one buffer: no allocation per cell. A table read from
//! delimited text keeps that text and its cells where they lie in it: no copy of the file.

/// Rows of text cells as read from one file or sheet; a row may be shorter or longer than its
/// neighbours (ragged files are common).
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Sheet name for spreadsheets.
    pub sheet: Option<String>,
    /// A delimited file's own text, whose cells lie in it between its delimiters and line ends
    /// ([`Table::over_text`], [`Table::finish_text`]); empty for a spreadsheet.
    text: String,
    /// Offset of the first cell written by the table: `text`'s length.
    base: u32,
    /// Cells the table wrote itself (a spreadsheet's cells, a delimited file's quoted cells
    /// unescaped), end to end, at offsets from `base`.
    written: String,
    /// Start and end offset of each cell, row-major: in `text` below `base`, else in `written`.
    cells: Vec<(u32, u32)>,
    /// Index into `cells` where each row starts, plus one past the end.
    row_starts: Vec<u32>,
    /// The row number a spreadsheet shows (1-based) for each stored row.
    row_numbers: Vec<u32>,
    /// Rows whose few cells lie far apart (a stray cell in column XFD), stored without the
    /// empty cells between them: row index and the column of each stored cell, by row index.
    sparse: Vec<(u32, Box<[u32]>)>,
}

/// One row of a [`Table`].
#[derive(Debug, Clone, Copy)]
pub struct Row<'t> {
    /// The row number a spreadsheet shows (1-based).
    pub number: u32,
    text: &'t str,
    base: u32,
    written: &'t str,
    cells: &'t [(u32, u32)],
    /// For a sparse row, the column of each of `cells` (ascending).
    columns: Option<&'t [u32]>,
}

impl Table {
    pub fn new() -> Table {
        Table {
            row_starts: vec![0],
            ..Table::default()
        }
    }

    /// An empty table over a text of `len` bytes, handed over when the table is finished
    /// ([`Table::finish_text`]); `cells` is a guess of how many cells it holds.
    pub fn over_text(len: u32, cells: usize) -> Table {
        let mut table = Table::new();
        table.base = len;
        table.cells.reserve(cells);
        table
    }

    /// The text the cells of [`Table::push_split_at`] lie in: the text given to
    /// [`Table::over_text`], of that length.
    pub fn finish_text(&mut self, text: String) {
        debug_assert_eq!(text.len(), self.base as usize);
        self.text = text;
        // The cells were reserved by a guess: give back what it over-reserved (1M rows: 28 MB).
        self.cells.shrink_to_fit();
        self.row_starts.shrink_to_fit();
        self.row_numbers.shrink_to_fit();
    }

    /// Appends a cell to the row being built.
    pub fn push_cell(&mut self, cell: &str) {
        let start = self.base + self.written.len() as u32;
        self.written.push_str(cell);
        self.cells.push((start, start + cell.len() as u32));
    }

    /// Appends the cells of `line`, which lies at `offset` of the table's text, cut at each
    /// `delimiter` (ASCII): no copy.
    pub fn push_split_at(&mut self, offset: u32, line: &str, delimiter: u8) {
        let mut start = offset;
        for at in memchr::memchr_iter(delimiter, line.as_bytes()) {
            let end = offset + at as u32;
            self.cells.push((start, end));
            start = end + 1;
        }
        self.cells.push((start, offset + line.len() as u32));
    }

    /// The lengths of the cells of the row being built.
    pub fn open_cell_lens(&self) -> impl Iterator<Item = usize> + '_ {
        let row_start = self.row_starts.last().map_or(0, |&s| s as usize);
        let open = self.cells.get(row_start..).unwrap_or_default();
        open.iter().map(|&(start, end)| (end - start) as usize)
    }

    /// Drops the empty cells at the end of the row being built; returns how many cells it
    /// keeps.
    pub fn trim_row(&mut self) -> usize {
        let row_start = self.row_starts.last().map_or(0, |&s| s as usize);
        while self.cells.len() > row_start && self.cells.last().is_some_and(|(s, e)| s == e) {
            self.cells.pop();
        }
        self.cells.len() - row_start
    }

    /// Appends a whole row of non-empty cells given with their columns (ascending), stored
    /// without the empty cells between them.
    pub fn push_sparse_row<'c>(
        &mut self,
        cells: impl Iterator<Item = (u32, &'c str)>,
        number: u32,
    ) {
        let columns: Box<[u32]> = cells
            .map(|(column, cell)| {
                self.push_cell(cell);
                column
            })
            .collect();
        self.sparse.push((self.row_numbers.len() as u32, columns));
        self.end_row(number);
    }

    /// Closes the row being built as spreadsheet row `number`.
    pub fn end_row(&mut self, number: u32) {
        if self.row_starts.is_empty() {
            self.row_starts.push(0);
        }
        self.row_starts.push(self.cells.len() as u32);
        self.row_numbers.push(number);
    }

    /// Bytes of text held: the cells' (and, for delimited text, the file's delimiters and
    /// line ends), bounded by the caller's limits, well under `u32::MAX`.
    pub fn text_len(&self) -> usize {
        self.base as usize + self.written.len()
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
        let columns = match self.sparse.is_empty() {
            true => None, // the usual table: no search
            false => self
                .sparse
                .binary_search_by_key(&(index as u32), |(row, _)| *row)
                .ok()
                .map(|found| &*self.sparse[found].1),
        };
        Row {
            number: self.row_numbers[index],
            text: &self.text,
            base: self.base,
            written: &self.written,
            cells: &self.cells[first..last],
            columns,
        }
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        (0..self.len()).map(|i| self.row(i))
    }
}

/// Tables are equal when they hold the same sheet name and rows: numbers and cells, however
/// their text is laid out.
impl PartialEq for Table {
    fn eq(&self, other: &Table) -> bool {
        self.sheet == other.sheet
            && self.len() == other.len()
            && self
                .rows()
                .zip(other.rows())
                .all(|(a, b)| a.number == b.number && a.len() == b.len() && a.cells().eq(b.cells()))
    }
}

impl<'t> Row<'t> {
    /// Number of cells in this row, up to its last (empty cells between included).
    pub fn len(&self) -> usize {
        match self.columns {
            Some(columns) => columns.last().map_or(0, |&c| c as usize + 1),
            None => self.cells.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Cell `column` (0-based); `""` past the end of a short row.
    pub fn cell(&self, column: usize) -> &'t str {
        let stored = match self.columns {
            Some(columns) => u32::try_from(column)
                .ok()
                .and_then(|c| columns.binary_search(&c).ok()),
            None => Some(column),
        };
        match stored.and_then(|i| self.cells.get(i)) {
            Some(&span) => self.text_of(span),
            None => "",
        }
    }

    fn text_of(&self, (start, end): (u32, u32)) -> &'t str {
        match start < self.base {
            true => &self.text[start as usize..end as usize],
            false => &self.written[(start - self.base) as usize..(end - self.base) as usize],
        }
    }

    pub fn cells(&self) -> impl Iterator<Item = &'t str> + '_ {
        (0..self.len()).map(|c| self.cell(c))
    }

    /// A row whose cells are all empty or white space.
    pub fn is_blank(&self) -> bool {
        // Stops at the first character that is not blank, almost always the first one. The
        // stored cells are all there is (a sparse row stores no empty ones).
        self.cells
            .iter()
            .all(|&span| self.text_of(span).chars().all(char::is_whitespace))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finished_text_table_holds_no_spare_cells() {
        let text = "a,b\nc,d\n";
        let mut t = Table::over_text(text.len() as u32, 100);
        t.push_split_at(0, "a,b", b',');
        t.end_row(1);
        t.finish_text(text.to_string());
        assert_eq!((t.cells.len(), t.cells.capacity()), (2, 2));
    }

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
