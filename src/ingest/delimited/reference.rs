//! The reader this module had before its fast path: every record through the `csv` crate.
//! Kept as the reference the fast path must match exactly (rows, numbers, cells, errors), on
//! arbitrary text.

use csv::{ByteRecord, ReaderBuilder};
use proptest::prelude::*;

use super::{
    breaks, cell_too_big, fits_a_table, no_open_quote_after, quote_never_closed, sniff, too_wide,
    unterminated_quote, RowNumbers,
};
use crate::error::Error;
use crate::ingest::{Format, Table};
use crate::{options::Limits, vocab::FileKind};

/// Parses decoded text into a table. The delimiter is sniffed from the first lines.
pub(super) fn parse(text: &str, file: FileKind, limits: &Limits) -> Result<(Table, Format), Error> {
    // A table addresses its text with 32-bit offsets, whatever the limits were raised to.
    fits_a_table(text, file)?;
    let (delimiter, format) = sniff(text);
    let bytes = text.as_bytes();
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);

    let mut table = Table::new();
    let mut record = ByteRecord::new();
    let mut numbers = RowNumbers::default();
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
        let number = numbers.next(bytes, first, first);
        last = (first, number);

        let line = record_text(&record);
        // Trailing empty cells carry nothing; Excel pads some exports with thousands of them.
        let width = (0..record.len())
            .rev()
            .find(|&i| record.get(i).is_some_and(|f| !f.is_empty()))
            .map_or(0, |i| i + 1);
        if width > limits.max_columns {
            return Err(too_wide(file, number, width, limits));
        }
        // Only quoted cells hold line breaks; one scan of the record finds whether any does.
        let all = record.as_slice();
        if all.iter().any(|&b| b == b'\n' || b == b'\r') {
            numbers.embedded += record.iter().map(|field| breaks(field, None)).sum::<u64>();
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
    if rows > 0 {
        no_open_quote_after(bytes, last, delimiter, file)?;
    }
    Ok((table, format))
}

/// The record's cells as one `&str`, without validating the UTF-8 a second time.
fn record_text(record: &ByteRecord) -> &str {
    let bytes = record.as_slice();
    std::str::from_utf8(bytes).unwrap()
}

/// The reference's own: it takes the csv crate's 64-bit position.
fn first_content_byte(bytes: &[u8], at: u64) -> usize {
    super::first_content_byte(bytes, usize::try_from(at).unwrap_or(bytes.len()))
}

/// Text made of the bytes that matter to a CSV reader, and a few that do not.
fn texts() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "a", "bc", "张", ",", ",", ";", "\t", "\"", "\"\"", "\n", "\r", "\r\n", " ", "\u{feff}",
        "x,y\n",
    ]);
    prop::collection::vec(piece, 0..40).prop_map(|p| p.concat())
}

/// Each row's number and cells.
type Rows = Vec<(u32, Vec<String>)>;

fn outcome(result: Result<(Table, Format), Error>) -> Result<(Rows, Format), String> {
    result
        .map(|(t, f)| {
            let rows = t
                .rows()
                .map(|r| (r.number, r.cells().map(str::to_string).collect()))
                .collect();
            (rows, f)
        })
        .map_err(|e| e.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn fast_path_reads_as_the_csv_crate_did(
        text in texts(),
        max_rows in 1usize..8,
        max_columns in 1usize..6,
        max_cell_bytes in 1usize..8,
    ) {
        let unlimited = Limits::default();
        prop_assert_eq!(
            outcome(super::parse(&text, FileKind::Exmail, &unlimited)),
            outcome(parse(&text, FileKind::Exmail, &unlimited))
        );
        let small = Limits { max_rows, max_columns, max_cell_bytes, ..Limits::default() };
        prop_assert_eq!(
            outcome(super::parse(&text, FileKind::Wecom, &small)),
            outcome(parse(&text, FileKind::Wecom, &small))
        );
    }
}
