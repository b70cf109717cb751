//! Hostile and broken files through the whole library (`roster_check::check`): every one gets a
//! defined outcome — a report (with findings on their rows) or a refusal naming the file (and
//! the limit) — within seconds, never a panic. Exports never emit a live formula.

mod support;

use std::time::{Duration, Instant};

use roster_check::options::Limits;
use roster_check::{check, Checked, Error, ExportFormat, FileKind, Inputs, Options};
use support::*;

/// Generous for a debug build on a shared machine; the real cost is far below.
const SECONDS: u64 = 20;

fn exmail_ok() -> Vec<u8> {
    csv(EXMAIL_HEADER, &exmail_rows())
}

fn wecom_ok() -> Vec<u8> {
    csv(WECOM_HEADER, &wecom_rows())
}

/// Runs a check, timing it.
fn run(
    exmail: &[u8],
    wecom: &[u8],
    roster: Option<&[u8]>,
    options: &Options,
) -> Result<Checked, Error> {
    let started = Instant::now();
    let inputs = Inputs {
        exmail,
        wecom: Some(wecom),
        roster,
    };
    let result = check(&inputs, options);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(SECONDS), "took {took:?}");
    result
}

/// The exmail file is refused: an `Input` error whose message names the file and contains
/// every one of `parts`.
fn refused(file: FileKind, result: Result<Checked, Error>, parts: &[&str]) -> String {
    let e = match result {
        Ok(c) => panic!(
            "expected a refusal of the {} file, got {:?}",
            file.as_str(),
            c.report.summary
        ),
        Err(e) => e,
    };
    let message = e.to_string();
    assert_eq!(e.file(), Some(file), "{message}");
    assert!(
        message.starts_with(&format!("{} file: ", file.as_str())),
        "{message}"
    );
    for part in parts {
        assert!(message.contains(part), "{message:?} lacks {part:?}");
    }
    message
}

fn refused_exmail(bytes: &[u8], parts: &[&str]) -> String {
    let r = run(bytes, &wecom_ok(), None, &Options::default());
    refused(FileKind::Exmail, r, parts)
}

fn with_limits(limits: Limits) -> Options {
    Options {
        limits,
        ..Options::default()
    }
}

/// A refusal for a limit: the `Limit` kind, naming file, limit and both numbers.
fn limit_refusal(result: Result<Checked, Error>, file: FileKind, limit: &str, max: u64) {
    let e = result
        .err()
        .unwrap_or_else(|| panic!("no refusal for {limit}"));
    let message = e.to_string();
    match &e {
        Error::Limit {
            file: f,
            limit: l,
            max: m,
            actual,
        } => {
            assert_eq!((*f, *l, *m), (file, limit, max), "{message}");
            assert!(*actual > max, "{message}");
            assert!(message.contains(&actual.to_string()), "{message}");
        }
        other => panic!("not a limit error: {other:?}"),
    }
    assert!(
        message.starts_with(&format!("{} file: ", file.as_str()))
            && message.contains(&format!("{limit} = {max}"))
            && message.contains("options.limits"),
        "{message}"
    );
}

// ---- limits ----

#[test]
fn defaults_fit_a_million_accounts() {
    let l = Limits::default();
    assert!(l.max_rows > 1_000_000);
    // A million rows of ~200 bytes.
    assert!(l.max_input_bytes >= 200 << 20);
    assert!(l.max_columns >= 100);
    assert_eq!(l.max_cell_bytes, 32_767, "Excel's own cell limit");
    assert!(l.max_xlsx_inflated_bytes >= l.max_input_bytes as u64);
}

#[test]
fn limits_are_overridable_from_json_and_typos_refused() {
    let o = options(r#"{"limits":{"max_rows":7,"max_cell_bytes":9}}"#);
    assert_eq!((o.limits.max_rows, o.limits.max_cell_bytes), (7, 9));
    assert_eq!(o.limits.max_columns, Limits::default().max_columns);
    let e = Options::from_json(r#"{"limits":{"max_row":7}}"#).unwrap_err();
    assert!(e.starts_with("options:") && e.contains("max_row"), "{e}");
}

#[test]
fn max_input_bytes_names_file_and_limit() {
    let small = with_limits(Limits {
        max_input_bytes: 100,
        ..Limits::default()
    });
    let big = exmail_ok();
    assert!(big.len() > 100);
    limit_refusal(
        run(&big, b"userid\nx\n", None, &small),
        FileKind::Exmail,
        "max_input_bytes",
        100,
    );
    limit_refusal(
        run(b"email\na@b.cn\n", &wecom_ok(), None, &small),
        FileKind::Wecom,
        "max_input_bytes",
        100,
    );
    let roster = csv("邮箱地址,邮箱类型", &["zhang.wei@acme.cn,成员邮箱"; 10]);
    limit_refusal(
        run(b"email\na@b.cn\n", b"userid\nx\n", Some(&roster), &small),
        FileKind::Roster,
        "max_input_bytes",
        100,
    );
}

#[test]
fn max_rows_names_file_and_limit() {
    let o = with_limits(Limits {
        max_rows: 3,
        ..Limits::default()
    });
    // Header + 3 accounts = 4 rows.
    limit_refusal(
        run(&exmail_ok(), &wecom_ok(), None, &o),
        FileKind::Exmail,
        "max_rows",
        3,
    );
    let wecom = csv(WECOM_HEADER, &[wecom_rows(), wecom_rows()].concat());
    let exmail = csv(EXMAIL_HEADER, &exmail_rows()[..1]);
    limit_refusal(
        run(&exmail, &wecom, None, &o),
        FileKind::Wecom,
        "max_rows",
        3,
    );
}

#[test]
fn max_columns_names_file_row_and_limit() {
    let o = with_limits(Limits {
        max_columns: 4,
        ..Limits::default()
    });
    let r = run(&exmail_ok(), b"userid\nx\n", None, &o);
    refused(
        FileKind::Exmail,
        r,
        &["row 1", "max_columns = 4", "options.limits"],
    );
}

#[test]
fn max_cell_bytes_names_file_cell_and_limit() {
    let o = with_limits(Limits {
        max_cell_bytes: 12,
        ..Limits::default()
    });
    let r = run(&exmail_ok(), b"userid\nx\n", None, &o);
    // `zhang.wei@acme.cn` (17 bytes) is the first cell over 12 bytes.
    refused(
        FileKind::Exmail,
        r,
        &[
            "row 2, column 1",
            "17 bytes",
            "max_cell_bytes = 12",
            "options.limits",
        ],
    );
}

#[cfg(all(feature = "xlsx", feature = "synth"))] // rust_xlsxwriter comes with synth
fn xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

#[cfg(all(feature = "xlsx", feature = "synth"))] // rust_xlsxwriter comes with synth
fn exmail_sheet(accounts: usize) -> Vec<Vec<String>> {
    let mut rows = vec![vec!["邮箱帐号".to_string(), "姓名".to_string()]];
    for i in 0..accounts {
        rows.push(vec![format!("user{i}@acme.cn"), format!("用户{i}")]);
    }
    rows
}

#[cfg(all(feature = "xlsx", feature = "synth"))] // rust_xlsxwriter comes with synth
#[test]
fn max_xlsx_inflated_bytes_names_file_and_limit() {
    let book = xlsx(&exmail_sheet(200));
    // Reads with the defaults.
    let c = run(&book, &wecom_ok(), None, &Options::default()).unwrap();
    assert_eq!(c.report.summary.accounts, 200);
    let o = with_limits(Limits {
        max_xlsx_inflated_bytes: 4096,
        ..Limits::default()
    });
    limit_refusal(
        run(&book, &wecom_ok(), None, &o),
        FileKind::Exmail,
        "max_xlsx_inflated_bytes",
        4096,
    );
    limit_refusal(
        run(&exmail_ok(), &wecom_ok(), Some(&book), &o),
        FileKind::Roster,
        "max_xlsx_inflated_bytes",
        4096,
    );
}

#[cfg(all(feature = "xlsx", feature = "synth"))] // rust_xlsxwriter comes with synth
#[test]
fn xlsx_rows_columns_and_cells_are_limited_too() {
    let book = xlsx(&exmail_sheet(10));
    let rows = with_limits(Limits {
        max_rows: 5,
        ..Limits::default()
    });
    limit_refusal(
        run(&book, &wecom_ok(), None, &rows),
        FileKind::Exmail,
        "max_rows",
        5,
    );
    let columns = with_limits(Limits {
        max_columns: 1,
        ..Limits::default()
    });
    refused(
        FileKind::Exmail,
        run(&book, &wecom_ok(), None, &columns),
        &["row 1", "max_columns = 1"],
    );
    let cells = with_limits(Limits {
        max_cell_bytes: 8,
        ..Limits::default()
    });
    refused(
        FileKind::Exmail,
        run(&book, &wecom_ok(), None, &cells),
        &["row 1, column 1", "max_cell_bytes = 8"],
    );
}

// ---- broken text ----

#[test]
fn empty_file() {
    refused_exmail(b"", &["the file is empty"]);
    let r = run(&exmail_ok(), b"", None, &Options::default());
    refused(FileKind::Wecom, r, &["the file is empty"]);
    let r = run(&exmail_ok(), &wecom_ok(), Some(b""), &Options::default());
    refused(FileKind::Roster, r, &["the file is empty"]);
}

#[test]
fn bom_only() {
    refused_exmail(b"\xEF\xBB\xBF", &["the file is empty"]);
    refused_exmail(b"\xFF\xFE", &["the file is empty"]);
}

#[test]
fn blank_lines_only_are_refused_as_empty() {
    refused_exmail(b"\r\n\r\n  \n,,,\n", &["no rows"]);
}

#[test]
fn header_only() {
    // No account below the header: nothing to check, refused rather than "importable".
    let header = format!("{EXMAIL_HEADER}\n");
    refused_exmail(header.as_bytes(), &["no rows below the header", "row 1"]);
    // A WeCom file with no member yet is a real situation (a new WeCom): a report, with every
    // account an other mailbox.
    let c = run(
        &exmail_ok(),
        format!("{WECOM_HEADER}\n").as_bytes(),
        None,
        &Options::default(),
    )
    .unwrap();
    let s = &c.report.summary;
    assert_eq!(
        (s.accounts, s.member, s.other, s.wecom_members),
        (3, 0, 3, 0)
    );
}

#[test]
fn binary_garbage() {
    // Deterministic noise, as from a wrong file picked in the dialog.
    let mut x: u32 = 0x1234_5678;
    let noise: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    refused_exmail(&noise, &["this does not look like a text table"]);
    // The same noise without NULs.
    let no_nul: Vec<u8> = noise.iter().map(|&b| b.max(1)).collect();
    refused_exmail(&no_nul, &["CSV UTF-8"]);
    // A PNG and a PDF.
    refused_exmail(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0", &["NUL"]);
    refused_exmail(
        b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nstream\n\x00\x9c",
        &["NUL"],
    );
}

#[test]
fn nul_bytes() {
    let mut bytes = exmail_ok();
    let at = bytes.len() - 5;
    bytes[at] = 0;
    refused_exmail(&bytes, &["line 4 contains NUL bytes"]);
}

#[test]
fn invalid_utf8_in_a_utf8_file() {
    // A name cut mid-character on row 3: without care it decodes as GB18030 mojibake.
    let mut bytes =
        format!("{EXMAIL_HEADER}\nzhang.wei@acme.cn,张伟,,,,\nli.na@acme.cn,").into_bytes();
    bytes.extend_from_slice(&"李娜".as_bytes()[..4]);
    bytes.extend_from_slice(",,,研发部,正常\nwang@acme.cn,王芳,,,市场部,正常\n".as_bytes());
    refused_exmail(&bytes, &["line 3 is not valid utf-8", "CSV UTF-8"]);
    // With a BOM the encoding is certain: the same answer.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(&bytes);
    refused_exmail(&bom, &["line 3 is not valid utf-8"]);
}

#[test]
fn unterminated_quote() {
    let mut rows = exmail_rows();
    rows.insert(1, "open.quote@acme.cn,\"张伟,13800138000,,研发部,正常");
    let r = run(
        &csv(EXMAIL_HEADER, &rows),
        &wecom_ok(),
        None,
        &Options::default(),
    );
    refused(
        FileKind::Exmail,
        r,
        &[
            "row 3, column 2",
            "never closed",
            "3 line(s) from there to the end of the file",
        ],
    );
    // Long enough to pass the cell limit: the same explanation, not "cell too big".
    let mut text = format!("{EXMAIL_HEADER}\na@acme.cn,\"never closed\n");
    for i in 0..5_000 {
        text.push_str(&format!("b{i}@acme.cn,name {i},,,,\n"));
    }
    refused_exmail(text.as_bytes(), &["row 2, column 2", "never closed"]);
}

#[test]
fn cr_only_line_ends() {
    let text = csv(EXMAIL_HEADER, &exmail_rows());
    let cr: Vec<u8> = text
        .iter()
        .map(|&b| if b == b'\n' { b'\r' } else { b })
        .collect();
    let c = run(&cr, &wecom_ok(), None, &Options::default()).unwrap();
    let rows: Vec<u32> = c.report.assignments.iter().map(|a| a.row).collect();
    assert_eq!(rows, [2, 3, 4]);
    assert_eq!(c.report.summary.member, 2);
}

#[test]
fn ragged_rows() {
    let text = format!(
        "{EXMAIL_HEADER}\nzhang.wei@acme.cn\n\nli.na@acme.cn,李娜,13900139000,,市场部,正常,extra,cells,here\nwang@acme.cn,王芳\n"
    );
    let c = run(text.as_bytes(), &wecom_ok(), None, &Options::default()).unwrap();
    let got: Vec<(&str, u32)> = c
        .report
        .assignments
        .iter()
        .map(|a| (a.email, a.row))
        .collect();
    assert_eq!(
        got,
        [
            ("zhang.wei@acme.cn", 2),
            ("li.na@acme.cn", 4),
            ("wang@acme.cn", 5)
        ]
    );
    // li.na still matches by her enterprise address (the extra cells are ignored).
    assert_eq!(c.report.summary.member, 1);
}

#[test]
fn a_very_wide_row() {
    // 10k real columns: over max_columns, refused naming the row.
    let wide: Vec<String> = (0..10_000).map(|i| format!("c{i}")).collect();
    let text = format!(
        "{EXMAIL_HEADER}\n{}\nzhang.wei@acme.cn,张伟\n",
        wide.join(",")
    );
    refused_exmail(
        text.as_bytes(),
        &["row 2", "10000 columns", "max_columns = 1000"],
    );
    // 10k trailing empty cells (Excel pads some exports): read as the short row it is.
    let padded = format!(
        "{EXMAIL_HEADER}\nzhang.wei@acme.cn,张伟{}\n",
        ",".repeat(10_000)
    );
    let c = run(padded.as_bytes(), &wecom_ok(), None, &Options::default()).unwrap();
    assert_eq!(c.report.summary.accounts, 1);
    // And with the limit raised, the wide row is just a row.
    let raised = with_limits(Limits {
        max_columns: 20_000,
        ..Limits::default()
    });
    let c = run(text.as_bytes(), &wecom_ok(), None, &raised).unwrap();
    assert_eq!(c.report.summary.accounts, 2);
    assert!(rows_of(&c.report, "email-invalid").contains(&("exmail".to_string(), Some(2))));
}

#[test]
fn a_multi_megabyte_cell() {
    let cell = "长".repeat(1 << 20); // 3 MiB of UTF-8
    let text = format!("{EXMAIL_HEADER}\nzhang.wei@acme.cn,张伟\nli.na@acme.cn,{cell}\n");
    refused_exmail(
        text.as_bytes(),
        &["row 3, column 2", "3145728 bytes", "max_cell_bytes = 32767"],
    );
    // Quoted, with line breaks inside: the same.
    let quoted = format!(
        "{EXMAIL_HEADER}\nli.na@acme.cn,\"{}\"\n",
        "x\n".repeat(2 << 20)
    );
    refused_exmail(quoted.as_bytes(), &["row 2, column 2", "max_cell_bytes"]);
    // Raised, it is read (and exported) like any other name.
    let raised = with_limits(Limits {
        max_cell_bytes: 4 << 20,
        ..Limits::default()
    });
    let c = run(text.as_bytes(), &wecom_ok(), None, &raised).unwrap();
    assert_eq!(c.report.summary.accounts, 2);
    let out = c.export_roster(ExportFormat::Csv).unwrap();
    assert!(out.len() > 3 << 20);
}

#[test]
fn spreadsheets_that_are_not() {
    // Refused either way: as unreadable, or (in a build without spreadsheets) as unsupported.
    let (zip, ole) = if cfg!(feature = "xlsx") {
        ("spreadsheet", "xls")
    } else {
        ("`xlsx` feature", "`xlsx` feature")
    };
    refused_exmail(b"PK\x03\x04 not really a zip", &[zip]);
    refused_exmail(
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 not really an xls",
        &[ole],
    );
}

#[cfg(all(feature = "xlsx", feature = "synth"))] // rust_xlsxwriter comes with synth
#[test]
fn a_truncated_or_corrupted_workbook() {
    let book = xlsx(&exmail_sheet(50));
    for cut in [book.len() / 4, book.len() / 2, book.len() - 10] {
        refused_exmail(&book[..cut], &[]);
    }
    // A flipped byte in every 97th position: refused or read, never a panic.
    let mut bent = book.clone();
    for i in (40..bent.len()).step_by(97) {
        bent[i] ^= 0x5a;
    }
    if let Err(e) = run(&bent, &wecom_ok(), None, &Options::default()) {
        assert!(e.to_string().starts_with("exmail file: "), "{e}");
    }
}

#[test]
fn rows_that_are_wrong_become_findings_on_their_rows() {
    let text = format!(
        "{EXMAIL_HEADER}\nzhang.wei@acme.cn,张伟,1.38E+10,,,\nnot an address,李娜,,,,\n,空地址,,,,\nzhang.wei@acme.cn,重复,,,,\n"
    );
    let c = run(text.as_bytes(), &wecom_ok(), None, &Options::default()).unwrap();
    let r = &c.report;
    assert_eq!(
        rows_of(r, "mobile-mangled"),
        [("exmail".to_string(), Some(2))]
    );
    assert_eq!(
        rows_of(r, "email-invalid"),
        [
            ("exmail".to_string(), Some(3)),
            ("exmail".to_string(), Some(4))
        ]
    );
    assert_eq!(
        rows_of(r, "email-duplicate"),
        [("exmail".to_string(), Some(5))]
    );
    // The invalid address is kept as an account (nothing lost); the empty one is no account.
    let emails: Vec<&str> = r.assignments.iter().map(|a| a.email).collect();
    assert_eq!(emails, ["zhang.wei@acme.cn", "not an address"]);
}

#[test]
fn options_errors_name_options() {
    let e = Options::from_json("{not json").unwrap_err();
    assert!(e.starts_with("options:"), "{e}");
    let o = options(r#"{"features_in_use":["teleport"]}"#);
    let e = run(&exmail_ok(), &wecom_ok(), None, &o).unwrap_err();
    assert!(
        e.file() == Some(roster_check::FileKind::Options) && e.to_string().contains("teleport"),
        "{e}"
    );
    let o = options(r#"{"exmail_file":{"encoding":"klingon"}}"#);
    let e = run(&exmail_ok(), &wecom_ok(), None, &o)
        .unwrap_err()
        .to_string();
    assert!(e.contains("klingon") && e.contains("exmail"), "{e}");
    let o = options(r#"{"wecom_file":{"columns":{"email":"no such header"}}}"#);
    let e = run(&exmail_ok(), &wecom_ok(), None, &o)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("wecom file: ") && e.contains("no such header"),
        "{e}"
    );
}

// ---- formula injection in every export ----

/// Text that a spreadsheet would run if a cell began with it.
#[cfg_attr(
    not(all(feature = "legacy-spreadsheets", feature = "synth")),
    allow(dead_code)
)]
const LIVE: [&str; 8] = [
    "=HYPERLINK(\"http://x\")",
    "@SUM(1)",
    "+1+1",
    "-2+3",
    "=cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "-",
];

fn live(cell: &str) -> bool {
    matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// Every cell of a CSV export (UTF-8 with BOM).
fn csv_cells(bytes: &[u8]) -> Vec<String> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a BOM");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut cells = Vec::new();
    for record in reader.records() {
        cells.extend(record.unwrap().iter().map(str::to_string));
    }
    cells
}

/// [`xlsx_cells`], asserting too that every cell is in a style of the text number format (`@`,
/// id 49), which spreadsheets never evaluate, not even on editing.
#[cfg(feature = "legacy-spreadsheets")]
fn xlsx_text_cells(bytes: &[u8]) -> Vec<String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut styles = String::new();
    zip.by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    let text_styles: Vec<usize> = xfs
        .split("<xf ")
        .skip(1)
        .enumerate()
        .filter(|(_, xf)| xf.contains("numFmtId=\"49\""))
        .map(|(i, _)| i)
        .collect();
    let mut checked = 0;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        if !part
            .name()
            .is_ok_and(|n| n.starts_with("xl/worksheets/sheet"))
        {
            continue;
        }
        let mut sheet = String::new();
        part.read_to_string(&mut sheet).unwrap();
        for cell in sheet.split("<c ").skip(1) {
            let style = cell
                .split(" s=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .and_then(|s| s.parse::<usize>().ok());
            assert!(
                style.is_some_and(|s| text_styles.contains(&s)),
                "a cell not in the text format: <c {}",
                &cell[..cell.len().min(80)]
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "no cell found in the sheets");
    xlsx_cells(bytes)
}

/// Every cell of every sheet of an XLSX export, asserting none holds a formula.
#[cfg(feature = "legacy-spreadsheets")]
fn xlsx_cells(bytes: &[u8]) -> Vec<String> {
    use calamine::{open_workbook_from_rs, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let mut cells = Vec::new();
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "a formula in sheet {name}"
        );
        let range = book.worksheet_range(&name).unwrap();
        for (_, _, value) in range.used_cells() {
            match value {
                calamine::Data::String(s) => cells.push(s.clone()),
                other => panic!("a cell not stored as text: {other:?}"),
            }
        }
    }
    cells
}

/// The planted text shows up (neutralised) and no cell is live.
fn assert_neutralised(what: &str, cells: &[String], planted: &[&str]) {
    for cell in cells {
        assert!(!live(cell), "{what}: live cell {cell:?}");
    }
    for p in planted {
        let p = p.trim();
        assert!(
            cells.iter().any(|c| c.contains(p)),
            "{what}: {p:?} not exported at all"
        );
    }
}

fn injection_inputs() -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let exmail = csv(
        EXMAIL_HEADER,
        &[
            "zhang.wei@acme.cn,=HYPERLINK(\"http://x\"),13800138000,wx_zhangwei,@SUM(1),正常",
            "li.na@acme.cn,+1+1,13900139000,,-2+3,正常",
            "\"=cmd|' /C calc'!A0@acme.cn\",-,,,,正常",
            "tab@acme.cn,\"\t=1+1\",,,,",
            "cr@acme.cn,\"\r=1+1\",,,,",
        ],
    );
    let wecom = csv(
        WECOM_HEADER,
        &[
            "=HYPERLINK(\"http://x\"),ZhangWei,13800138000,,,wx_zhangwei,研发部,1",
            "+1+1,LiNa,13900139000,,li.na@acme.cn,,市场部,1",
        ],
    );
    let roster = csv(
        "邮箱地址,姓名,邮箱类型,企业微信账号,备注",
        &[
            "zhang.wei@acme.cn,=HYPERLINK(\"http://x\"),,,@SUM(1)",
            "li.na@acme.cn,+1+1,,,-2+3",
            "\"=cmd|' /C calc'!A0@acme.cn\",-,其他邮箱,,\"\t=1+1\"",
            "tab@acme.cn,x,,,\"\r=1+1\"",
            "cr@acme.cn,x,,,+1+1",
        ],
    );
    (exmail, wecom, roster)
}

#[test]
fn csv_exports_neutralise_formulas() {
    let (exmail, wecom, roster) = injection_inputs();
    let overrides =
        options(r#"{"overrides":{"tab@acme.cn":{"type":"member","userid":"=1+2"}},"lang":"en"}"#);
    for template in [None, Some(roster.as_slice())] {
        let c = run(&exmail, &wecom, template, &overrides).unwrap();
        assert_eq!(c.report.summary.accounts, 5);
        let out = c.export_roster(ExportFormat::Csv).unwrap();
        let cells = csv_cells(&out);
        let planted: &[&str] = match template {
            None => &["=HYPERLINK", "+1+1", "=cmd|", "=1+2"],
            Some(_) => &[
                "=HYPERLINK",
                "+1+1",
                "=cmd|",
                "@SUM(1)",
                "-2+3",
                "=1+1",
                "=1+2",
            ],
        };
        assert_neutralised("roster csv", &cells, planted);
        let findings = c.export_findings(ExportFormat::Csv).unwrap();
        assert_neutralised("findings csv", &csv_cells(&findings), &["=cmd|"]);
    }
    // The neutralising mark is one leading apostrophe, the text otherwise kept as it was.
    let c = run(&exmail, &wecom, None, &Options::default()).unwrap();
    let cells = csv_cells(&c.export_roster(ExportFormat::Csv).unwrap());
    assert!(
        cells.contains(&"'=HYPERLINK(\"http://x\")".to_string()),
        "{cells:?}"
    );
    assert!(cells.contains(&"'+1+1".to_string()), "{cells:?}");
}

#[cfg(feature = "legacy-spreadsheets")]
#[test]
fn xlsx_exports_store_formulas_as_text() {
    let (exmail, wecom, roster) = injection_inputs();
    for template in [None, Some(roster.as_slice())] {
        let c = run(&exmail, &wecom, template, &Options::default()).unwrap();
        // No formula, every cell a string in the text format (`xlsx_text_cells`): the planted
        // text is there as it was, with no `'` (it would be part of the value).
        let cells = xlsx_text_cells(&c.export_roster(ExportFormat::Xlsx).unwrap());
        for planted in ["=HYPERLINK(\"http://x\")", "+1+1"] {
            assert!(
                cells.iter().any(|c| c == planted),
                "{planted:?} in {cells:?}"
            );
        }
        let findings = xlsx_text_cells(&c.export_findings(ExportFormat::Xlsx).unwrap());
        assert!(
            findings.iter().any(|c| c.starts_with("=cmd|")),
            "{findings:?}"
        );
    }
    // An XLSX roster as the template: same (rust_xlsxwriter, which writes it, comes with synth).
    #[cfg(feature = "synth")]
    {
        let rows: Vec<Vec<String>> = std::iter::once(vec!["邮箱地址", "姓名", "备注"])
            .chain(LIVE.iter().map(|l| vec!["li.na@acme.cn", *l, *l]))
            .map(|r| r.into_iter().map(str::to_string).collect())
            .collect();
        let c = run(&exmail, &wecom, Some(&xlsx(&rows)), &Options::default()).unwrap();
        let cells = xlsx_text_cells(&c.export_roster(ExportFormat::Xlsx).unwrap());
        for planted in ["=HYPERLINK(\"http://x\")", "@SUM(1)", "-2+3"] {
            assert!(
                cells.iter().any(|c| c == planted),
                "{planted:?} in {cells:?}"
            );
        }
        let cells = csv_cells(&c.export_roster(ExportFormat::Csv).unwrap());
        assert_neutralised(
            "roster csv from xlsx",
            &cells,
            &["=HYPERLINK", "@SUM(1)", "-2+3"],
        );
    }
}

// ---- spreadsheet amplification ----

/// One long shared string referenced by thousands of cells: a small, honest-looking workbook
/// whose cell text is a hundred times its inflated size. Bounded like inflation itself.
#[cfg(all(feature = "xlsx", feature = "synth"))] // rust_xlsxwriter comes with synth
#[test]
fn shared_strings_cannot_amplify_past_the_inflation_limit() {
    let long = "长".repeat(3_000); // 9 KB, under the cell limit
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "邮箱帐号").unwrap();
    ws.write_string(0, 1, "姓名").unwrap();
    for r in 1..300u32 {
        ws.write_string(r, 0, format!("u{r}@acme.cn")).unwrap();
        for c in 1..11u16 {
            ws.write_string(r, c, &long).unwrap();
        }
    }
    let book = wb.save_to_buffer().unwrap();
    // ~27 MB of cell text from a workbook that inflates to well under 512 KB.
    assert!(book.len() < 64 << 10, "{}", book.len());
    let o = with_limits(Limits {
        max_xlsx_inflated_bytes: 512 << 10,
        ..Limits::default()
    });
    limit_refusal(
        run(&book, &wecom_ok(), None, &o),
        FileKind::Exmail,
        "max_xlsx_inflated_bytes",
        512 << 10,
    );
}

#[test]
fn a_roster_this_tool_wrote_reads_back_as_written() {
    // A formula-like address and userid are written with a neutralising apostrophe; reading the
    // file back as the wizard roster must see the values, not the marks.
    let exmail = csv(
        EXMAIL_HEADER,
        &[
            "=1+1@acme.cn,x,,,,",
            "zhang.wei@acme.cn,张伟,,wx_zhangwei,,",
        ],
    );
    let o = options(r#"{"overrides":{"=1+1@acme.cn":{"type":"member","userid":"=1+2"}}}"#);
    let first = run(&exmail, &wecom_ok(), None, &o).unwrap();
    for format in [ExportFormat::Csv, ExportFormat::Xlsx] {
        if format == ExportFormat::Xlsx && !cfg!(feature = "xlsx") {
            continue;
        }
        let written = first.export_roster(format).unwrap();
        let second = run(&exmail, &wecom_ok(), Some(&written), &Options::default()).unwrap();
        let a = second.report.assignments.get(0).unwrap();
        assert_eq!(
            (a.email, a.kind, a.userid),
            (
                "=1+1@acme.cn",
                roster_check::AssignmentType::Member,
                Some("=1+2")
            ),
            "{format:?}"
        );
        assert!(!has(&second.report, "unknown-account"), "{format:?}");
        // And filling that roster in again finds its rows instead of appending them.
        let again = csv_cells(&second.export_roster(ExportFormat::Csv).unwrap());
        let rows = again.iter().filter(|c| c.contains("=1+1@acme.cn")).count();
        assert_eq!(rows, 1, "{again:?}");
    }
    // A full-width address in a template row is the same account.
    let roster = csv("邮箱地址,邮箱类型", &["ＺＨＡＮＧ.ＷＥＩ＠ＡＣＭＥ.ＣＮ,"]);
    let c = run(&exmail, &wecom_ok(), Some(&roster), &Options::default()).unwrap();
    let out = csv_cells(&c.export_roster(ExportFormat::Csv).unwrap());
    let zhang = out
        .iter()
        .filter(|c| roster_check::model::normalise::address(c) == "zhang.wei@acme.cn")
        .count();
    assert_eq!(zhang, 1, "filled in, not appended again: {out:?}");
}
