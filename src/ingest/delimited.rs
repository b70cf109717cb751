//! Delimited text (CSV, TSV, semicolon-separated) → [`Table`], with the row numbers a
//! spreadsheet would show.
//!
//! Records are read as the `csv` crate reads them (its defaults: RFC 4180 quotes, any of CR,
//! LF and CRLF ends a record, blank lines skipped, a UTF-8 BOM at the start dropped), in two
//! ways: a line without a quote — nearly every line of a console export — is split at its
//! delimiters where it lies, and cells go straight from the text into the table; a record with
//! a quote goes through csv-core, whose quoted cells may hold delimiters, doubled quotes and
//! line breaks. Blank lines count as rows for a spreadsheet, so row numbers are counted from
//! line breaks minus those inside quoted cells.

use std::borrow::Cow;

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

use super::{Format, Table};
use crate::error::{Column, Error, Problem};
use crate::{options::Limits, vocab::FileKind};

/// How many lines the delimiter sniffer looks at.
const SNIFF_LINES: usize = 30;

const BOM: &[u8] = "\u{feff}".as_bytes();

/// Parses decoded text into a table. The delimiter is sniffed from the first lines.
pub fn parse(text: &str, file: FileKind, limits: &Limits) -> Result<(Table, Format), Error> {
    parse_text(Cow::Borrowed(text), file, limits)
}

/// [`parse`], keeping `text` in the table (its cells are spans of it): an owned text is not
/// copied at all.
pub fn parse_text(
    text: Cow<'_, str>,
    file: FileKind,
    limits: &Limits,
) -> Result<(Table, Format), Error> {
    let (mut table, format) = split(&text, file, limits)?;
    table.finish_text(text.into_owned());
    Ok((table, format))
}

fn split(text: &str, file: FileKind, limits: &Limits) -> Result<(Table, Format), Error> {
    let len = fits_a_table(text, file)?;
    let (delimiter, format) = sniff(text);
    let bytes = text.as_bytes();
    let mut records = Records::new(text, delimiter);
    // Cells of a console export are ~10 bytes with their delimiter: one reservation, not a
    // doubling vector copied a dozen times.
    let mut table = Table::over_text(len, text.len() / 10);
    let mut numbers = RowNumbers::default();
    let mut rows: usize = 0;
    // First byte and row number of the last record read.
    let mut last = (0usize, 0u32);

    while let Some(record) = records.next_record() {
        rows += 1;
        if rows > limits.max_rows {
            // Keep counting (cheaply, without storing) so the refusal says how many rows.
            while records.next_record().is_some() {
                rows += 1;
            }
            return Err(Error::limit(file, "max_rows", limits.max_rows, rows));
        }

        let first = record.first;
        // A line without a quote holds no line break: counting may resume at its end.
        let number = numbers.next(bytes, first, record.plain_end.unwrap_or(first));
        last = (first, number);

        numbers.embedded += record.embedded_breaks();
        match record.cells {
            Cells::Plain {
                offset,
                line,
                delimiter,
            } => table.push_split_at(offset, line, delimiter),
            Cells::Quoted { text, ends } => {
                quoted_cells(text, ends).for_each(|cell| table.push_cell(cell))
            }
        }
        // Trailing empty cells carry nothing; Excel pads some exports with thousands of them.
        let width = table.trim_row();
        // The first cell over the size limit; reported after the width, as a row too wide
        // is the bigger problem.
        let too_big = table
            .open_cell_lens()
            .enumerate()
            .find(|&(_, len)| len > limits.max_cell_bytes);
        if width > limits.max_columns {
            return Err(too_wide(file, number, width, limits));
        }
        if let Some((column, len)) = too_big {
            let rest = bytes.get(first..).unwrap_or_default();
            if let Some(quoted) = unterminated_quote(rest, delimiter) {
                return Err(quote_never_closed(file, number, quoted, rest));
            }
            return Err(cell_too_big(file, number, column, len, limits));
        }
        table.end_row(number);
    }
    if rows > 0 {
        no_open_quote_after(bytes, last, delimiter, file)?;
    }
    Ok((table, format))
}

/// A table addresses its text with 32-bit offsets, whatever the limits were raised to: the
/// text's length, and room after it for the quoted cells the table writes itself.
fn fits_a_table(text: &str, file: FileKind) -> Result<u32, Error> {
    match text.len().checked_mul(2).map(u32::try_from) {
        Some(Ok(_)) => Ok(text.len() as u32),
        _ => Err(Error::limit(
            file,
            "max_input_bytes",
            u32::MAX as usize / 2,
            text.len(),
        )),
    }
}

/// Row numbers as a spreadsheet shows them: the line breaks (LF, CRLF or a lone CR) before a
/// record's first byte, less those inside quoted cells of the records before it, which do not
/// start rows.
#[derive(Debug, Default)]
struct RowNumbers {
    /// Breaks counted so far, up to `counted_to`.
    breaks_before: u64,
    counted_to: usize,
    /// Breaks inside the quoted cells of the records read so far.
    embedded: u64,
}

impl RowNumbers {
    /// The number of the record whose first byte is `first`; the text up to `clean_to` (at
    /// least `first`) is known to hold no line break, so counting may resume there.
    fn next(&mut self, bytes: &[u8], first: usize, clean_to: usize) -> u32 {
        let span = bytes.get(self.counted_to..first).unwrap_or_default();
        self.breaks_before += breaks(span, bytes.get(first).copied());
        self.counted_to = self.counted_to.max(clean_to);
        let number = 1 + self.breaks_before.saturating_sub(self.embedded);
        u32::try_from(number).unwrap_or(u32::MAX)
    }
}

fn too_wide(file: FileKind, row: u32, width: usize, limits: &Limits) -> Error {
    let problem = Problem::TooManyColumns {
        row,
        columns: width,
        max: limits.max_columns,
    };
    Error::refused(file, problem)
}

/// A quote that is never closed swallows every line after it into one cell: refuse rather than
/// lose those rows without a word. `last`: the first byte and number of the last record.
fn no_open_quote_after(
    bytes: &[u8],
    (first, number): (usize, u32),
    delimiter: u8,
    file: FileKind,
) -> Result<(), Error> {
    let rest = bytes.get(first..).unwrap_or_default();
    match unterminated_quote(rest, delimiter) {
        Some(quoted) => Err(quote_never_closed(file, number, quoted, rest)),
        None => Ok(()),
    }
}

/// The records of a text, one at a time.
struct Records<'a> {
    text: &'a str,
    delimiter: u8,
    /// Where the search for the next record begins (after the last record's end).
    position: usize,
    /// Records with a quote, read by csv-core.
    quoted: Quoted,
}

/// One record: where it starts and its cells.
struct Record<'r> {
    /// Its first byte: where a spreadsheet row starts (past blank lines, not past a BOM).
    first: usize,
    /// For a line without a quote, the offset of its end (its line break, or the text's end).
    plain_end: Option<usize>,
    cells: Cells<'r>,
}

enum Cells<'r> {
    /// A line without a quote, at `offset` of the text: the cells are the text between its
    /// delimiters.
    Plain {
        offset: u32,
        line: &'r str,
        delimiter: u8,
    },
    /// A record read by csv-core: its cells' text, end to end, and where each cell ends.
    Quoted { text: &'r str, ends: &'r [usize] },
}

impl<'a> Records<'a> {
    fn new(text: &'a str, delimiter: u8) -> Records<'a> {
        Records {
            text,
            delimiter,
            position: 0,
            quoted: Quoted::new(delimiter),
        }
    }

    fn next_record(&mut self) -> Option<Record<'_>> {
        let bytes = self.text.as_bytes();
        let first = first_content_byte(bytes, self.position);
        // The BOM a text may start with is no cell, but the row starts before it.
        let start = match self.position == 0 && bytes.starts_with(BOM) {
            true => first_content_byte(bytes, BOM.len()),
            false => first,
        };
        let rest = bytes.get(start..).filter(|r| !r.is_empty())?;
        match memchr::memchr3(b'\n', b'\r', b'"', rest) {
            Some(at) if rest[at] == b'"' => {
                let (consumed, text, ends) = self.quoted.read(rest);
                self.position = start + consumed;
                Some(Record {
                    first,
                    plain_end: None,
                    cells: Cells::Quoted { text, ends },
                })
            }
            found => {
                let end = start + found.unwrap_or(rest.len());
                self.position = end;
                Some(Record {
                    first,
                    // Blank lines between a BOM and the first line are not in the line.
                    plain_end: (start == first).then_some(end),
                    cells: Cells::Plain {
                        // Within u32: the text fits a table (`fits_a_table`).
                        offset: start as u32,
                        line: self.text.get(start..end).unwrap_or_default(),
                        delimiter: self.delimiter,
                    },
                })
            }
        }
    }
}

impl Record<'_> {
    /// Line breaks inside the record's cells (only quoted cells hold any).
    fn embedded_breaks(&self) -> u64 {
        match self.cells {
            Cells::Plain { .. } => 0,
            Cells::Quoted { text, ends } => quoted_cells(text, ends)
                .map(|cell| breaks(cell.as_bytes(), None))
                .sum(),
        }
    }
}

/// The cells of a record read by csv-core: `text` cut at `ends`.
fn quoted_cells<'r>(text: &'r str, ends: &'r [usize]) -> impl Iterator<Item = &'r str> + 'r {
    let mut start = 0;
    ends.iter().map(move |&end| {
        let cell = text.get(start..end).unwrap_or_default();
        start = end;
        cell
    })
}

/// csv-core for records with a quote, with the buffers it writes their cells to.
struct Quoted {
    reader: Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
}

impl Quoted {
    fn new(delimiter: u8) -> Quoted {
        let mut reader = ReaderBuilder::new().delimiter(delimiter).build();
        // csv-core drops a BOM at the start of the first input it is given; records reach it
        // from anywhere in the text, where a BOM is a character (the text's own is handled by
        // `Records`). One line break read from nowhere uses that up.
        let _ = reader.read_record(b"\n", &mut [0; 1], &mut [0; 1]);
        Quoted {
            reader,
            out: vec![0; 1024],
            ends: vec![0; 64],
        }
    }

    /// Reads the record at the start of `input`: how many bytes it took, its cells' text and
    /// their ends.
    fn read(&mut self, input: &[u8]) -> (usize, &str, &[usize]) {
        let (mut consumed, mut written, mut ended) = (0, 0, 0);
        loop {
            let rest = input.get(consumed..).unwrap_or_default();
            let out = self.out.get_mut(written..).unwrap_or_default();
            let ends = self.ends.get_mut(ended..).unwrap_or_default();
            let (result, nin, nout, nend) = self.reader.read_record(rest, out, ends);
            consumed += nin;
            written += nout;
            ended += nend;
            match result {
                // The record runs to the end of the text: an empty input ends it.
                ReadRecordResult::InputEmpty if rest.is_empty() => break,
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => self.out.resize(self.out.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record | ReadRecordResult::End => break,
            }
        }
        let cells = self.out.get(..written).unwrap_or_default();
        debug_assert!(std::str::from_utf8(cells).is_ok());
        // SAFETY: `input` is part of a `&str`. csv-core splits it only at ASCII bytes (the
        // sniffed delimiter `,` `;` or tab, `"`, CR, LF) and only drops ASCII quote bytes,
        // while every byte of a multi-byte UTF-8 character is ≥ 0x80: so each cell, and their
        // concatenation, is made of whole characters of the input.
        let text = unsafe { std::str::from_utf8_unchecked(cells) };
        (consumed, text, self.ends.get(..ended).unwrap_or_default())
    }
}

/// Where a quoted cell opens and never closes in `record` (the text from a record's first
/// byte to the end): `(column, offset of the quote)`, 0-based. Follows csv-core: a quote opens
/// a cell only as its first byte, `""` inside is a literal quote.
fn unterminated_quote(record: &[u8], delimiter: u8) -> Option<(usize, usize)> {
    let (mut column, mut field_start, mut opened) = (0usize, true, None);
    let mut i = 0;
    while let Some(&b) = record.get(i) {
        if opened.is_some() {
            if b == b'"' {
                if record.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    opened = None;
                }
            }
        } else if b == b'"' && field_start {
            opened = Some(i);
            field_start = false;
        } else if b == delimiter {
            column += 1;
            field_start = true;
        } else if b == b'\n' || b == b'\r' {
            column = 0;
            field_start = true;
        } else {
            field_start = false;
        }
        i += 1;
    }
    opened.map(|at| (column, at))
}

fn quote_never_closed(
    file: FileKind,
    row: u32,
    (column, at): (usize, usize),
    rest: &[u8],
) -> Error {
    let swallowed = rest.get(at..).unwrap_or_default();
    let end = swallowed
        .iter()
        .rposition(|&b| b != b'\n' && b != b'\r')
        .map_or(0, |i| i + 1);
    // The quote's own line and every line after it.
    let lines = breaks(swallowed.get(..end).unwrap_or_default(), None) as usize + 1;
    let problem = Problem::UnclosedQuote {
        row,
        column: Column(column),
        lines,
    };
    Error::refused(file, problem)
}

fn cell_too_big(file: FileKind, row: u32, column: usize, len: usize, limits: &Limits) -> Error {
    let problem = Problem::CellTooLarge {
        row,
        column: Column(column),
        bytes: len,
        max: limits.max_cell_bytes,
    };
    Error::refused(file, problem)
}

/// The offset of the first byte at or after `at` that is not a line break (where a record
/// starts, after blank lines).
fn first_content_byte(bytes: &[u8], at: usize) -> usize {
    let start = at.min(bytes.len());
    let rest = bytes.get(start..).unwrap_or_default();
    start
        + rest
            .iter()
            .position(|&b| b != b'\n' && b != b'\r')
            .unwrap_or(rest.len())
}

/// Line breaks in `bytes` as a spreadsheet counts them: LF, CRLF (once) and a lone CR.
/// `next` is the byte after the slice, which decides whether a final CR is half of a CRLF.
fn breaks(bytes: &[u8], next: Option<u8>) -> u64 {
    let mut n = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
    if bytes.contains(&b'\r') {
        // Pairs of neighbours, written so the compiler can vectorise it (CRLF files are common).
        let pairs = bytes.iter().zip(bytes.get(1..).unwrap_or_default());
        n += pairs.filter(|&(&a, &b)| a == b'\r' && b != b'\n').count() as u64;
        if bytes.last() == Some(&b'\r') && next != Some(b'\n') {
            n += 1;
        }
    }
    n
}

/// Picks the delimiter that occurs most often outside quotes in the first lines: tab, then
/// semicolon, then comma wins ties; comma when none occurs.
fn sniff(text: &str) -> (u8, Format) {
    let (mut tabs, mut semicolons, mut commas) = (0usize, 0usize, 0usize);
    let mut lines = 0;
    let mut quoted = false;
    for &b in text.as_bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\t' if !quoted => tabs += 1,
            b';' if !quoted => semicolons += 1,
            b',' if !quoted => commas += 1,
            b'\n' | b'\r' if !quoted => {
                lines += 1;
                if lines >= SNIFF_LINES {
                    break;
                }
            }
            _ => {}
        }
    }
    if tabs > 0 && tabs >= semicolons && tabs >= commas {
        (b'\t', Format::Tsv)
    } else if semicolons > 0 && semicolons >= commas {
        (b';', Format::Ssv)
    } else {
        (b',', Format::Csv)
    }
}

#[cfg(test)]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(u32, Vec<String>)> {
        let (t, _) = parse(text, FileKind::Exmail, &Limits::default()).unwrap();
        t.rows()
            .map(|r| (r.number, r.cells().map(str::to_string).collect()))
            .collect()
    }

    fn numbers(text: &str) -> Vec<u32> {
        rows(text).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn row_numbers_count_blank_lines_and_not_quoted_breaks() {
        assert_eq!(numbers("a,b\nc,d\n"), [1, 2]);
        assert_eq!(numbers("a,b\n\n\nc,d\n"), [1, 4]);
        assert_eq!(numbers("\n\na,b\nc,d"), [3, 4]);
        assert_eq!(numbers("a,\"x\ny\nz\"\nc,d\n\ne"), [1, 2, 4]);
        assert_eq!(numbers("a,b\r\n\r\n\"1\r\n2\",3\r\nc\r\n"), [1, 3, 4]);
        assert_eq!(numbers("a,b\r\rc,\"x\ry\"\rd"), [1, 3, 4]);
        // Mixed line ends: a lone CR inside an LF file is a row break too.
        assert_eq!(numbers("\na\ra\r\nb\n\r\nc"), [2, 3, 4, 6]);
        // Found by fuzzing (rows were numbered 1, 1 before the hand count).
        assert_eq!(numbers("u\ru\n"), [1, 2]);
        assert_eq!(numbers("a\rb\r\nc\n\rd\r\r\ne"), [1, 2, 3, 5, 7]);
        assert_eq!(numbers("a,\"x\r\ny\"\rb\nc"), [1, 2, 3]);
        assert_eq!(
            rows("a,\"x\ny\"\n")[0].1,
            vec!["a".to_string(), "x\ny".to_string()]
        );
    }

    #[test]
    fn delimiters_are_sniffed() {
        let fmt = |t: &str| parse(t, FileKind::Wecom, &Limits::default()).unwrap().1;
        assert_eq!(fmt("a\tb,c\nd\te"), Format::Tsv);
        assert_eq!(fmt("a;b;c\n1;2;3"), Format::Ssv);
        assert_eq!(fmt("姓名,所在部门\n张伟,1;2;3\n李娜,1\n"), Format::Csv);
        assert_eq!(fmt("\"a;b\",c\n"), Format::Csv);
        assert_eq!(fmt("single"), Format::Csv);
    }

    #[test]
    fn ragged_and_trailing_empty_cells() {
        let r = rows("a,b,c\nd\ne,f,,,,\n");
        assert_eq!(r[1].1, vec!["d".to_string()]);
        assert_eq!(r[2].1, vec!["e".to_string(), "f".to_string()]);
    }

    #[test]
    fn limits_name_row_and_limit() {
        let small = Limits {
            max_rows: 2,
            max_columns: 3,
            max_cell_bytes: 4,
            ..Limits::default()
        };
        let e = |t: &str| parse(t, FileKind::Roster, &small).unwrap_err().to_string();
        let rows = e("a\nb\nc\nd\n");
        assert!(
            rows.contains("max_rows = 2") && rows.contains("4"),
            "{rows}"
        );
        let cols = e("a\nb,c,d,e\n");
        assert!(
            cols.contains("row 2") && cols.contains("max_columns = 3"),
            "{cols}"
        );
        let cell = e("a\n\nb,ccccc\n");
        assert!(
            cell.contains("row 3, column 2") && cell.contains("max_cell_bytes = 4"),
            "{cell}"
        );
    }

    #[test]
    fn unterminated_quote_is_refused() {
        let e = parse("a,b\nc,\"open\nd,e\n", FileKind::Wecom, &Limits::default())
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("wecom file: row 2, column 2: a quote")
                && e.contains("the 2 line(s) from there"),
            "{e}"
        );
        assert_eq!(unterminated_quote(b"a,\"b\"\"\n", b','), Some((1, 2)));
        assert_eq!(unterminated_quote(b"a,\"b\"\"\"\n", b','), None);
        assert_eq!(unterminated_quote(b"a,b\"\n", b','), None);
        assert_eq!(unterminated_quote(b"a\t\"b", b'\t'), Some((1, 2)));
        assert_eq!(rows("a,\"b\"\"c\"\n")[0].1, ["a", "b\"c"]);
    }
}
