//! Which sheets are read: worksheets only (chart, dialog and macro sheets never), for an Exmail
//! or WeCom file the active tab if it is a visible worksheet, else the first visible worksheet;
//! every worksheet of a roster; a named sheet whatever it is. And formulas without a saved
//! result, counted.

use super::*;
use roster_check::ingest::WorkbookNotes;

const CHART: &str = "chartsheet";
const DIALOG: &str = "dialogsheet";
const MACRO: &str = "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet";
const WORKSHEET: &str = "worksheet";

/// A workbook of several sheets — (name, relationship type, `state`, part XML) — opening on
/// the tab `active`.
pub(super) fn workbook(sheets: &[(&str, &str, &str, String)], active: usize) -> Vec<u8> {
    let mut entries = String::new();
    let mut links = String::new();
    let mut parts: Vec<(String, String)> = Vec::new();
    for (i, (name, kind, state, xml)) in sheets.iter().enumerate() {
        let n = i + 1;
        let state = match *state {
            "" => String::new(),
            state => format!(r#" state="{state}""#),
        };
        entries.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}"{state} r:id="rId{n}"/>"#
        ));
        let kind = match kind.contains('/') {
            true => kind.to_string(),
            false => format!("{REL}/{kind}"),
        };
        links.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="{kind}" Target="sheets/sheet{n}.xml"/>"#
        ));
        parts.push((format!("xl/sheets/sheet{n}.xml"), xml.clone()));
    }
    let book = format!(
        r#"<workbook xmlns="{MAIN}" xmlns:r="{REL}"><bookViews><workbookView activeTab="{active}"/><workbookView activeTab="0"/></bookViews><sheets>{entries}</sheets></workbook>"#
    );
    let rels = format!(r#"<Relationships xmlns="{PKG_REL}">{links}</Relationships>"#);
    let mut all = vec![
        ("xl/workbook.xml".to_string(), book),
        ("xl/_rels/workbook.xml.rels".to_string(), rels),
    ];
    all.extend(parts);
    let borrowed: Vec<(&str, &str)> = all.iter().map(|(p, x)| (p.as_str(), x.as_str())).collect();
    package(&borrowed)
}

fn cells(text: &str) -> String {
    sheet(&format!(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>{text}</t></is></c></row>"#
    ))
}

fn chart() -> String {
    format!(
        r#"<chartsheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>"#
    )
}

pub(super) fn load_as(bytes: &[u8], file: FileKind, sheet: Option<&str>) -> Result<Loaded, Error> {
    let read = ReadOptions {
        sheet: sheet.map(str::to_string),
        ..ReadOptions::default()
    };
    load(bytes, file, &read, &Limits::default())
}

fn names(loaded: &Loaded) -> Vec<String> {
    loaded
        .sheets
        .iter()
        .map(|t| t.sheet.clone().unwrap())
        .collect()
}

/// Chart, a hidden helper of drop-down lists, a dialog and a macro sheet, then the data.
fn helpers_first(active: usize) -> Vec<u8> {
    workbook(
        &[
            ("Chart1", CHART, "", chart()),
            ("下拉选项", WORKSHEET, "hidden", cells("研发部")),
            ("Dialog1", DIALOG, "", cells("dialog")),
            ("Macro1", MACRO, "", cells("=MACRO()")),
            ("成员列表", WORKSHEET, "", cells("账号")),
            ("隐藏", WORKSHEET, "veryHidden", cells("secret")),
        ],
        active,
    )
}

#[test]
fn only_visible_worksheets_are_taken_for_the_data() {
    // Whatever tab is active (the chart, the hidden helper, the dialog…), the data is read.
    for active in 0..6 {
        let loaded = load_as(&helpers_first(active), FileKind::Wecom, None).unwrap();
        assert_eq!(names(&loaded), ["成员列表"], "active tab {active}");
        assert_eq!(loaded.sheets[0].row(0).cell(0), "账号");
        assert_eq!(
            loaded.notes,
            WorkbookNotes::default(),
            "active tab {active}"
        );
    }
}

#[test]
fn a_roster_keeps_every_worksheet_and_a_name_picks_any_worksheet() {
    let book = helpers_first(0);
    let all = load_as(&book, FileKind::Roster, None).unwrap();
    assert_eq!(names(&all), ["下拉选项", "成员列表", "隐藏"]);
    let hidden = load_as(&book, FileKind::Exmail, Some("隐藏")).unwrap();
    assert_eq!(names(&hidden), ["隐藏"]);
    let e = load_as(&book, FileKind::Exmail, Some("Chart1")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "exmail file: sheet `Chart1` is a chart sheet, not a worksheet: name one of 下拉选项, 成员列表, 隐藏"
    );
    let e = load_as(&book, FileKind::Exmail, Some("Macro1")).unwrap_err();
    assert!(e.to_string().contains("is a macro sheet"), "{e}");
}

#[test]
fn the_active_worksheet_is_read_and_the_others_holding_rows_named() {
    let book = |active| {
        workbook(
            &[
                ("在职", WORKSHEET, "", cells("zhang@acme.cn")),
                ("离职", WORKSHEET, "", cells("li@acme.cn")),
                // Styled but empty cells: no rows.
                (
                    "空白",
                    WORKSHEET,
                    "",
                    sheet(
                        r#"<row r="1"><c r="A1" s="0"/><c r="B1" t="inlineStr"><is><t></t></is></c></row>"#,
                    ),
                ),
                ("Chart1", CHART, "", chart()),
            ],
            active,
        )
    };
    let first = load_as(&book(0), FileKind::Exmail, None).unwrap();
    assert_eq!(names(&first), ["在职"]);
    assert_eq!(first.notes.other_sheets, ["离职"]);
    let second = load_as(&book(1), FileKind::Exmail, None).unwrap();
    assert_eq!(names(&second), ["离职"]);
    assert_eq!(second.notes.other_sheets, ["在职"]);
    // Named: a choice the admin made, nothing to say.
    let named = load_as(&book(0), FileKind::Exmail, Some("离职")).unwrap();
    assert_eq!(named.notes.other_sheets, Vec::<String>::new());
}

#[test]
fn formulas_without_a_saved_result_are_counted() {
    let formulas = sheet(concat!(
        r#"<row r="1"><c r="A1"><f>1+1</f></c><c r="B1"><f>1+1</f><v></v></c>"#,
        r#"<c r="C1" t="str"><f>""</f><v></v></c><c r="D1"><f>1+1</f><v>2</v></c>"#,
        r#"<c r="E1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="F1"><f t="shared" si="0"/></c></row>"#,
    ));
    let book = workbook(
        &[
            ("公式", WORKSHEET, "", formulas),
            (
                "其他",
                WORKSHEET,
                "",
                sheet(r#"<row r="1"><c r="A1"><f>2</f></c></row>"#),
            ),
        ],
        0,
    );
    let loaded = load_as(&book, FileKind::Wecom, None).unwrap();
    // A1, B1 and F1 have no result; C1 saved an empty text, D1 and E1 their values.
    assert_eq!(loaded.notes.uncached_formulas, [("公式".to_string(), 3)]);
    let row: Vec<&str> = loaded.sheets[0].row(0).cells().collect();
    assert_eq!(row, ["", "", "", "2", "#DIV/0!"]);
    let all = load_as(&book, FileKind::Roster, None).unwrap();
    assert_eq!(
        all.notes.uncached_formulas,
        [("公式".to_string(), 3), ("其他".to_string(), 1)]
    );
}
