//! Positions inside Excel's own grid (columns A–XFD, rows 1–1,048,576): a stray far cell reads,
//! in memory bounded by the cells used; references outside the grid or malformed fall back to
//! position order. And parts in the encodings Excel Mobile and others declare.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use super::*;

/// Counts the bytes this thread allocates, to measure what reading a sheet keeps.
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn track(delta: isize) {
    // `try_with`: a thread being torn down has no counters left.
    let _ = LIVE.try_with(|live| {
        live.set(live.get() + delta);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(live.get())));
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        track(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        track(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        track(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The most this thread held at once while running `f`, above what it held before.
fn peak_bytes<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(before));
    let out = f();
    let peak = PEAK.with(Cell::get);
    (out, (peak - before).max(0) as usize)
}

/// Two real columns on `rows` rows, and a cell in column XFD on the rows `far` picks.
fn two_columns_and_xfd(rows: u32, far: impl Fn(u32) -> bool) -> Vec<u8> {
    let mut xml = String::from(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>邮箱帐号</t></is></c><c r="B1" t="inlineStr"><is><t>姓名</t></is></c></row>"#,
    );
    for r in 2..=rows {
        xml.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>u{r}@acme.cn</t></is></c><c r="B{r}"><v>{r}</v></c>"#
        ));
        if far(r) {
            xml.push_str(&format!(r#"<c r="XFD{r}"><v>1</v></c>"#));
        }
        xml.push_str("</row>");
    }
    package(&[("xl/worksheets/sheet1.xml", &sheet(&xml))])
}

#[test]
fn a_stray_cell_in_column_xfd_is_read() {
    let book = two_columns_and_xfd(5, |r| r == 3);
    let loaded = super::sheets::load_as(&book, FileKind::Exmail, None).unwrap();
    let table = &loaded.sheets[0];
    let row = table.row(2);
    assert_eq!((row.number, row.len()), (3, 16_384));
    assert_eq!(
        (row.cell(0), row.cell(1), row.cell(16_383), row.cell(9_000)),
        ("u3@acme.cn", "3", "1", "")
    );
    assert_eq!(row.cells().filter(|c| !c.is_empty()).count(), 3);
    assert_eq!(table.row(3).len(), 2);
    // Through the whole check: every account is there.
    let wecom = b"userid\nx\n";
    let inputs = roster_check::Inputs {
        exmail: &book,
        wecom: Some(wecom),
        roster: None,
    };
    let checked = roster_check::check(&inputs, &roster_check::Options::default()).unwrap();
    assert_eq!(checked.report.summary.accounts, 4);
}

#[test]
fn memory_follows_the_cells_used_not_their_positions() {
    const ROWS: u32 = 2_000;
    let plain = two_columns_and_xfd(ROWS, |_| false);
    let far = two_columns_and_xfd(ROWS, |_| true);
    let read = |bytes: &[u8]| super::sheets::load_as(bytes, FileKind::Exmail, None).unwrap();
    let (_, plain_peak) = peak_bytes(|| read(&plain));
    let (loaded, far_peak) = peak_bytes(|| read(&far));
    assert_eq!(loaded.sheets[0].row(ROWS as usize - 1).cell(16_383), "1");
    // Rows padded to XFD would take 2,000 × 16,384 cells × 8 bytes = 262 MB.
    eprintln!("peak while reading {ROWS} rows: {plain_peak} bytes; with a cell in XFD on each: {far_peak} bytes");
    assert!(
        far_peak < 2 * plain_peak + (1 << 20),
        "{far_peak} vs {plain_peak}"
    );
}

#[test]
fn positions_outside_the_grid_or_malformed_follow_the_previous_cell() {
    let rows = super::rows(&book(
        concat!(
            r#"<row r="1"><c r="A1"><v>1</v></c><c r="0"><v>2</v></c><c r="garbage"><v>3</v></c>"#,
            r#"<c r="XFE1"><v>4</v></c><c r="1B"><v>5</v></c><c r="A0"><v>6</v></c></row>"#,
            r#"<row r="0"><c><v>7</v></c></row><row r="1048577"><c r="A1048577"><v>8</v></c></row>"#,
        ),
        "",
        &[],
    ));
    let text = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    assert_eq!(
        rows,
        [
            (1, text(&["1", "2", "3", "4", "5", "6"])),
            (2, text(&["7"])),
            (3, text(&["8"])),
        ]
    );
    // Without positions, cells past XFD are no cell Excel could have written.
    let wide: String = (0..16_385).map(|_| "<c><v>1</v></c>").collect();
    let e = refusal_with(
        &book(&format!("<row>{wide}</row>"), "", &[]),
        Limits {
            max_columns: 20_000,
            ..Limits::default()
        },
    );
    assert!(
        e.contains("row 1: a cell past Excel's last column XFD"),
        "{e}"
    );
}

#[test]
fn a_row_using_too_many_cells_is_still_refused() {
    // 1,001 cells with text in one row: over the default max_columns, wherever they are.
    let cells: String = (0..1_001)
        .map(|i| format!(r#"<c r="{}1"><v>1</v></c>"#, column_letters(i * 16)))
        .collect();
    let e = refusal_with(
        &book(&format!(r#"<row r="1">{cells}</row>"#), "", &[]),
        Limits::default(),
    );
    assert!(
        e.contains("row 1: a cell in column 16001 makes 1001 cells with text in the row, over max_columns = 1000"),
        "{e}"
    );
}

fn column_letters(index: u32) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap()
}

fn refusal_with(bytes: &[u8], limits: Limits) -> String {
    match load(bytes, FileKind::Roster, &ReadOptions::default(), &limits) {
        Ok(l) => panic!("read: {:?}", l.sheets),
        Err(e) => e.to_string(),
    }
}

#[test]
fn parts_in_utf16_and_iso_8859_1_are_read() {
    let xml = sheet(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Zoë 张伟</t></is></c></row>"#)
        .replace(r#"encoding="UTF-8""#, r#"encoding="UTF-16""#);
    let le: Vec<u8> = xml.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = xml.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (name, bytes) in [
        ("LE with BOM", [&[0xFF, 0xFE][..], &le].concat()),
        ("BE with BOM", [&[0xFE, 0xFF][..], &be].concat()),
        ("LE without BOM", le.clone()),
        ("BE without BOM", be.clone()),
    ] {
        let book = package_bytes(&[("xl/worksheets/sheet1.xml", &bytes)]);
        assert_eq!(super::row(&book), ["Zoë 张伟"], "{name}");
    }
    let latin1 = br#"<?xml version="1.0" encoding="ISO-8859-1"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Zo"#
        .iter()
        .chain(b"\xEB M\xFCller\xA0</t></is></c></row></sheetData></worksheet>")
        .copied()
        .collect::<Vec<u8>>();
    let book = package_bytes(&[("xl/worksheets/sheet1.xml", &latin1)]);
    assert_eq!(super::row(&book), ["Zoë Müller\u{a0}"]);
    // A lone surrogate is no UTF-16.
    let broken = [&[0xFF, 0xFE][..], &[0x00, 0xD8, b'<', 0]].concat();
    let e = refusal_with(
        &package_bytes(&[("xl/worksheets/sheet1.xml", &broken)]),
        Limits::default(),
    );
    assert!(
        e.contains("xl/worksheets/sheet1.xml is not valid UTF-16 XML"),
        "{e}"
    );
}
