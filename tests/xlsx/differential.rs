//! Our XLSX reader against calamine's (which read .xlsx before it), cell for cell, on every XLSX
//! at hand: the fixtures, the demo sample, the workbooks of the tests above, generated companies,
//! a workbook of every cell type by rust_xlsxwriter, our own exports, and the fuzz seeds calamine
//! reads. Cells are compared as text, the way the old reader turned calamine's values into text.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use roster_check::ingest::xlsx::write_calamine_cell;

/// Each sheet's name and its non-empty cells by 0-based (row, column).
pub(super) type Sheets = Vec<(String, BTreeMap<(u32, u32), String>)>;

pub(super) fn ours(bytes: &[u8]) -> Result<Sheets, String> {
    let loaded = super::read(bytes).map_err(|e| e.to_string())?;
    Ok(loaded
        .sheets
        .iter()
        .map(|table| {
            let cells = table
                .rows()
                .flat_map(|row| {
                    let number = row.number - 1;
                    row.cells()
                        .enumerate()
                        .filter(|(_, text)| !text.is_empty())
                        .map(|(c, text)| ((number, c as u32), text.to_string()))
                        .collect::<Vec<_>>()
                })
                .collect();
            (table.sheet.clone().unwrap_or_default(), cells)
        })
        .collect())
}

/// What the old reader made of `bytes`: calamine's cells, the first text at a position kept,
/// and a row listed after a later one refused, as the shared sheet builder does.
pub(super) fn calamine(bytes: &[u8]) -> Result<Sheets, String> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| e.to_string())?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let mut reader = book
            .worksheet_cells_reader(&name)
            .map_err(|e| e.to_string())?;
        let mut cells = BTreeMap::new();
        let mut last_row = 0;
        while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
            let (row, column) = cell.get_position();
            if row < last_row {
                return Err(format!("row {row} after row {last_row}"));
            }
            last_row = row;
            let mut text = String::new();
            write_calamine_cell(&mut text, &Data::from(cell.get_value().clone()));
            if !text.is_empty() {
                cells.entry((row, column)).or_insert(text);
            }
        }
        sheets.push((name, cells));
    }
    Ok(sheets)
}

/// The sheets calamine lists that are no worksheets (chart, dialog, macro sheets).
pub(super) fn not_worksheets(bytes: &[u8]) -> Vec<String> {
    let Ok(book) = open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes)) else {
        return Vec::new();
    };
    book.sheets_metadata()
        .iter()
        .filter(|s| s.typ != calamine::SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

fn assert_same(name: &str, bytes: &[u8]) {
    let theirs = calamine(bytes).unwrap_or_else(|e| panic!("{name}: calamine: {e}"));
    let ours = ours(bytes).unwrap_or_else(|e| panic!("{name}: ours: {e}"));
    assert!(
        theirs.iter().map(|(_, c)| c.len()).sum::<usize>() > 0,
        "{name}: no cells"
    );
    assert_eq!(ours, theirs, "{name}");
}

fn repository_file(path: &str) -> Vec<u8> {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn fixtures_and_the_demo_sample() {
    let dir = format!("{}/tests/fixtures/ingest", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // bomb.xlsx is refused before reading (tests/ingest.rs).
        .filter(|n| n.ends_with(".xlsx") && n != "bomb.xlsx")
        .collect();
    names.sort();
    assert!(names.len() >= 3, "{names:?}");
    for name in names {
        assert_same(
            &name,
            &repository_file(&format!("tests/fixtures/ingest/{name}")),
        );
    }
    assert_same(
        "samples/demo/wecom.xlsx",
        &repository_file("samples/demo/wecom.xlsx"),
    );
}

#[test]
fn the_quirks_tested_above() {
    for (name, bytes) in super::cases() {
        assert_same(name, &bytes);
    }
}

#[cfg(feature = "synth")]
#[test]
fn generated_companies() {
    use roster_check::synth::{generate, CompanySpec, HeaderStyle};
    for (i, headers) in [
        HeaderStyle::Console,
        HeaderStyle::Api,
        HeaderStyle::English,
        HeaderStyle::Legacy,
    ]
    .into_iter()
    .enumerate()
    {
        let company = generate(&CompanySpec {
            headers,
            instruction_rows: i % 2 == 0,
            seed: i as u64,
            fault_rate: 0.5,
            ..CompanySpec::new(300)
        });
        assert_same(&format!("synth {i} exmail"), &company.exmail_xlsx());
        assert_same(&format!("synth {i} wecom"), &company.wecom_xlsx());
    }
}

/// Every kind of cell rust_xlsxwriter writes: numbers in several formats, dates and times,
/// booleans, formulas with results, rich strings, blanks, a second sheet.
#[cfg(feature = "synth")]
#[test]
fn every_cell_type_by_rust_xlsxwriter() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let stamp = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let time = Format::new().set_num_format("hh:mm");
    let elapsed = Format::new().set_num_format("[h]:mm:ss");
    let chinese = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    let money = Format::new().set_num_format("#,##0.00 ;[Red]-#,##0.00");
    let bold = Format::new().set_bold();
    ws.write_string(0, 0, "手机").unwrap();
    ws.write_number(1, 0, 13800138000.0).unwrap();
    ws.write_number(2, 0, 0.1).unwrap();
    ws.write_number_with_format(3, 0, 1234.5, &money).unwrap();
    ws.write_number(4, 0, -1e20).unwrap();
    let day = ExcelDateTime::from_ymd(2024, 2, 29).unwrap();
    ws.write_datetime_with_format(1, 1, &day, &date).unwrap();
    ws.write_datetime_with_format(2, 1, day.clone().and_hms(23, 59, 59).unwrap(), &stamp)
        .unwrap();
    ws.write_datetime_with_format(3, 1, ExcelDateTime::from_hms(8, 30, 0).unwrap(), &time)
        .unwrap();
    ws.write_number_with_format(4, 1, 1.75, &elapsed).unwrap();
    ws.write_datetime_with_format(5, 1, &day, &chinese).unwrap();
    ws.write_boolean(1, 2, true).unwrap();
    ws.write_boolean(2, 2, false).unwrap();
    ws.write_formula(1, 3, Formula::new("=A2+1").set_result("13800138001"))
        .unwrap();
    ws.write_formula(2, 3, Formula::new("=\"a\"&\"b\"").set_result("ab"))
        .unwrap();
    ws.write_rich_string(1, 4, &[(&bold, "张"), (&Format::default(), "伟 ")])
        .unwrap();
    ws.write_string(2, 4, " 前后空格 \n第二行").unwrap();
    ws.write_string(3, 4, "_x000D_ & <x>").unwrap();
    ws.write_blank(4, 4, &bold).unwrap();
    ws.write_string(9, 7, "far").unwrap();
    let second = wb.add_worksheet();
    second.set_name("名单").unwrap();
    second.write_string(0, 0, "邮箱地址").unwrap();
    assert_same("rust_xlsxwriter", &wb.save_to_buffer().unwrap());
}

/// The roster and findings our own writer (`src/export/xlsx`) produces for the demo sample.
#[test]
fn our_own_exports() {
    let exmail = repository_file("samples/demo/exmail.csv");
    let wecom = repository_file("samples/demo/wecom.xlsx");
    let roster = repository_file("samples/demo/roster.csv");
    let inputs = roster_check::Inputs {
        exmail: &exmail,
        wecom: Some(&wecom),
        roster: Some(&roster),
    };
    let checked = roster_check::check(&inputs, &roster_check::Options::default()).unwrap();
    let format = roster_check::ExportFormat::Xlsx;
    assert_same("roster export", &checked.export_roster(format).unwrap());
    assert_same("findings export", &checked.export_findings(format).unwrap());
}

/// The seeds of `fuzz/fuzz_targets/xlsx.rs` that calamine reads, decoded as that target decodes
/// them: after the flags byte, a whole file (even flags) or a sheet's XML and, after a `\x1e`,
/// the shared strings (odd flags).
#[test]
fn fuzz_seeds_calamine_reads() {
    const SHARED: &str = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>邮箱帐号</t></si><si><t>a@b.cn</t></si></sst>";
    let dir = format!("{}/fuzz/corpus/xlsx", env!("CARGO_MANIFEST_DIR"));
    let mut compared = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let Some((&flags, rest)) = data.split_first() else {
            continue;
        };
        let bytes = if flags & 1 == 0 {
            rest.to_vec()
        } else {
            let mut parts = rest.splitn(2, |&b| b == 0x1e);
            let sheet = parts.next().unwrap_or_default();
            let shared = parts.next().unwrap_or(SHARED.as_bytes());
            super::package_bytes(&[
                ("xl/worksheets/sheet1.xml", sheet),
                ("xl/sharedStrings.xml", shared),
            ])
        };
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // calamine's column arithmetic overflows on one seed (a panic in debug builds).
        let Ok(Ok(theirs)) = std::panic::catch_unwind(|| calamine(&bytes)) else {
            continue;
        };
        match ours(&bytes) {
            // The shared sheet builder's limits refused it before, too.
            Err(e) if e.contains("over max_columns") => {
                let columns = theirs
                    .iter()
                    .flat_map(|(_, cells)| cells.keys().map(|k| k.1));
                assert!(columns.max() >= Some(1000), "{name}: {e}");
            }
            // Seeds of the cases of issue 18 differ on purpose (number formats, chart sheets).
            _ => super::corpus::agrees_but_on_purpose(&bytes)
                .unwrap_or_else(|e| panic!("{name}: {e}")),
        }
        compared += 1;
    }
    assert!(compared >= 4, "only {compared} seeds compared");
}
