//! Spreadsheet reading on hostile bytes, two ways (byte 0 picks):
//! - even: the rest as is — a mutated real workbook from the seed corpus, or anything
//!   starting with a zip signature;
//! - odd: a well-formed zip (stored entries, correct CRCs) of a minimal XLSX whose sheet XML
//!   (and, when the input holds a `\x1e`, shared strings) are the fuzzer's bytes — so the XML
//!   readers are reached past the zip layer.
//!
//! Invariants as in `decode_parse`: no panic, refusals name the file, limits hold, row numbers
//! strictly increase; then a whole check with the result as the exmail file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roster_check::ingest::{self, Format};
use roster_check::options::{Limits, ReadOptions};
use roster_check::{check, FileKind, Inputs, Options};

#[path = "shared.rs"]
mod shared;

fuzz_target!(|data: &[u8]| {
    let (&flags, rest) = match data.split_first() {
        Some(x) => x,
        None => return,
    };
    let bytes = if flags & 1 == 0 {
        rest.to_vec()
    } else {
        let mut parts = rest.splitn(2, |&b| b == 0x1e);
        let sheet = parts.next().unwrap_or_default();
        let shared = parts.next();
        minimal_xlsx(sheet, shared)
    };
    let file = if flags & 2 == 0 {
        FileKind::Exmail
    } else {
        FileKind::Roster
    };
    let limits = if flags & 4 != 0 {
        Limits {
            max_input_bytes: 1 << 16,
            max_rows: 6,
            max_columns: 5,
            max_cell_bytes: 24,
            max_xlsx_inflated_bytes: 1 << 14,
        }
    } else {
        Limits::default()
    };
    let read = ReadOptions::default();
    match ingest::load(&bytes, file, &read, &limits) {
        Ok(loaded) => {
            for table in &loaded.sheets {
                assert!(table.len() <= limits.max_rows);
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
                        assert!(cell.len() <= limits.max_cell_bytes);
                    }
                }
                let _ = ingest::find_layout(table, file, &read);
            }
        }
        Err(e) => {
            shared::assert_refusal_names(&e, Some(file));
            return;
        }
    }
    if flags & 8 != 0 {
        let options = Options {
            limits,
            ..Options::default()
        };
        let inputs = Inputs {
            exmail: &bytes,
            wecom: Some(b"userid\nZhangWei\n"),
            roster: None,
        };
        if let Ok(c) = check(&inputs, &options) {
            let s = &c.report.summary;
            assert_eq!(s.accounts, s.member + s.other + s.unassigned);
            assert_eq!(c.report.assignments.len(), s.accounts);
        }
    }
});

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="成员邮箱" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const SHARED: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>邮箱帐号</t></si><si><t>a@b.cn</t></si></sst>"#;

/// A minimal XLSX around `sheet` (the worksheet XML) and optionally `shared` strings XML.
fn minimal_xlsx(sheet: &[u8], shared: Option<&[u8]>) -> Vec<u8> {
    let entries: [(&str, &[u8]); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/sharedStrings.xml", shared.unwrap_or(SHARED.as_bytes())),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    stored_zip(&entries)
}

/// A zip archive of uncompressed entries.
fn stored_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, body) in entries {
        let offset = out.len() as u32;
        let crc = crc32(body);
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // needed
            h.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
            h.extend_from_slice(&0u16.to_le_bytes()); // stored
            h.extend_from_slice(&0u32.to_le_bytes()); // time, date
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(body.len() as u32).to_le_bytes());
            h.extend_from_slice(&(body.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&0u16.to_le_bytes()); // comment
                h.extend_from_slice(&0u16.to_le_bytes()); // disk
                h.extend_from_slice(&0u16.to_le_bytes()); // internal attrs
                h.extend_from_slice(&0u32.to_le_bytes()); // external attrs
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend_from_slice(&header(0x0403_4b50, false));
        out.extend_from_slice(body);
        central.extend_from_slice(&header(0x0201_4b50, true));
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]); // disk numbers
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}
