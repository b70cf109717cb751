//! Where exported rows go: one streaming interface over CSV and XLSX, so the roster and the
//! findings are each written once, and made formula-safe in one place: a CSV cell that could be
//! evaluated gets a leading `'` ([`neutralise`]: the spec's "no cell begins with a live
//! formula", for the template's own cells too); an XLSX cell is text in the text number format
//! (`@`), which Excel and LibreOffice never evaluate, not even when it is edited, so it is
//! written as it is (a `'` there would be part of the value the wizard reads).

use crate::error::Error;

use super::neutralise;

/// What a row is, for the spreadsheet's looks (CSV ignores it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowKind {
    /// Above the header (instructions): written as is, not measured for column widths.
    Preamble,
    /// The header: bold.
    Header,
    Data,
}

/// A writer of sheets of text rows. Call order: `sheet`, then for each row `row`, `cell`s,
/// `end_row`; then `finish`.
pub(crate) trait Sink {
    /// The format holds a single sheet (CSV).
    const ONE_SHEET: bool;

    /// Starts a sheet (CSV holds one: it ignores the name).
    fn sheet(&mut self, name: &str) -> Result<(), Error>;
    /// Starts a row; `at` is its 0-based position in the sheet when it should keep one (a
    /// spreadsheet template's blank rows), else it follows the previous row.
    fn row(&mut self, at: Option<u32>, kind: RowKind) -> Result<(), Error>;
    /// Writes the next cell of the row, formula-safe.
    fn cell(&mut self, text: &str) -> Result<(), Error>;
    fn end_row(&mut self) -> Result<(), Error>;
    fn finish(self) -> Result<Vec<u8>, Error>;

    /// A whole row of cells.
    fn cells<'a, I: IntoIterator<Item = &'a str>>(
        &mut self,
        kind: RowKind,
        cells: I,
    ) -> Result<(), Error> {
        self.row(None, kind)?;
        for c in cells {
            self.cell(c)?;
        }
        self.end_row()
    }
}

/// UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting (only where needed): the bytes the `csv`
/// crate's writer gives with its defaults (a test compares them), written directly.
pub(crate) struct CsvSink {
    out: Vec<u8>,
    /// Where the row being written starts in `out`, and how many cells it has.
    row_start: usize,
    cells: usize,
}

impl CsvSink {
    /// `size_hint`: the expected output size in bytes, to allocate once.
    pub(crate) fn new(size_hint: usize) -> CsvSink {
        let mut out = Vec::with_capacity(size_hint.saturating_add(3));
        out.extend_from_slice(b"\xEF\xBB\xBF");
        CsvSink {
            row_start: out.len(),
            out,
            cells: 0,
        }
    }
}

impl CsvSink {
    /// Room for `bytes` more, grown by an eighth when the size hint falls short rather than
    /// doubled (`Vec`'s own step): a 64 MB roster a little over its hint then takes 72 MB, not
    /// 128, and a wasm memory never gives back what it grew by.
    fn make_room(&mut self, bytes: usize) {
        if self.out.capacity() - self.out.len() < bytes {
            self.out.reserve_exact(bytes.max(self.out.len() / 8));
        }
    }
}

impl Sink for CsvSink {
    const ONE_SHEET: bool = true;

    fn sheet(&mut self, _name: &str) -> Result<(), Error> {
        Ok(())
    }

    fn row(&mut self, _at: Option<u32>, _kind: RowKind) -> Result<(), Error> {
        Ok(())
    }

    fn cell(&mut self, text: &str) -> Result<(), Error> {
        let text = neutralise(text);
        let bytes = text.as_bytes();
        // The most a cell can take: a comma, every byte a quote doubled, its own quotes.
        self.make_room(2 * bytes.len() + 3);
        if self.cells > 0 {
            self.out.push(b',');
        }
        self.cells += 1;
        if !bytes
            .iter()
            .any(|&b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
        {
            self.out.extend_from_slice(bytes);
            return Ok(());
        }
        self.out.push(b'"');
        for part in bytes.split_inclusive(|&b| b == b'"') {
            self.out.extend_from_slice(part);
            if part.last() == Some(&b'"') {
                self.out.push(b'"');
            }
        }
        self.out.push(b'"');
        Ok(())
    }

    fn end_row(&mut self) -> Result<(), Error> {
        self.make_room(4);
        // A row of nothing (no cell, or one empty cell) is written `""`, so it is not read as
        // a blank line.
        if self.out.len() == self.row_start {
            self.out.extend_from_slice(b"\"\"");
        }
        self.out.extend_from_slice(b"\r\n");
        self.row_start = self.out.len();
        self.cells = 0;
        Ok(())
    }

    fn finish(self) -> Result<Vec<u8>, Error> {
        Ok(self.out)
    }
}

#[cfg(feature = "xlsx")]
pub(crate) use xlsx::XlsxSink;

#[cfg(feature = "xlsx")]
mod xlsx {
    use super::super::xlsx::{SheetLook, Style, Workbook, MAX_COLUMNS, MAX_ROWS};
    use super::{Error, RowKind, Sink};
    use crate::error::Problem;

    /// Column widths are sized from this many rows of each sheet.
    const MEASURED_ROWS: u32 = 2_000;
    const MIN_WIDTH: u16 = 8;
    const MAX_WIDTH: u16 = 60;

    /// Every cell a string, a bold header, columns formatted as text and sized to their
    /// content, sheet names kept when Excel accepts them.
    pub(crate) struct XlsxSink {
        workbook: Workbook,
        in_sheet: bool,
        /// Position of the current row and of the next cell.
        row: Option<u32>,
        next_row: u32,
        col: u16,
        kind: RowKind,
        header_row: Option<u32>,
        widths: Vec<u16>,
        measured: u32,
        /// Freeze the rows above the first data row (the default layouts).
        freeze: bool,
    }

    /// Columns a cell takes on screen: CJK and other wide characters count two.
    fn display_width(text: &str) -> usize {
        if text.is_ascii() {
            return text.len();
        }
        text.chars()
            .map(|c| if c < '\u{1100}' { 1 } else { 2 })
            .sum()
    }

    impl XlsxSink {
        pub(crate) fn new(freeze: bool) -> XlsxSink {
            XlsxSink {
                workbook: Workbook::new(),
                in_sheet: false,
                row: None,
                next_row: 0,
                col: 0,
                kind: RowKind::Data,
                header_row: None,
                widths: Vec::new(),
                measured: 0,
                freeze,
            }
        }

        /// Sizes and formats the columns of the sheet being written, and ends it.
        fn close_sheet(&mut self) -> Result<(), Error> {
            if !std::mem::take(&mut self.in_sheet) {
                return Ok(());
            }
            let widths = self
                .widths
                .iter()
                .map(|w| Some(f64::from(w.clamp(&MIN_WIDTH, &MAX_WIDTH) + 1)))
                .collect();
            let freeze_rows = match (self.freeze, self.header_row) {
                (true, Some(header)) => header + 1,
                _ => 0,
            };
            self.workbook.close_sheet(&SheetLook {
                widths,
                freeze_rows,
            })
        }
    }

    impl Sink for XlsxSink {
        const ONE_SHEET: bool = false;

        fn sheet(&mut self, name: &str) -> Result<(), Error> {
            self.close_sheet()?;
            // A name Excel refuses (too long, `[]:*?/\`, taken) falls back to `SheetN`.
            self.workbook.sheet(name)?;
            self.in_sheet = true;
            self.row = None;
            self.next_row = 0;
            self.header_row = None;
            self.widths.clear();
            self.measured = 0;
            Ok(())
        }

        fn row(&mut self, at: Option<u32>, kind: RowKind) -> Result<(), Error> {
            if !self.in_sheet {
                self.sheet("Sheet1")?;
            }
            // Positions only ever move down, so rows cannot overwrite each other.
            let row = at.map_or(self.next_row, |at| at.max(self.next_row));
            if row >= MAX_ROWS {
                return Err(Error::call(Problem::XlsxTooManyRows { max: MAX_ROWS }));
            }
            if kind == RowKind::Header && self.header_row.is_none() {
                self.header_row = Some(row);
            }
            self.row = Some(row);
            self.col = 0;
            self.kind = kind;
            Ok(())
        }

        fn cell(&mut self, text: &str) -> Result<(), Error> {
            let Some(row) = self.row else {
                return Err(Error::call(Problem::ExportFailed {
                    detail: "a cell outside a row".into(),
                }));
            };
            let col = self.col;
            if col >= MAX_COLUMNS {
                return Err(Error::call(Problem::XlsxTooManyColumns {
                    max: u32::from(MAX_COLUMNS),
                }));
            }
            self.col += 1;
            if text.is_empty() {
                return Ok(());
            }
            // Text in the `@` format is never evaluated (module doc): written as it is.
            if self.kind != RowKind::Preamble && self.measured < MEASURED_ROWS {
                let i = col as usize;
                if self.widths.len() <= i {
                    self.widths.resize(i + 1, 0);
                }
                let w = display_width(text).min(usize::from(MAX_WIDTH)) as u16;
                self.widths[i] = self.widths[i].max(w);
            }
            let style = if self.kind == RowKind::Header {
                Style::BoldText
            } else {
                Style::Text
            };
            self.workbook.cell(row, col, text, style)
        }

        fn end_row(&mut self) -> Result<(), Error> {
            if let Some(row) = self.row.take() {
                self.next_row = row + 1;
                if self.kind != RowKind::Preamble {
                    self.measured += 1;
                }
            }
            Ok(())
        }

        fn finish(mut self) -> Result<Vec<u8>, Error> {
            self.close_sheet()?;
            self.workbook.finish()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(rows: &[&[&str]]) -> String {
        let mut sink = CsvSink::new(0);
        for r in rows {
            sink.cells(RowKind::Data, r.iter().copied()).unwrap();
        }
        String::from_utf8(sink.finish().unwrap()).unwrap()
    }

    #[test]
    fn csv_has_bom_crlf_and_rfc4180_quoting() {
        let out = csv(&[&["a", "b,c", "say \"hi\""], &[], &["line\nbreak", "", "x"]]);
        assert_eq!(
            out,
            "\u{feff}a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"\"\r\n\"line\nbreak\",,x\r\n"
        );
    }

    proptest::proptest! {
        #[test]
        fn csv_is_what_the_csv_crate_writes(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a,\"\r\n =@张]{0,4}", 0..4),
                0..5,
            )
        ) {
            let mut expected = csv::WriterBuilder::new()
                .flexible(true)
                .terminator(csv::Terminator::CRLF)
                .from_writer(b"\xEF\xBB\xBF".to_vec());
            for r in &rows {
                expected
                    .write_record(r.iter().map(|c| neutralise(c).into_owned()))
                    .unwrap();
            }
            let expected = expected.into_inner().unwrap();
            let mut sink = CsvSink::new(0);
            for r in &rows {
                sink.cells(RowKind::Data, r.iter().map(String::as_str)).unwrap();
            }
            proptest::prop_assert_eq!(sink.finish().unwrap(), expected);
        }
    }

    #[test]
    fn csv_past_its_hint_grows_by_an_eighth_not_double() {
        let mut sink = CsvSink::new(1000);
        // ~1.1 MB of rows: doubling from the hint would hold 2 MB at the end.
        for _ in 0..20_000 {
            let cells = [
                "someone@example.com",
                "张三",
                "成员邮箱",
                "zhangsan",
                "微信ID",
            ];
            sink.cells(RowKind::Data, cells).unwrap();
        }
        let out = sink.finish().unwrap();
        assert!(out.len() > 1_000_000, "{}", out.len());
        assert!(
            out.capacity() <= out.len() + out.len() / 8 + 64,
            "{} bytes in {} of capacity",
            out.len(),
            out.capacity()
        );
    }

    #[test]
    fn csv_cells_are_neutralised() {
        let out = csv(&[&["=HYPERLINK(\"x\")", "ok"]]);
        assert_eq!(out, "\u{feff}\"'=HYPERLINK(\"\"x\"\")\",ok\r\n");
    }
}
