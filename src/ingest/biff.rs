//! The BIFF records of an `.xls` workbook stream, checked before calamine reads them (native
//! builds only: the browser build reads no `.xls`).
//!
//! calamine 0.38 reads every sheet when it opens a workbook, and two things there end the
//! process rather than return an error (fuzz/README.md, crash 6):
//! - a `Dimensions` record declaring more cells than a sheet can hold: calamine reserves room
//!   for all of them up front (`xls.rs:667`), an allocation of hundreds of gigabytes that aborts;
//! - a `BoundSheet8` record placing a sheet past the end of the stream: a slice out of range.
//!
//! The rest, records shorter than calamine reads, are panics, which `read_other` catches.
//! The records are walked as calamine walks them: the globals from the start of the stream to
//! their `EOF`, then each sheet from the position its `BoundSheet8` gives, to its `EOF`.

use super::cfb::{u16_at, u32_at};

/// Record types (MS-XLS 2.3).
const EOF: u16 = 0x000A;
const BOUND_SHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
/// The most cells a BIFF8 sheet has: 65,536 rows × 256 columns.
const MAX_CELLS: usize = 65_536 * 256;

/// Whether calamine can read the records of `workbook` (the `Workbook` stream) without aborting;
/// `Err` says what is wrong, for the file's error message.
pub fn check_records(workbook: &[u8]) -> Result<(), String> {
    let mut sheets = Vec::new();
    for (typ, data) in Records(workbook) {
        match typ {
            EOF => break,
            BOUND_SHEET if data.len() >= 4 => sheets.push(u32_at(data, 0) as usize),
            _ => {}
        }
    }
    for (index, &start) in sheets.iter().enumerate() {
        let sheet = index + 1;
        let Some(records) = workbook.get(start..) else {
            return Err(format!(
                "sheet {sheet} starts at byte {start}, past the end of the workbook stream ({} bytes)",
                workbook.len()
            ));
        };
        for (typ, data) in Records(records) {
            match typ {
                EOF => break,
                DIMENSIONS => {
                    let cells = declared_cells(data);
                    if cells > MAX_CELLS {
                        return Err(format!(
                            "sheet {sheet} declares {cells} cells; an .xls sheet holds at most {MAX_CELLS}"
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// The cells calamine reserves for a `Dimensions` record (`parse_dimensions` and the reserve
/// after it, with the release build's wrapping arithmetic); 0 for a length it refuses.
fn declared_cells(data: &[u8]) -> usize {
    let (first_row, row_end, mut first_col, col_end) = match data.len() {
        10 => (
            u16_at(data, 0) as u32,
            u16_at(data, 2) as u32,
            u16_at(data, 4) as u32,
            u16_at(data, 6) as u32,
        ),
        14 | 16 => (
            u32_at(data, 0),
            u32_at(data, 4),
            u16_at(data, 8) as u32,
            u16_at(data, 10) as u32,
        ),
        _ => return 0,
    };
    if 0xFF < first_col || col_end < first_col {
        first_col = 0;
    }
    if row_end < 1 || col_end < 1 {
        return 1;
    }
    let span = |first: u32, end: u32| (end - 1).wrapping_sub(first).wrapping_add(1) as usize;
    span(first_row, row_end).saturating_mul(span(first_col, col_end))
}

/// BIFF records as calamine's `RecordIter` splits them (type, length, data), ending where one
/// would run past the stream; `Continue` records come as records of their own, which changes
/// nothing here (they are neither `EOF`, `BoundSheet8` nor `Dimensions`).
struct Records<'a>(&'a [u8]);

impl<'a> Iterator for Records<'a> {
    type Item = (u16, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let typ = u16_at(self.0.get(..4)?, 0);
        let len = u16_at(self.0, 2) as usize;
        let data = self.0.get(4..4 + len)?;
        self.0 = &self.0[4 + len..];
        Some((typ, data))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut bytes = typ.to_le_bytes().to_vec();
        bytes.extend_from_slice(&(data.len() as u16).to_le_bytes());
        bytes.extend_from_slice(data);
        bytes
    }

    /// Globals naming one sheet right after them, and that sheet's `Dimensions`.
    fn workbook(dimensions: &[u8]) -> Vec<u8> {
        let globals_len = 4 + 10 + 4;
        let mut bytes = record(
            BOUND_SHEET,
            &[
                &(globals_len as u32).to_le_bytes()[..],
                &[0, 0, 1, 0, b'A', 0],
            ]
            .concat(),
        );
        bytes.extend(record(EOF, &[]));
        assert_eq!(bytes.len(), globals_len);
        bytes.extend(record(DIMENSIONS, dimensions));
        bytes.extend(record(EOF, &[]));
        bytes
    }

    fn biff8(first_row: u32, row_end: u32, first_col: u16, col_end: u16) -> Vec<u8> {
        [
            &first_row.to_le_bytes()[..],
            &row_end.to_le_bytes(),
            &first_col.to_le_bytes(),
            &col_end.to_le_bytes(),
            &[0, 0],
        ]
        .concat()
    }

    #[test]
    fn a_sheet_excel_could_write_passes() {
        assert_eq!(check_records(&workbook(&biff8(0, 65_536, 0, 256))), Ok(()));
        assert_eq!(check_records(&workbook(&biff8(0, 3, 0, 5))), Ok(()));
        // An empty sheet: calamine reserves one cell.
        assert_eq!(check_records(&workbook(&biff8(0, 0, 0, 0))), Ok(()));
    }

    #[test]
    fn more_cells_than_a_sheet_holds_are_refused() {
        let err = check_records(&workbook(&biff8(0, u32::MAX, 0, 0xFF))).unwrap_err();
        assert!(err.contains("sheet 1 declares"), "{err}");
        // The first row after the last: calamine's subtraction wraps to about 2^32 rows.
        assert!(check_records(&workbook(&biff8(10, 5, 0, 3))).is_err());
        // BIFF5's 10-byte record.
        let biff5 = [
            &0u16.to_le_bytes()[..],
            &0xFFFFu16.to_le_bytes(),
            &0u16.to_le_bytes(),
            &0xFFFFu16.to_le_bytes(),
            &[0, 0],
        ]
        .concat();
        assert!(check_records(&workbook(&biff5)).is_err(), "65,535 × 65,535");
    }

    #[test]
    fn a_sheet_past_the_end_of_the_stream_is_refused() {
        let mut bytes = record(
            BOUND_SHEET,
            &[&9_999u32.to_le_bytes()[..], &[0, 0, 1, 0, b'A', 0]].concat(),
        );
        bytes.extend(record(EOF, &[]));
        let err = check_records(&bytes).unwrap_err();
        assert!(err.contains("past the end of the workbook stream"), "{err}");
    }

    #[test]
    fn cut_records_end_the_walk_without_a_panic() {
        for cut in 0..workbook(&biff8(0, 1, 0, 1)).len() {
            let _ = check_records(&workbook(&biff8(0, 1, 0, 1))[..cut]);
        }
        assert_eq!(check_records(&[0x85, 0, 0xFF, 0xFF]), Ok(()));
    }
}
