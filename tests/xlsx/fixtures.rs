//! The workbooks of `tests/xlsx/fixtures/` (written by openpyxl, and the same saved again by
//! LibreOffice: `generate.py` there), each case of issue 18 as real producers write it.

use super::sheets::load_as;
use super::*;
use roster_check::AssignmentType;

const PRODUCERS: [&str; 2] = ["", "libreoffice/"];

fn fixture(path: &str) -> Vec<u8> {
    let path = format!("{}/tests/xlsx/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The cells of column `column` below the header of the sheet read for `file`.
fn column(loaded: &Loaded, column: usize) -> Vec<String> {
    let table = &loaded.sheets[0];
    (1..table.len())
        .map(|i| table.row(i).cell(column).to_string())
        .collect()
}

#[test]
fn ids_and_phones_read_as_excel_shows_them() {
    for producer in PRODUCERS {
        let book = fixture(&format!("{producer}wecom_formats.xlsx"));
        let loaded = load_as(&book, FileKind::Wecom, None).unwrap();
        assert_eq!(
            column(&loaded, 1),
            ["000123", "004567", "000089", "100200"],
            "{producer}"
        );
        assert_eq!(
            column(&loaded, 2),
            [
                "+86 13800138000",
                "13900139000",
                "13700137000",
                "13600136000"
            ],
            "{producer}"
        );
        assert_eq!(
            column(&loaded, 6),
            ["7号", "12号", "305号", "4号"],
            "{producer}"
        );
        let dates = ["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04"];
        assert_eq!(column(&loaded, 7), dates, "{producer}");
        // The whole check names the members by the userids WeCom has.
        let exmail = "邮箱帐号,姓名\nzhang.wei@acme.cn,张伟\nli.na@acme.cn,李娜\nwang.fang@acme.cn,王芳\nliu.yang@acme.cn,刘洋\n";
        let inputs = roster_check::Inputs {
            exmail: exmail.as_bytes(),
            wecom: Some(&book),
            roster: None,
        };
        let report = roster_check::check(&inputs, &roster_check::Options::default())
            .unwrap()
            .report;
        let userids: Vec<(AssignmentType, Option<&str>)> = report
            .assignments
            .iter()
            .map(|a| (a.kind, a.userid))
            .collect();
        let member = AssignmentType::Member;
        assert_eq!(
            userids,
            [
                (member, Some("000123")),
                (member, Some("004567")),
                (member, Some("000089")),
                (member, Some("100200"))
            ],
            "{producer}"
        );
    }
}

#[test]
fn a_hidden_helper_sheet_or_a_chart_sheet_first_is_not_the_data() {
    for producer in PRODUCERS {
        for name in ["wecom_hidden_helper.xlsx", "wecom_chart_first.xlsx"] {
            let loaded = load_as(
                &fixture(&format!("{producer}{name}")),
                FileKind::Wecom,
                None,
            )
            .unwrap_or_else(|e| panic!("{producer}{name}: {e}"));
            assert_eq!(
                loaded.sheets[0].sheet.as_deref(),
                Some("成员列表"),
                "{producer}{name}"
            );
            assert_eq!(column(&loaded, 1)[0], "000123", "{producer}{name}");
            assert!(loaded.notes.other_sheets.is_empty(), "{producer}{name}");
        }
    }
}

#[test]
fn other_visible_worksheets_with_rows_are_noted() {
    for producer in PRODUCERS {
        let book = fixture(&format!("{producer}exmail_two_sheets.xlsx"));
        let loaded = load_as(&book, FileKind::Exmail, None).unwrap();
        assert_eq!(
            loaded.sheets[0].sheet.as_deref(),
            Some("在职"),
            "{producer}"
        );
        assert_eq!(loaded.notes.other_sheets, ["离职"], "{producer}");
    }
}

#[test]
fn formulas_without_results_are_counted_and_with_results_read() {
    let openpyxl = load_as(&fixture("wecom_formulas.xlsx"), FileKind::Wecom, None).unwrap();
    assert_eq!(
        openpyxl.notes.uncached_formulas,
        [("成员列表".to_string(), 4)]
    );
    assert_eq!(column(&openpyxl, 2), ["", "", "", ""]);
    let calc = load_as(
        &fixture("libreoffice/wecom_formulas.xlsx"),
        FileKind::Wecom,
        None,
    )
    .unwrap();
    assert!(calc.notes.uncached_formulas.is_empty());
    assert_eq!(column(&calc, 2)[0], "zhang.wei@acme.cn");
}

#[test]
fn a_stray_cell_in_xfd_as_producers_write_it() {
    for producer in PRODUCERS {
        let loaded = load_as(
            &fixture(&format!("{producer}exmail_far_cell.xlsx")),
            FileKind::Exmail,
            None,
        )
        .unwrap_or_else(|e| panic!("{producer}: {e}"));
        let row = loaded.sheets[0].row(2);
        assert_eq!(
            (row.number, row.len(), row.cell(16_383)),
            (3, 16_384, "stray"),
            "{producer}"
        );
        assert_eq!(column(&loaded, 0).len(), 4);
    }
}

#[test]
fn long_numbers_are_shown_as_stored() {
    for (producer, userid, wechat) in [
        ("", "1.101011990030778E+17", "1.234567890123456E+15"),
        (
            "libreoffice/",
            "1.10101199003078E+17",
            "1.23456789012346E+15",
        ),
    ] {
        let loaded = load_as(
            &fixture(&format!("{producer}wecom_id_card.xlsx")),
            FileKind::Wecom,
            None,
        )
        .unwrap();
        let row = loaded.sheets[0].row(1);
        assert_eq!((row.cell(1), row.cell(3)), (userid, wechat), "{producer}");
    }
}

#[test]
fn a_password_protected_workbook_is_refused_saying_how_to_open_it() {
    let e = load_as(&fixture("encrypted.xlsx"), FileKind::Exmail, None).unwrap_err();
    assert_eq!(
        e,
        Error::Encrypted {
            file: FileKind::Exmail
        }
    );
    let message = e.to_string();
    for part in [
        "exmail file: the workbook is password-protected",
        "Encrypt with Password",
        "工作簿设置了打开密码",
        "文件 → 信息 → 保护工作簿 → 用密码进行加密",
        "文件 → 文档加密 → 密码加密",
    ] {
        assert!(message.contains(part), "{message:?} lacks {part:?}");
    }
}
