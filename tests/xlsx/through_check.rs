//! Each case of issue 18 through the public `check` alone (no reader internals), on the
//! workbooks of `tests/xlsx/fixtures/` as openpyxl and LibreOffice write them: what an admin who
//! uploads the file gets. Written against the API of 6381c52 too, so the same file run there
//! shows what each case did before (the report of the issue-18 follow-up lists the outcomes).

use roster_check::AssignmentType;
use roster_check::{check, Checked, Error, Inputs, Options};

const PRODUCERS: [&str; 2] = ["", "libreoffice/"];

/// The four people of the fixtures as an Exmail CSV.
const EXMAIL: &str = "邮箱帐号,姓名\nzhang.wei@acme.cn,张伟\nli.na@acme.cn,李娜\nwang.fang@acme.cn,王芳\nliu.yang@acme.cn,刘洋\n";

/// The same people as a WeCom CSV whose 账号 are what Excel shows in `wecom_formats.xlsx`.
const WECOM: &str = "姓名,账号,企业邮箱\n张伟,000123,zhang.wei@acme.cn\n李娜,004567,li.na@acme.cn\n王芳,000089,wang.fang@acme.cn\n刘洋,100200,liu.yang@acme.cn\n";

fn fixture(path: &str) -> Vec<u8> {
    let path = format!("{}/tests/xlsx/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn run(exmail: &[u8], wecom: &[u8]) -> Result<Checked, Error> {
    let inputs = Inputs {
        exmail,
        wecom: Some(wecom),
        roster: None,
    };
    check(&inputs, &Options::default())
}

/// (kind, userid) of every account, in exmail order.
fn assignments(checked: &Checked) -> Vec<(AssignmentType, Option<String>)> {
    checked
        .report
        .assignments
        .iter()
        .map(|a| (a.kind, a.userid.map(str::to_string)))
        .collect()
}

fn members(userids: [&str; 4]) -> Vec<(AssignmentType, Option<String>)> {
    userids
        .iter()
        .map(|u| (AssignmentType::Member, Some(u.to_string())))
        .collect()
}

#[test]
fn zero_padded_ids_name_the_userids_wecom_has() {
    for producer in PRODUCERS {
        let wecom = fixture(&format!("{producer}wecom_formats.xlsx"));
        let checked = run(EXMAIL.as_bytes(), &wecom).unwrap();
        assert_eq!(
            assignments(&checked),
            members(["000123", "004567", "000089", "100200"]),
            "{producer}"
        );
    }
}

#[test]
fn a_hidden_helper_sheet_first_is_not_taken_for_the_members() {
    for producer in PRODUCERS {
        let wecom = fixture(&format!("{producer}wecom_hidden_helper.xlsx"));
        let checked = run(EXMAIL.as_bytes(), &wecom).unwrap_or_else(|e| panic!("{producer}: {e}"));
        assert_eq!(checked.report.summary.member, 4, "{producer}");
        assert_eq!(
            assignments(&checked),
            members(["000123", "004567", "000089", "100200"]),
            "{producer}"
        );
    }
}

#[test]
fn a_chart_sheet_first_does_not_refuse_the_workbook() {
    for producer in PRODUCERS {
        let wecom = fixture(&format!("{producer}wecom_chart_first.xlsx"));
        let checked = run(EXMAIL.as_bytes(), &wecom).unwrap_or_else(|e| panic!("{producer}: {e}"));
        assert_eq!(checked.report.summary.member, 4, "{producer}");
    }
}

#[test]
fn a_stray_cell_in_column_xfd_does_not_refuse_the_workbook() {
    for producer in PRODUCERS {
        let exmail = fixture(&format!("{producer}exmail_far_cell.xlsx"));
        let checked = run(&exmail, WECOM.as_bytes()).unwrap_or_else(|e| panic!("{producer}: {e}"));
        assert_eq!(
            assignments(&checked),
            members(["000123", "004567", "000089", "100200"]),
            "{producer}"
        );
    }
}

#[test]
fn a_cell_with_an_invalid_reference_is_read_in_its_place() {
    // The second account's address in a cell whose reference is off the grid (`r="0"`):
    // read where it stands, in column A.
    let rows = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>zhang.wei@acme.cn</t></is></c><c r="B2" t="inlineStr"><is><t>张伟</t></is></c></row><row r="3"><c r="0" t="inlineStr"><is><t>li.na@acme.cn</t></is></c><c r="B3" t="inlineStr"><is><t>李娜</t></is></c></row>"#;
    let exmail = super::book(rows, "<si><t>邮箱帐号</t></si><si><t>姓名</t></si>", &[]);
    let checked = run(&exmail, WECOM.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let emails: Vec<&str> = checked.report.assignments.iter().map(|a| a.email).collect();
    assert_eq!(emails, ["zhang.wei@acme.cn", "li.na@acme.cn"]);
    assert_eq!(checked.report.summary.member, 2);
}

#[test]
fn a_password_protected_workbook_is_refused_saying_so() {
    let e = match run(&fixture("encrypted.xlsx"), WECOM.as_bytes()) {
        Ok(_) => panic!("an encrypted workbook was read"),
        Err(e) => e.to_string(),
    };
    for part in [
        "exmail file: the workbook is password-protected",
        "工作簿设置了打开密码",
    ] {
        assert!(e.contains(part), "{e:?} lacks {part:?}");
    }
}

#[test]
fn formulas_without_a_saved_result_are_named_in_a_finding() {
    let checked = run(EXMAIL.as_bytes(), &fixture("wecom_formulas.xlsx")).unwrap();
    let finding = checked
        .report
        .findings
        .iter()
        .find(|f| f.code() == "formula-no-value");
    let finding = finding.unwrap_or_else(|| panic!("{:?}", checked.report.findings));
    let message = finding.message(roster_check::Lang::Zh);
    assert!(message.contains('4'), "{message}");
    // LibreOffice saved the results: they are read, and nothing is said.
    let checked = run(
        EXMAIL.as_bytes(),
        &fixture("libreoffice/wecom_formulas.xlsx"),
    )
    .unwrap();
    assert!(checked
        .report
        .findings
        .iter()
        .all(|f| f.code() != "formula-no-value"));
    assert_eq!(checked.report.summary.member, 4);
}
