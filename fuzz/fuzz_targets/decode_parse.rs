//! `ingest::load` on arbitrary bytes for each file kind, then `find_layout` on every sheet.
//!
//! Byte 0 picks the file kind, a forced encoding, overrides and small limits; byte 1 is the
//! override's row/column; the rest is the file. Invariants: no panic; every refusal names the
//! file; tables respect the limits; spreadsheet row numbers start at 1 and strictly increase;
//! a layout points inside its table.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use roster_check::ingest::{self, Format};
use roster_check::Field;

#[path = "shared.rs"]
mod shared;
use roster_check::options::{Limits, ReadOptions};
use roster_check::FileKind;

const ENCODINGS: [Option<&str>; 8] = [
    None,
    None,
    Some("utf-8"),
    Some("gbk"),
    Some("utf-16le"),
    Some("utf-16be"),
    Some("gb18030"),
    Some("klingon"),
];

fuzz_target!(|data: &[u8]| {
    let (&flags, rest) = match data.split_first() {
        Some(x) => x,
        None => return,
    };
    let (&param, bytes) = rest.split_first().unwrap_or((&0, &[]));
    let file = match flags & 3 {
        0 => FileKind::Exmail,
        1 => FileKind::Wecom,
        _ => FileKind::Roster,
    };
    let mut read = ReadOptions {
        encoding: ENCODINGS[usize::from((flags >> 2) & 7)].map(str::to_string),
        ..ReadOptions::default()
    };
    if flags & 0x20 != 0 {
        read.header_row = Some(u32::from(param & 0x0f));
    }
    if flags & 0x40 != 0 {
        let spec = match param >> 4 {
            0 => "A".to_string(),
            1 => "邮箱".to_string(),
            2 => "ZZZ".to_string(),
            3 => "0".to_string(),
            n => n.to_string(),
        };
        let field = Field::ALL[usize::from(param) % Field::ALL.len()];
        read.columns = BTreeMap::from([(field.as_str().to_string(), spec)]);
    }
    let limits = if flags & 0x80 != 0 {
        Limits {
            max_input_bytes: 4096,
            max_rows: 6,
            max_columns: 5,
            max_cell_bytes: 24,
            max_xlsx_inflated_bytes: 1 << 16,
        }
    } else {
        Limits::default()
    };

    let loaded = match ingest::load(bytes, file, &read, &limits) {
        Ok(loaded) => loaded,
        Err(e) => {
            shared::assert_refusal_names(&e, Some(file));
            return;
        }
    };
    for table in &loaded.sheets {
        assert!(table.len() <= limits.max_rows, "{} rows", table.len());
        let mut previous = 0u32;
        for row in table.rows() {
            assert!(row.number > previous, "row {} after {previous}", row.number);
            previous = row.number;
            // A workbook's positions go to column XFD; max_columns bounds the cells a row uses.
            let used = row.cells().filter(|c| !c.is_empty()).count();
            let spreadsheet = !matches!(loaded.format, Format::Csv | Format::Tsv | Format::Ssv);
            let width = if spreadsheet { used } else { row.len() };
            assert!(width <= limits.max_columns, "{} columns", row.len());
            assert!(row.len() <= 16_384, "{} columns", row.len());
            for cell in row.cells() {
                assert!(cell.len() <= limits.max_cell_bytes, "{} bytes", cell.len());
            }
        }
        match ingest::find_layout(table, file, &read) {
            Ok(layout) => {
                if !table.is_empty() {
                    assert!(layout.header_index < table.len());
                    assert_eq!(layout.header_row, table.row(layout.header_index).number);
                }
                let _ = layout.mapping();
            }
            Err(e) => shared::assert_refusal_names(&e, Some(file)),
        }
    }
});
