//! Delimited text (CSV, TSV, semicolon-separated) → [`Table`], with the row numbers a
//! spreadsheet would show.
//!
//! The `csv` crate does the parsing into one reused `ByteRecord`; cells go straight into the
//! table's single buffer. The csv crate skips blank lines, which a spreadsheet counts as rows,
//! so row numbers are recomputed from line positions minus the line breaks inside quoted cells.

use csv::{ByteRecord, ReaderBuilder};

use super::{Format, Table};
use crate::{options::Limits, report::FileKind, Error};

/// How many lines the delimiter sniffer looks at.
const SNIFF_LINES: usize = 30;

/// Parses decoded text into a table. The delimiter is sniffed from the first lines.
pub fn parse(text: &str, file: FileKind, limits: &Limits) -> Result<(Table, Format), Error> {
    // A table addresses its text with 32-bit offsets, whatever the limits were raised to.
    if u32::try_from(text.len()).is_err() {
        return Err(Error::limit(
            file,
            "max_input_bytes",
            u32::MAX as usize,
            text.len(),
        ));
    }
    let (delimiter, format) = sniff(text);
    let bytes = text.as_bytes();
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);

    let mut table = Table::new();
    let mut record = ByteRecord::new();
    // Line breaks (LF, CRLF or a lone CR, as a spreadsheet counts them) before the current
    // record's first byte, counted up to `counted_to`; and those inside quoted cells of the
    // records read so far, which do not start rows.
    let mut breaks_before: u64 = 0;
    let mut counted_to: usize = 0;
    let mut embedded: u64 = 0;
    let mut rows: usize = 0;
    // First byte and row number of the last record read.
    let mut last = (0usize, 0u32);

    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(Error::input(file, format!("cannot read the text: {e}"))),
        }
        rows += 1;
        if rows > limits.max_rows {
            // Keep counting (cheaply, without storing) so the refusal says how many rows.
            while let Ok(true) = reader.read_byte_record(&mut record) {
                rows += 1;
            }
            return Err(Error::limit(file, "max_rows", limits.max_rows, rows));
        }

        // csv-core counts only `\n` and reports where it began looking for the record, before
        // any blank lines it skipped: count the breaks by hand up to the record's first byte.
        let position = record.position().map_or(0, |p| p.byte());
        let first = first_content_byte(bytes, position);
        let span = bytes.get(counted_to..first).unwrap_or_default();
        breaks_before += breaks(span, bytes.get(first).copied());
        counted_to = counted_to.max(first);
        let number = 1 + breaks_before.saturating_sub(embedded);
        let number = u32::try_from(number).unwrap_or(u32::MAX);
        last = (first, number);

        let line = record_text(&record);
        // Trailing empty cells carry nothing; Excel pads some exports with thousands of them.
        let width = (0..record.len())
            .rev()
            .find(|&i| record.get(i).is_some_and(|f| !f.is_empty()))
            .map_or(0, |i| i + 1);
        if width > limits.max_columns {
            return Err(Error::input(
                file,
                format!(
                    "row {number}: {width} columns, over max_columns = {} (raise it in options.limits)",
                    limits.max_columns
                ),
            ));
        }
        // Only quoted cells hold line breaks; one scan of the record finds whether any does.
        let all = record.as_slice();
        if all.iter().any(|&b| b == b'\n' || b == b'\r') {
            embedded += record.iter().map(|field| breaks(field, None)).sum::<u64>();
        }
        let mut offset = 0;
        for (column, field) in record.iter().take(width).enumerate() {
            let cell = line.get(offset..offset + field.len()).unwrap_or_default();
            offset += field.len();
            if field.len() > limits.max_cell_bytes {
                let rest = bytes.get(first..).unwrap_or_default();
                if let Some(quoted) = unterminated_quote(rest, delimiter) {
                    return Err(quote_never_closed(file, number, quoted, rest));
                }
                return Err(cell_too_big(file, number, column, field.len(), limits));
            }
            table.push_cell(cell);
        }
        table.end_row(number);
    }
    // A quote that is never closed swallows every line after it into one cell: refuse rather
    // than lose those rows without a word.
    let (first, number) = last;
    let rest = bytes.get(first..).unwrap_or_default();
    if rows > 0 {
        if let Some(quoted) = unterminated_quote(rest, delimiter) {
            return Err(quote_never_closed(file, number, quoted, rest));
        }
    }
    Ok((table, format))
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
    let lines = breaks(swallowed.get(..end).unwrap_or_default(), None);
    Error::input(
        file,
        format!(
            "row {row}, column {}: a quote (\") opens a cell that is never closed, so the {lines} line(s) after it would all be read into that one cell; close or remove the quote and save again",
            column + 1
        ),
    )
}

/// The record's cells as one `&str`, without validating the UTF-8 a second time.
fn record_text(record: &ByteRecord) -> &str {
    let bytes = record.as_slice();
    debug_assert!(std::str::from_utf8(bytes).is_ok());
    // SAFETY: the record was parsed from a `&str`. The csv reader splits only at ASCII bytes
    // (the sniffed delimiter `,` `;` or tab, `"`, CR, LF) and only drops ASCII quote bytes,
    // while every byte of a multi-byte UTF-8 character is ≥ 0x80: so each field, and their
    // concatenation, is made of whole characters of the input. Checking it again cost ~8% of
    // a whole check on large files.
    unsafe { std::str::from_utf8_unchecked(bytes) }
}

fn cell_too_big(file: FileKind, row: u32, column: usize, len: usize, limits: &Limits) -> Error {
    Error::input(
        file,
        format!(
            "row {row}, column {}: cell is {len} bytes, over max_cell_bytes = {} (raise it in options.limits)",
            column + 1,
            limits.max_cell_bytes
        ),
    )
}

/// The offset of the first byte at or after `at` that is not a line break (where a record
/// starts, after blank lines).
fn first_content_byte(bytes: &[u8], at: u64) -> usize {
    let start = usize::try_from(at).unwrap_or(bytes.len()).min(bytes.len());
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
            e.starts_with("wecom file: row 2, column 2: a quote") && e.contains("the 1 line(s)"),
            "{e}"
        );
        assert_eq!(unterminated_quote(b"a,\"b\"\"\n", b','), Some((1, 2)));
        assert_eq!(unterminated_quote(b"a,\"b\"\"\"\n", b','), None);
        assert_eq!(unterminated_quote(b"a,b\"\n", b','), None);
        assert_eq!(unterminated_quote(b"a\t\"b", b'\t'), Some((1, 2)));
        assert_eq!(rows("a,\"b\"\"c\"\n")[0].1, ["a", "b\"c"]);
    }
}
