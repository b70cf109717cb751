use std::io::Read;

use super::*;
use crate::export::sink::{RowKind, Sink, XlsxSink};
use crate::export::test_support::read_xlsx;

/// A workbook made through the sink, as the exports make it.
fn book(sheets: &[(&str, &[&[&str]])], freeze: bool) -> Vec<u8> {
    let mut sink = XlsxSink::new(freeze);
    for (name, rows) in sheets {
        sink.sheet(name).unwrap();
        for (i, r) in rows.iter().enumerate() {
            let kind = if i == 0 {
                RowKind::Header
            } else {
                RowKind::Data
            };
            sink.cells(kind, r.iter().copied()).unwrap();
        }
    }
    sink.finish().unwrap()
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

fn owned(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// Awkward text: CJK, XML specials, a formula, controls, escapes Excel itself would decode.
const NASTY: &[&[&str]] = &[
    &["邮箱地址", "姓名", "备注"],
    &["zhang.wei@example.cn", "张伟", "a & b < c > d \"e\" 'f'"],
    &["=HYPERLINK(\"http://x\")", "", "+86 138"],
    &["", "", "only the third"],
    &["ragged"],
    &["x", "  two spaces  ", "line\nbreak\ttab"],
    &[
        "ctl\u{1}\u{8}\u{b}\u{c}\u{1f}end",
        "cr\r\nlf",
        "_x0041_ and _x00zz_ and _x",
    ],
    &["😀 𠀀 emoji", "\u{fffe}\u{ffff}", "]]> <![CDATA["],
];

/// What the sink should store for NASTY: the same (text in the `@` format is never evaluated).
fn nasty_expected() -> Vec<Vec<String>> {
    let rows = owned(NASTY);
    // An all-empty row is not stored, nor trailing empty cells; calamine pads to the widest.
    rows
}

fn trim(rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    rows.into_iter()
        .map(|mut r| {
            while r.last().is_some_and(String::is_empty) {
                r.pop();
            }
            r
        })
        .collect()
}

#[test]
fn cells_round_trip_through_calamine() {
    let bytes = book(&[("名单", NASTY), ("Second", &[&["h"], &["v"]])], true);
    let sheets = read_xlsx(&bytes);
    assert_eq!(sheets.len(), 2);
    assert_eq!(sheets[0].0, "名单");
    assert_eq!(trim(sheets[0].1.clone()), nasty_expected());
    assert_eq!(sheets[1], ("Second".into(), owned(&[&["h"], &["v"]])));
}

#[test]
fn empty_rows_and_positions_are_kept() {
    let mut sink = XlsxSink::new(false);
    sink.sheet("s").unwrap();
    sink.cells(RowKind::Preamble, ["说明"]).unwrap();
    sink.row(Some(3), RowKind::Header).unwrap();
    sink.cell("a").unwrap();
    sink.cell("").unwrap();
    sink.cell("c").unwrap();
    sink.end_row().unwrap();
    sink.cells(RowKind::Data, ["", "", ""]).unwrap();
    sink.cells(RowKind::Data, ["", "y"]).unwrap();
    let bytes = sink.finish().unwrap();
    let sheets = read_xlsx(&bytes);
    let want = owned(&[
        &["说明", "", ""],
        &[],
        &[],
        &["a", "", "c"],
        &[],
        &["", "y", ""],
    ]);
    let got: Vec<Vec<String>> = sheets[0].1.clone();
    assert_eq!(trim(got), trim(want));
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("<row r=\"4\"><c r=\"A4\" s=\"2\""),
        "{sheet}"
    );
    assert!(sheet.contains(
        "<c r=\"B6\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">y</t></is></c>"
    ));
    assert!(sheet.contains("<dimension ref=\"A1:C6\"/>"), "{sheet}");
    assert!(!sheet.contains("<pane"), "not frozen: {sheet}");
}

#[test]
fn header_is_bold_frozen_and_columns_sized_as_before() {
    let bytes = book(&[("s", &[&["邮箱地址", "x"], &["a@b.cn", "y"]])], true);
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    // 邮箱地址 is 8 wide, "x" 1 → clamped to 8; +1 → 9 characters: 9 * 7 + 5 = 68 px.
    assert!(
        sheet.contains("<col min=\"1\" max=\"1\" width=\"9.7109375\" style=\"1\" customWidth=\"1\"/><col min=\"2\" max=\"2\" width=\"9.7109375\""),
        "{sheet}"
    );
    assert!(sheet.contains(
        "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
    ));
    assert!(sheet.contains("<c r=\"A1\" s=\"2\" t=\"inlineStr\">"));
    assert!(sheet.contains("<c r=\"A2\" s=\"1\" t=\"inlineStr\">"));
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains("<font><b/>"));
    assert!(styles.contains("numFmtId=\"49\""));
    let wide = book(&[("s", &[&["h"], &[&"长".repeat(100)]])], true);
    let sheet = part(&wide, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("width=\"61.7109375\""),
        "60 + 1 at most: {sheet}"
    );
}

#[test]
fn the_same_cells_make_the_same_bytes() {
    let a = book(&[("名单", NASTY), ("b", NASTY)], true);
    let b = book(&[("名单", NASTY), ("b", NASTY)], true);
    assert_eq!(a, b);
    let c = book(&[("名单", NASTY), ("b", &[&["other"]])], true);
    assert_ne!(a, c);
}

#[test]
fn sheet_names_excel_refuses_fall_back_to_sheet_n() {
    let long = "长".repeat(32);
    let rows: &[&[&str]] = &[&["x"]];
    let bytes = book(
        &[
            ("ok", rows),
            ("a/b", rows),
            ("", rows),
            (&long, rows),
            ("OK", rows),
            ("'q'", rows),
            ("Sheet7", rows),
            ("x\u{1}", rows),
            ("R&D <\"x\">", rows),
        ],
        false,
    );
    let names: Vec<String> = read_xlsx(&bytes).into_iter().map(|s| s.0).collect();
    assert_eq!(
        names,
        [
            "ok",
            "Sheet2",
            "Sheet3",
            "Sheet4",
            "Sheet5",
            "Sheet6",
            "Sheet7",
            "Sheet8",
            "R&D <\"x\">"
        ]
    );
    let dup = book(&[("Sheet2", rows), ("x", rows), ("sheet2", rows)], false);
    let names: Vec<String> = read_xlsx(&dup).into_iter().map(|s| s.0).collect();
    assert_eq!(names, ["Sheet2", "x", "Sheet3"]);
    assert!(valid_sheet_name(&"长".repeat(31)));
    assert!(!valid_sheet_name(&"😀".repeat(16)), "UTF-16 length counts");
}

#[test]
fn an_empty_workbook_has_an_empty_sheet() {
    let bytes = XlsxSink::new(true).finish().unwrap();
    let sheets = read_xlsx(&bytes);
    assert_eq!(sheets, [("Sheet1".to_string(), vec![])]);
}

#[test]
fn cell_references() {
    assert_eq!(cell_ref(0, 0), "A1");
    assert_eq!(cell_ref(9, 26), "AA10");
    assert_eq!(cell_ref(0, 25), "Z1");
    assert_eq!(cell_ref(0, 701), "ZZ1");
    assert_eq!(cell_ref(0, 702), "AAA1");
    assert_eq!(cell_ref(MAX_ROWS - 1, MAX_COLUMNS - 1), "XFD1048576");
    assert_eq!(cell_ref(u32::MAX, u16::MAX), "CRXP4294967296");
}

#[test]
fn escaping() {
    let esc = |s: &str| {
        let mut out = String::new();
        push_escaped(&mut out, s);
        out
    };
    assert_eq!(esc("a&<>\"'b"), "a&amp;&lt;&gt;&quot;'b");
    assert_eq!(esc("\u{0}\t\n\r\u{1f}"), "_x0000_\t\n_x000D__x001F_");
    assert_eq!(esc("_x00aF_ _x00G0_ _x"), "_x005F_x00aF_ _x00G0_ _x");
    assert_eq!(esc("张伟"), "张伟");
}

#[test]
fn limits_are_refused() {
    let mut wb = Workbook::new();
    wb.sheet("s").unwrap();
    assert!(matches!(
        wb.cell(MAX_ROWS, 0, "x", Style::Text),
        Err(Error::Refused { file: None, .. })
    ));
    assert!(matches!(
        wb.cell(0, MAX_COLUMNS, "x", Style::Text),
        Err(Error::Refused { file: None, .. })
    ));
    wb.cell(MAX_ROWS - 1, MAX_COLUMNS - 1, "last", Style::Text)
        .unwrap();
    assert!(
        matches!(
            wb.cell(5, 0, "x", Style::Text),
            Err(Error::Refused { file: None, .. })
        ),
        "rows go down"
    );
    let bytes = wb.finish().unwrap();
    assert!(part(&bytes, "xl/worksheets/sheet1.xml").contains("<dimension ref=\"A1:XFD1048576\"/>"));

    let mut sink = XlsxSink::new(false);
    assert!(matches!(
        sink.row(Some(MAX_ROWS), RowKind::Data),
        Err(Error::Refused { file: None, .. })
    ));
}

/// The package LibreOffice (and Python's zipfile) see: opened headless, converted to CSV,
/// compared. Skipped, with a note, where they are not installed.
#[test]
fn libreoffice_and_python_open_it() {
    let dir = std::env::temp_dir().join(format!("roster-check-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rows: &[&[&str]] = &[
        &["邮箱地址", "姓名", "备注"],
        &["zhang.wei@example.cn", "张伟", "a & b < c > \"d\""],
        &["=1+1", "", "00123"],
        &["", "", "third"],
    ];
    let file = dir.join("book.xlsx");
    std::fs::write(&file, book(&[("名单", rows)], true)).unwrap();

    match std::process::Command::new("python3")
        .args(["-m", "zipfile", "-t"])
        .arg(&file)
        .output()
    {
        Ok(out) => {
            assert!(out.status.success(), "python3 -m zipfile -t: {out:?}");
            eprintln!("python3 -m zipfile -t: ok");
        }
        Err(e) => eprintln!("NOTE: python3 did not run ({e}): the zip was not checked by Python"),
    }

    let soffice = "/usr/bin/soffice";
    if !std::path::Path::new(soffice).exists() {
        eprintln!("NOTE: {soffice} is absent: SKIPPED the LibreOffice check of the XLSX writer");
        return;
    }
    let out = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
        ])
        .arg(&dir)
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "soffice: {out:?}");
    let csv = std::fs::read_to_string(dir.join("book.csv")).unwrap();
    let want = "邮箱地址,姓名,备注\n\
                zhang.wei@example.cn,张伟,\"a & b < c > \"\"d\"\"\"\n\
                =1+1,,00123\n\
                ,,third\n";
    assert_eq!(csv.replace("\r\n", "\n"), want);
    eprintln!("soffice --convert-to csv: the same cells");
    let _ = std::fs::remove_dir_all(&dir);
}
