//! The XLSX reader (`src/ingest/xlsx`) on hand-made packages: each quirk of the format that
//! real files carry, as Excel, WPS, LibreOffice and other writers produce them. With
//! `legacy-spreadsheets` (calamine compiled in), `differential` reads every XLSX we have with
//! calamine too and asserts the same cells.
#![cfg(feature = "xlsx")]

use roster_check::ingest::{load, Loaded};
use roster_check::options::{Limits, ReadOptions};
use roster_check::{Error, FileKind};

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// An XLSX package of `parts` (path, XML), stored: the usual content types, relationships and a
/// one-sheet workbook (`Sheet1` → `xl/worksheets/sheet1.xml`) are added unless `parts` has them.
fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    let parts: Vec<(&str, &[u8])> = parts.iter().map(|(p, x)| (*p, x.as_bytes())).collect();
    package_bytes(&parts)
}

fn package_bytes(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let workbook_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>"#
    );
    let defaults = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_string()),
        ("_rels/.rels", format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)),
        ("xl/workbook.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#)),
        ("xl/_rels/workbook.xml.rels", workbook_rels),
    ];
    let missing = defaults
        .iter()
        .filter(|(path, _)| !parts.iter().any(|(p, _)| p == path))
        .map(|(path, xml)| (*path, xml.as_bytes()));
    stored(
        parts
            .iter()
            .copied()
            .chain(missing)
            .map(|(path, xml)| (path.to_string(), xml.to_vec())),
    )
}

fn sheet(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>"#
    )
}

fn shared(items: &str) -> String {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">{items}</sst>"#)
}

/// `styles.xml` whose cell styles 0.. use these number formats: built-in ids (`14`), else
/// custom codes (from id 164 on).
fn styles(formats: &[&str]) -> String {
    let mut custom = String::new();
    let mut xfs = String::new();
    for (i, f) in formats.iter().enumerate() {
        let id = match f.parse::<u32>() {
            Ok(builtin) if builtin.to_string() == *f => builtin,
            _ => {
                let id = 164 + i as u32;
                let code = f.replace('&', "&amp;").replace('"', "&quot;");
                custom.push_str(&format!(r#"<numFmt numFmtId="{id}" formatCode="{code}"/>"#));
                id
            }
        };
        xfs.push_str(&format!(
            r#"<xf numFmtId="{id}" fontId="0" fillId="0" borderId="0"/>"#
        ));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}"><numFmts>{custom}</numFmts><cellXfs>{xfs}</cellXfs></styleSheet>"#
    )
}

/// A workbook of one sheet (`rows` inside `<sheetData>`) with shared strings and styles.
fn book(rows: &str, strings: &str, formats: &[&str]) -> Vec<u8> {
    package(&[
        ("xl/worksheets/sheet1.xml", &sheet(rows)),
        ("xl/sharedStrings.xml", &shared(strings)),
        ("xl/styles.xml", &styles(formats)),
    ])
}

fn read(bytes: &[u8]) -> Result<Loaded, Error> {
    load(
        bytes,
        FileKind::Roster,
        &ReadOptions::default(),
        &Limits::default(),
    )
}

/// Row number and cells of every row of the first sheet.
fn rows(bytes: &[u8]) -> Vec<(u32, Vec<String>)> {
    let loaded = read(bytes).unwrap_or_else(|e| panic!("{e}"));
    loaded.sheets[0]
        .rows()
        .map(|r| (r.number, r.cells().map(str::to_string).collect()))
        .collect()
}

fn row(bytes: &[u8]) -> Vec<String> {
    let rows = rows(bytes);
    assert_eq!(rows.len(), 1, "{rows:?}");
    rows.into_iter().next().unwrap().1
}

fn refusal(bytes: &[u8]) -> String {
    match read(bytes) {
        Ok(l) => panic!("read: {:?}", l.sheets),
        Err(e) => e.to_string(),
    }
}

// ---- the cases, each a workbook (the differential test reads them all with calamine too) ----

/// Numbers: phones and ids as digits, fractions as Rust writes them, 16 digits and more in
/// E-notation; untyped text stays text.
fn numbers() -> Vec<u8> {
    book(
        r#"<row r="1"><c r="A1"><v>13800138000</v></c><c r="B1" t="n"><v>13900139000</v></c><c r="C1" s="0"><v>1.5E+3</v></c><c r="D1"><v>0.1</v></c><c r="E1"><v>-3</v></c><c r="F1"><v>1E+16</v></c><c r="G1" s="7"><v>42</v></c><c r="H1"><v>abc</v></c><c r="I1" s="1"><v>12.5</v></c></row>"#,
        "",
        &["0", "0.00"],
    )
}

/// Dates and times by the cell's number format: built-in ids, custom codes (the Chinese ones
/// WPS and Excel on Chinese Windows write), elapsed time.
fn dates() -> Vec<u8> {
    book(
        r#"<row r="1"><c r="A1" s="0"><v>45352</v></c><c r="B1" s="1"><v>45291.354166666664</v></c><c r="C1" s="2"><v>0.385416666666667</v></c><c r="D1" s="3"><v>1.5625</v></c><c r="E1" s="4"><v>45352</v></c><c r="F1" s="5"><v>45352.75</v></c><c r="G1" s="6"><v>45352</v></c><c r="H1" s="7"><v>60</v></c><c r="I1" s="8"><v>0.999999999</v></c></row>"#,
        "",
        &[
            "14",
            "22",
            "hh:mm:ss",
            "[h]:mm:ss",
            r#"yyyy"年"m"月"d"日""#,
            "[$-804]yyyy/m/d h:mm AM/PM",
            r#"0.00"d""#,
            "14",
            "21",
        ],
    )
}

/// One serial under many number format codes, tricky ones included (quotes, escapes, brackets,
/// locales, AM/PM, sections): whether each shows a date, a duration or a number.
fn number_formats() -> Vec<u8> {
    const CODES: [&str; 31] = [
        "General",
        "0.00%",
        "@",
        "DD/MM/YY",
        "H:MM:SS;@",
        r##"#,##0\ [$\u20bd-46D]"##,
        r##"m"M"d"D";@"##,
        "[h]:mm:ss",
        r##""Y: "0.00"m";"Y: "-0.00"m";"Y: <num>m";@"##,
        r##""$"#,##0_);[Red]("$"#,##0)"##,
        r##"[$-404]e"\xfc"m"\xfc"d"\xfc""##,
        r##"0_ ;[Red]\-0\ "##,
        r##"\Y000000"##,
        "[mm]:ss",
        "[ss]",
        "mm:ss.0",
        "AM/PM h",
        "a",
        r##"0.0"a""##,
        "[Red]0",
        r##"[DBNum1][$-804]yyyy"年"m"月"d"日""##,
        "[$-F800]dddd, mmmm dd, yyyy",
        "0_x",
        "*-0",
        r##""a\"b"0"##,
        "[[h]]",
        "[h",
        "h]",
        "yyyy/m/d;@",
        r##"0.00"d""##,
        "[$-409]mmm-yy",
    ];
    let row: String = (0..CODES.len())
        .map(|i| format!(r#"<c s="{i}"><v>45352.5625</v></c>"#))
        .collect();
    book(&format!(r#"<row r="1">{row}</row>"#), "", &CODES)
}

/// The 1904 date system (old Mac Excel).
fn dates_1904() -> Vec<u8> {
    package(&[
        (
            "xl/workbook.xml",
            &format!(
                r#"<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr date1904="1"/><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            &sheet(r#"<row r="1"><c r="A1" s="0"><v>43890</v></c></row>"#),
        ),
        ("xl/styles.xml", &styles(&["14"])),
    ])
}

/// Booleans, error values, ISO dates, and formulas: the cached value counts.
fn types_and_formulas() -> Vec<u8> {
    book(
        r#"<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="b"><v>true</v></c><c r="D1" t="e"><v>#N/A</v></c><c r="E1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="F1" t="d"><v>2024-03-01T08:30:00</v></c><c r="G1"><f>C2+1</f><v>13800138001</v></c><c r="H1" t="str"><f>A2&amp;"&lt;x&gt;"</f><v>a&amp;b &lt;x&gt;_x000A_y</v></c><c r="I1"><f>NOW()</f></c><c r="J1" t="s"><f t="shared" ref="J1:J2" si="0">B1</f><v>0</v></c></row>"#,
        r#"<si><t>共享</t></si>"#,
        &[],
    )
}

/// Shared strings: rich-text runs joined, phonetic runs (furigana) left out, white space
/// trimmed unless preserved (a no-break space is kept), Excel's `_xHHHH_` escapes, references.
fn shared_strings() -> Vec<u8> {
    book(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c><c r="H1" t="s"><v>7</v></c><c r="I1" t="s"><v>8</v></c></row>"#,
        concat!(
            r#"<si><r><rPr><b/><sz val="11"/></rPr><t>张</t></r><r><t xml:space="preserve">伟 </t></r><rPh sb="0" eb="1"><t>ちょう</t></rPh><phoneticPr fontId="1"/></si>"#,
            r#"<si><t xml:space="preserve">  li.na@example.cn </t></si>"#,
            "<si><t>\n  wang@example.cn\t</t></si>",
            "<si><t>\u{a0}nbsp\u{a0}</t></si>",
            "<si><t>a_x000D__x000A_b _x005F_x000D_ _xD83D__xDE00_ _xD83D_ x_x_y</t></si>",
            "<si><t>&amp;&lt;&gt;&quot;&apos;&#20013;&#x6587;<![CDATA[<cdata>]]></t></si>",
            "<si><t/></si>",
            "<si></si>",
            "<si><t>line one\r\nline two</t></si>",
        ),
        &[],
    )
}

/// Inline strings (`t="inlineStr"`, what our own writer and many exporters write).
fn inline_strings() -> Vec<u8> {
    book(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>inline</t></is></c><c r="B1" t="inlineStr"><is><r><t>ri</t></r><r><t>ch</t></r></is></c><c r="C1" t="inlineStr"><v>ignored</v><is><t xml:space="preserve"> kept </t></is></c><c r="D1" t="inlineStr"></c></row>"#,
        "",
        &[],
    )
}

/// Empty cells, cells without `r` (placed after the previous one), rows without `r`, gaps.
fn positions() -> Vec<u8> {
    book(
        r#"<row r="2"><c><v>1</v></c><c><v>2</v></c><c r="E2"><v>5</v></c><c><v>6</v></c><c r="H2"/><c r="I2" s="0"></c></row><row><c><v>7</v></c></row><row r="6" spans="1:3"/><row r="7"><c r="C7"><v>9</v></c></row>"#,
        "",
        &["0"],
    )
}

/// Every element with a namespace prefix, as .NET's Open XML SDK exporters write.
fn prefixed() -> Vec<u8> {
    package(&[
        (
            "xl/workbook.xml",
            &format!(
                r#"<x:workbook xmlns:x="{MAIN}" xmlns:r="{REL}"><x:sheets><x:sheet name="导出" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            &format!(
                r#"<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c><x:c r="C1"><x:v>13800138000</x:v></x:c></x:row></x:sheetData></x:worksheet>"#
            ),
        ),
        (
            "xl/sharedStrings.xml",
            &format!(r#"<x:sst xmlns:x="{MAIN}"><x:si><x:t>邮箱帐号</x:t></x:si></x:sst>"#),
        ),
    ])
}

/// What Excel writes around the cells: markup compatibility, row spans and heights, views,
/// extension lists; shared strings with counts; a date style.
fn excel_like() -> Vec<u8> {
    package(&[
        (
            "xl/worksheets/sheet1.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{MAIN}" xmlns:r="{REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xr:uid="{{00000000-0001-0000-0000-000000000000}}"><dimension ref="A1:C3"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="14.25" x14ac:dyDescent="0.2"/><cols><col min="1" max="1" width="24" customWidth="1"/></cols><sheetData><row r="1" spans="1:3" x14ac:dyDescent="0.2"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2" spans="1:3" ht="15" customHeight="1" x14ac:dyDescent="0.2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>13800138000</v></c><c r="C2" s="2"><v>45352</v></c></row></sheetData><phoneticPr fontId="1" type="noConversion"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><extLst><ext uri="{{x}}"><x14:foo xmlns:x14="urn:x"/></ext></extLst></worksheet>"#
            ),
        ),
        (
            "xl/sharedStrings.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="{MAIN}" count="4" uniqueCount="4"><si><t>邮箱帐号</t><phoneticPr fontId="1" type="noConversion"/></si><si><t>手机</t></si><si><t>入职日期</t></si><si><t>zhang.wei@example.cn</t></si></sst>"#
            ),
        ),
        ("xl/styles.xml", &styles(&["0", "0", "yyyy/m/d;@"])),
    ])
}

/// What WPS writes: `<sheetPr>`, custom number formats from 176 with Chinese dates, cells
/// typed `t="n"`, and the workbook's parts at their usual paths but with differently-cased names.
fn wps_like() -> Vec<u8> {
    package(&[
        (
            "xl/workbook.xml",
            &format!(
                r#"<workbook xmlns="{MAIN}" xmlns:r="{REL}"><fileVersion appName="xl"/><workbookPr/><bookViews><workbookView windowWidth="28800"/></bookViews><sheets><sheet name="通讯录" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="144525"/></workbook>"#
            ),
        ),
        (
            "xl/worksheets/Sheet1.XML",
            &format!(
                r#"<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><sheetPr/><dimension ref="A1:B2"/><sheetData><row r="1" spans="1:2"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="1" t="s"><v>1</v></c></row><row r="2" spans="1:2"><c r="A2" s="1" t="n"><v>13800138000</v></c><c r="B2" s="2"><v>45352</v></c></row></sheetData></worksheet>"#
            ),
        ),
        (
            "xl/sharedStrings.xml",
            &shared("<si><t>手机</t></si><si><t>入职日期</t></si>"),
        ),
        (
            "xl/styles.xml",
            &format!(
                r#"<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="49" applyNumberFormat="1"/><xf numFmtId="176" applyNumberFormat="1"/></cellXfs></styleSheet>"#
            ),
        ),
    ])
}

/// Parts found through relationships wherever they are: the workbook outside `xl/`, an absolute
/// sheet target, a relative one with `..`, shared strings under another name, `\` in a name.
fn unusual_paths() -> Vec<u8> {
    package(&[
        (
            "_rels/.rels",
            &format!(
                r#"<Relationships xmlns="{PKG_REL}"><Relationship Id="r1" Type="{REL}/extended-properties" Target="docProps/app.xml"/><Relationship Id="r2" Type="{REL}/officeDocument" Target="/book/main.xml"/></Relationships>"#
            ),
        ),
        (
            "book/main.xml",
            &format!(
                r#"<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="甲" sheetId="1" r:id="a"/><sheet name="乙 &amp; 丙" sheetId="2" r:id="b"/></sheets></workbook>"#
            ),
        ),
        (
            "book/_rels/main.xml.rels",
            &format!(
                r#"<Relationships xmlns="{PKG_REL}"><Relationship Id="a" Type="{REL}/worksheet" Target="/sheets/one.xml"/><Relationship Id="b" Type="{REL}/worksheet" Target="../sheets/two.xml"/><Relationship Id="s" Type="{REL}/sharedStrings" Target="text.xml"/></Relationships>"#
            ),
        ),
        (
            "book/text.xml",
            &shared("<si><t>甲一</t></si><si><t>乙一</t></si>"),
        ),
        (
            "sheets/one.xml",
            &sheet(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#),
        ),
        (
            "sheets\\two.xml",
            &sheet(r#"<row r="1"><c r="A1" t="s"><v>1</v></c></row>"#),
        ),
    ])
}

#[cfg_attr(not(feature = "legacy-spreadsheets"), allow(dead_code))]
/// Every workbook above, by name, except `unusual_paths`: calamine finds neither a target with
/// `..` nor shared strings outside `xl/sharedStrings.xml`.
fn cases() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("numbers", numbers()),
        ("dates", dates()),
        ("number_formats", number_formats()),
        ("dates_1904", dates_1904()),
        ("types_and_formulas", types_and_formulas()),
        ("shared_strings", shared_strings()),
        ("inline_strings", inline_strings()),
        ("positions", positions()),
        ("prefixed", prefixed()),
        ("excel_like", excel_like()),
        ("wps_like", wps_like()),
    ]
}

#[test]
fn numbers_as_people_read_them() {
    assert_eq!(
        row(&numbers()),
        [
            "13800138000",
            "13900139000",
            "1500",
            "0.1",
            "-3",
            "1E+16",
            "42",
            "abc",
            "12.5"
        ]
    );
}

#[test]
fn dates_and_times_by_number_format() {
    assert_eq!(
        row(&dates()),
        [
            "2024-03-01",
            "2023-12-31 08:30:00",
            "09:15:00",
            "37:30:00",
            "2024-03-01",
            "2024-03-01 18:00:00",
            "45352",
            "1900-02-29",
            "1900-01-01"
        ]
    );
    assert_eq!(row(&dates_1904()), ["2024-03-01"]);
    let formats = row(&number_formats());
    assert_eq!(
        [
            &formats[0],
            &formats[3],
            &formats[7],
            &formats[12],
            &formats[20]
        ],
        [
            "45352.5625",
            "2024-03-01 13:30:00",
            "1088461:30:00",
            "45352.5625",
            "2024-03-01 13:30:00"
        ]
    );
}

#[test]
fn booleans_errors_iso_dates_and_formula_results() {
    assert_eq!(
        row(&types_and_formulas()),
        [
            "TRUE",
            "FALSE",
            "TRUE",
            "#N/A",
            "#DIV/0!",
            "2024-03-01T08:30:00",
            "13800138001",
            "a&b <x>\ny",
            "",
            "共享"
        ]
    );
}

#[test]
fn shared_strings_as_excel_shows_them() {
    assert_eq!(
        row(&shared_strings()),
        [
            "张伟 ",
            "  li.na@example.cn ",
            "wang@example.cn",
            "\u{a0}nbsp\u{a0}",
            "a\r\nb _x000D_ 😀 \u{fffd} x_x_y",
            "&<>\"'中文<cdata>",
            "",
            "",
            "line one\nline two"
        ]
    );
}

#[test]
fn inline_strings_as_written() {
    assert_eq!(row(&inline_strings()), ["inline", "rich", " kept "]);
}

#[test]
fn cells_and_rows_without_positions_follow_the_previous_ones() {
    let empty = String::new;
    assert_eq!(
        rows(&positions()),
        [
            (
                2,
                vec![
                    "1".into(),
                    "2".into(),
                    empty(),
                    empty(),
                    "5".into(),
                    "6".into()
                ]
            ),
            (3, vec!["7".into()]),
            (7, vec![empty(), empty(), "9".into()]),
        ]
    );
}

#[test]
fn namespace_prefixes() {
    let loaded = read(&prefixed()).unwrap();
    assert_eq!(loaded.sheets[0].sheet.as_deref(), Some("导出"));
    assert_eq!(row(&prefixed()), ["邮箱帐号", "内联", "13800138000"]);
}

#[test]
fn excel_and_wps_markup_around_the_cells() {
    assert_eq!(
        rows(&excel_like()),
        [
            (1, vec!["邮箱帐号".into(), "手机".into(), "入职日期".into()]),
            (
                2,
                vec![
                    "zhang.wei@example.cn".into(),
                    "13800138000".into(),
                    "2024-03-01".into()
                ]
            ),
        ]
    );
    assert_eq!(
        rows(&wps_like()),
        [
            (1, vec!["手机".into(), "入职日期".into()]),
            (2, vec!["13800138000".into(), "2024-03-01".into()]),
        ]
    );
}

#[test]
fn parts_are_found_through_relationships() {
    let loaded = read(&unusual_paths()).unwrap();
    let sheets: Vec<_> = loaded
        .sheets
        .iter()
        .map(|t| (t.sheet.clone().unwrap(), t.row(0).cell(0).to_string()))
        .collect();
    assert_eq!(
        sheets,
        [
            ("甲".into(), "甲一".into()),
            ("乙 & 丙".into(), "乙一".into())
        ]
    );
}

/// Where we read differently from calamine, on purpose (the differential test leaves these out).
#[test]
fn deliberate_differences_from_calamine() {
    // Any error value (newer Excel writes #SPILL!, #CALC!, …), where calamine refused the file.
    let errors = book(
        r#"<row r="1"><c r="A1" t="e"><v>#SPILL!</v></c><c r="B1" t="e"><v>#GETTING_DATA</v></c></row>"#,
        "",
        &[],
    );
    assert_eq!(row(&errors), ["#SPILL!", "#GETTING_DATA"]);
    // A <v> after the <is> of an inline string is ignored (calamine let it blank the cell).
    let inline = book(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>text</t></is><v>x</v></c></row>"#,
        "",
        &[],
    );
    assert_eq!(row(&inline), ["text"]);
    // A malformed <dimension> or sheet `state` does not matter: neither is read.
    let dimension = package(&[(
        "xl/worksheets/sheet1.xml",
        &format!(
            r#"<worksheet xmlns="{MAIN}"><dimension ref="B9:A1x"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>"#
        ),
    )]);
    assert_eq!(row(&dimension), ["1"]);
}

#[test]
fn broken_workbooks_are_refused_naming_the_file_part_and_cell() {
    let cell = |xml: &str| {
        refusal(&book(
            &format!(r#"<row r="1">{xml}</row>"#),
            "<si><t>a</t></si>",
            &[],
        ))
    };
    for (xml, wanted) in [
        (
            r#"<c r="B1" t="x"><v>1</v></c>"#,
            r#"cell B1: unknown cell type t="x""#,
        ),
        (
            r#"<c r="B1" t="s"><v>7</v></c>"#,
            "cell B1: shared string 7 is not in the shared strings",
        ),
        (
            r#"<c r="B1" t="b"><v>2</v></c>"#,
            "cell B1: `2` is not a boolean",
        ),
        (
            r#"<c r="C1" t="n"><v>x</v></c>"#,
            "cell C1: `x` is not a number",
        ),
        (r#"<c r="A1"><foo/></c>"#, "cell A1: unexpected <foo>"),
        (r#"<c r="A1"><v>1</v>"#, "ends inside <c>"),
    ] {
        let e = cell(xml);
        assert!(
            e.starts_with("roster file: cannot read the xlsx workbook: sheet `Sheet1`: xl/worksheets/sheet1.xml")
                && e.contains(wanted)
                && e.ends_with("(save it again in Excel, or as CSV UTF-8)"),
            "{xml}: {e}"
        );
    }
    let e = refusal(&book(
        r#"<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>"#,
        "",
        &[],
    ));
    assert!(
        e.starts_with("roster file: the sheet lists row 2 after row 3"),
        "{e}"
    );

    let part = |path: &str, xml: &[u8]| refusal(&replace_part(&book("", "", &[]), path, xml));
    let e = part(
        "xl/worksheets/sheet1.xml",
        br#"<?xml version="1.0" encoding="GBK"?><worksheet/>"#,
    );
    assert!(
        e.contains("xl/worksheets/sheet1.xml is declared as GBK XML, which is not read here (UTF-8, UTF-16 and ISO-8859-1 are)"),
        "{e}"
    );
    let e = part(
        "xl/worksheets/sheet1.xml",
        format!(r#"<chartsheet xmlns="{MAIN}"/>"#).as_bytes(),
    );
    assert!(e.contains("has no <sheetData>: not a worksheet"), "{e}");
    let e = part("xl/sharedStrings.xml", b"<sst><si><t>&nbsp;</t></si></sst>");
    assert!(
        e.contains("xl/sharedStrings.xml: unknown entity &nbsp;"),
        "{e}"
    );
    let e = part(
        "_rels/.rels",
        format!(r#"<Relationships xmlns="{PKG_REL}"></Relationships>"#).as_bytes(),
    );
    assert!(e.contains("_rels/.rels names no workbook part"), "{e}");
}

/// `bytes` with the part `path` replaced by `xml`.
fn replace_part(bytes: &[u8], path: &str, xml: &[u8]) -> Vec<u8> {
    let entries = entries(bytes)
        .into_iter()
        .map(|(name, body)| match name == path {
            true => (name, xml.to_vec()),
            false => (name, body),
        });
    stored(entries)
}

/// Every entry of a zip: name and contents, in order.
fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut body = Vec::new();
            entry.read_to_end(&mut body).unwrap();
            (entry.name().unwrap().to_string(), body)
        })
        .collect()
}

/// A zip of `entries`, stored (not deflated).
fn stored(entries: impl IntoIterator<Item = (String, Vec<u8>)>) -> Vec<u8> {
    use std::io::Write;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in entries {
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(&body).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// A zip that is no XLSX — an ODS whose `mimetype` is not its first entry, so not known by its
/// first bytes: natively calamine reads it; the browser build says it is not an .xlsx.
#[test]
fn a_zip_that_is_not_an_xlsx() {
    let path = format!(
        "{}/tests/fixtures/ingest/exmail_phones.ods",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut parts = entries(&std::fs::read(path).unwrap());
    parts.rotate_left(1);
    assert_ne!(parts[0].0, "mimetype");
    let bytes = stored(parts);
    if cfg!(feature = "legacy-spreadsheets") {
        let loaded = read(&bytes).unwrap();
        assert_eq!(loaded.sheets[0].row(1).cell(2), "13800138000");
    } else {
        let e = refusal(&bytes);
        assert!(
            e.contains("it has no _rels/.rels, so it is no .xlsx"),
            "{e}"
        );
    }
}

#[cfg(feature = "legacy-spreadsheets")]
#[path = "xlsx/differential.rs"]
mod differential;

#[cfg(feature = "legacy-spreadsheets")]
#[path = "xlsx/corpus.rs"]
mod corpus;

#[cfg(feature = "legacy-spreadsheets")]
#[path = "xlsx/compound.rs"]
mod compound;

#[path = "xlsx/fixtures.rs"]
mod fixtures;

#[path = "xlsx/formats.rs"]
mod formats;

#[path = "xlsx/positions.rs"]
mod positions;

#[path = "xlsx/sheets.rs"]
mod sheets;

#[path = "xlsx/through_check.rs"]
mod through_check;

/// Reading one big XLSX, ours against calamine's cell reader (with `legacy-spreadsheets`), best
/// of 5, alternating. By hand, in an optimised build:
/// `XLSX=/tmp/big/exmail.xlsx CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
/// cargo test --release --test xlsx -- --ignored reading_speed --nocapture`
#[test]
#[ignore = "timing; run by hand in an optimised build"]
fn reading_speed() {
    use std::time::Instant;
    let path = std::env::var("XLSX").expect("XLSX=path of a big workbook");
    let bytes = std::fs::read(&path).unwrap();
    let mut ours = f64::MAX;
    #[cfg_attr(not(feature = "legacy-spreadsheets"), allow(unused_mut))]
    let mut theirs = f64::MAX;
    let mut cells = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let loaded = load(
            &bytes,
            FileKind::Exmail,
            &ReadOptions::default(),
            &Limits::default(),
        )
        .unwrap();
        ours = ours.min(start.elapsed().as_secs_f64());
        cells = loaded.sheets[0].rows().map(|r| r.len()).sum::<usize>();
        #[cfg(feature = "legacy-spreadsheets")]
        {
            use calamine::{Data, Reader, Xlsx};
            let start = Instant::now();
            let mut book: Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(&bytes)).unwrap();
            let first = book.sheet_names()[0].clone();
            let mut reader = book.worksheet_cells_reader(&first).unwrap();
            let mut text = String::new();
            while let Some(cell) = reader.next_cell().unwrap() {
                text.clear();
                roster_check::ingest::xlsx::write_calamine_cell(
                    &mut text,
                    &Data::from(cell.get_value().clone()),
                );
            }
            theirs = theirs.min(start.elapsed().as_secs_f64());
        }
    }
    let calamine = if theirs < f64::MAX {
        format!(", calamine's cell reader {theirs:.3} s")
    } else {
        String::new()
    };
    eprintln!(
        "{path}: {} bytes, {cells} cells: ours {ours:.3} s{calamine}",
        bytes.len()
    );
}
