//! The roster writer, on reports and templates built by hand.

use super::*;
use crate::export::test_support::*;
use crate::export::write_roster;
use crate::ingest::Format;
use crate::vocab::MatchedBy;

fn csv_text(bytes: Vec<u8>) -> String {
    let text = String::from_utf8(bytes).unwrap();
    text.strip_prefix('\u{feff}').expect("a BOM").to_string()
}

/// The output as rows of cells (the CSV read back).
fn csv_rows(bytes: Vec<u8>) -> Vec<Vec<String>> {
    let text = csv_text(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn sample() -> Report {
    report(
        vec![
            member(
                "zhang.wei@example.cn",
                "张伟",
                "ZhangWei",
                MatchedBy::WechatId,
            ),
            other("partner1@example.cn", "合作方1"),
            assignment(
                "li.na@example.cn",
                "李, 娜",
                AssignmentType::Unassigned,
                None,
                None,
            ),
            member("wang@example.cn", "王五", "wangwu", MatchedBy::Override),
        ],
        vec![],
    )
}

#[test]
fn default_layout_bytes_exactly() {
    let out = write_roster(&sample(), None, ExportFormat::Csv).unwrap();
    let expected = "\u{feff}邮箱地址,姓名,邮箱类型,企业微信账号,匹配依据\r\n\
        zhang.wei@example.cn,张伟,成员邮箱,ZhangWei,微信ID\r\n\
        partner1@example.cn,合作方1,其他邮箱,,\r\n\
        li.na@example.cn,\"李, 娜\",,,\r\n\
        wang@example.cn,王五,成员邮箱,wangwu,手动指定\r\n";
    assert_eq!(String::from_utf8(out).unwrap(), expected);
}

#[test]
fn every_matched_by_has_a_chinese_label() {
    let labels: Vec<&str> = [
        MatchedBy::WechatId,
        MatchedBy::BizMail,
        MatchedBy::Email,
        MatchedBy::Mobile,
        MatchedBy::Roster,
        MatchedBy::Override,
    ]
    .into_iter()
    .map(|m| matched_by_label(Some(m)))
    .collect();
    assert_eq!(
        labels,
        ["微信ID", "企业邮箱", "个人邮箱", "手机", "名单", "手动指定"]
    );
    assert_eq!(matched_by_label(None), "");
}

#[test]
fn json_roster_is_refused() {
    let err = write_roster(&sample(), None, ExportFormat::Json).unwrap_err();
    assert!(
        err.code() == "roster-format-json" && err.to_string().contains("CSV or XLSX"),
        "{err}"
    );
}

/// A wizard-like roster: two instruction rows, columns the checker does not know, a type
/// and a userid column, rows in its own order.
fn wizard_template() -> RosterTemplate {
    let t = table(
        Some("邮箱名单"),
        &[
            &["说明：请勿修改表头", "", "", "", "", ""],
            &["类型填写 成员邮箱 或 其他邮箱"],
            &[
                "序号",
                "邮箱账号",
                "备注",
                "邮箱类型",
                "企业微信账号",
                "自定义",
            ],
            &[
                "1",
                " Partner1@Example.CN ",
                "外部",
                "成员邮箱",
                "old-id",
                "x",
            ],
            &["2", "ghost@example.cn", "不存在", "其他邮箱", "", "y"],
            &[],
            &["3", "li.na@example.cn", "", "?"],
            &["4", "ZHANG.WEI@example.cn", "", "", "", "z"],
        ],
    );
    let l = layout(
        &t,
        2,
        &[
            (Field::Email, 1),
            (Field::MailboxType, 3),
            (Field::Userid, 4),
        ],
    );
    RosterTemplate {
        format: Format::Csv,
        sheets: vec![(t, l)],
    }
}

#[test]
fn template_round_trip_keeps_columns_instructions_and_order() {
    let out = write_roster(&sample(), Some(&wizard_template()), ExportFormat::Csv).unwrap();
    let rows = csv_rows(out);
    let expected: Vec<Vec<&str>> = vec![
        vec!["说明：请勿修改表头", "", "", "", "", ""],
        vec!["类型填写 成员邮箱 或 其他邮箱"],
        vec![
            "序号",
            "邮箱账号",
            "备注",
            "邮箱类型",
            "企业微信账号",
            "自定义",
        ],
        // Other: type filled, the stale userid cleared, every other cell kept.
        vec!["1", " Partner1@Example.CN ", "外部", "其他邮箱", "", "x"],
        // Unknown address: kept as it is.
        vec!["2", "ghost@example.cn", "不存在", "其他邮箱", "", "y"],
        // A blank row stays (as one empty field: the csv crate's way).
        vec![""],
        // Unassigned: kept as it is.
        vec!["3", "li.na@example.cn", "", "?"],
        vec!["4", "ZHANG.WEI@example.cn", "", "成员邮箱", "ZhangWei", "z"],
        // Settled by override and in no row: appended.
        vec!["", "wang@example.cn", "", "成员邮箱", "wangwu"],
    ];
    assert_eq!(rows, expected);
}

/// The wizard's own cells in an XLSX roster are as they were: a `+86 …` phone or a `-` gets no
/// `'` (text in the `@` format is never evaluated; a `'` would be part of the value the wizard
/// reads). In CSV they are neutralised, as the spec asks of every cell.
#[cfg(feature = "legacy-spreadsheets")]
#[test]
fn xlsx_keeps_the_templates_cells_as_they_were() {
    let mut template = wizard_template();
    let (t, l) = &template.sheets[0];
    let mut rows: Vec<Vec<String>> = t
        .rows()
        .map(|r| r.cells().map(str::to_string).collect())
        .collect();
    rows[3][2] = "+86 13800138000".into();
    rows[4][5] = "-".into();
    let rows: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    let t2 = table(Some("邮箱名单"), &rows);
    let l2 = layout(
        &t2,
        l.header_index,
        &[
            (Field::Email, 1),
            (Field::MailboxType, 3),
            (Field::Userid, 4),
        ],
    );
    template.sheets = vec![(t2, l2)];
    let book = read_xlsx(&write_roster(&sample(), Some(&template), ExportFormat::Xlsx).unwrap());
    assert_eq!(book[0].1[3][2], "+86 13800138000");
    assert_eq!(book[0].1[4][5], "-");
    let rows = csv_rows(write_roster(&sample(), Some(&template), ExportFormat::Csv).unwrap());
    assert_eq!(rows[3][2], "'+86 13800138000");
}

#[test]
fn template_csv_keeps_blank_rows_and_quotes() {
    let out = write_roster(&sample(), Some(&wizard_template()), ExportFormat::Csv).unwrap();
    let text = csv_text(out);
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines[5], "\"\"", "the blank row is kept");
    assert_eq!(lines.len(), 10, "{text}");
}

#[test]
fn type_column_appended_after_the_last_header() {
    let t = table(
        None,
        &[
            &["邮箱", "姓名", "备注", ""],
            &["zhang.wei@example.cn", "张伟"],
            &["partner1@example.cn", "合作方1", "", "", ""],
            &["unknown@example.cn", "某人", "备注"],
        ],
    );
    let l = layout(&t, 0, &[(Field::Email, 0), (Field::Name, 1)]);
    let template = RosterTemplate {
        format: Format::Csv,
        sheets: vec![(t, l)],
    };
    let rows = csv_rows(write_roster(&sample(), Some(&template), ExportFormat::Csv).unwrap());
    let expected: Vec<Vec<&str>> = vec![
        vec!["邮箱", "姓名", "备注", "邮箱类型"],
        vec!["zhang.wei@example.cn", "张伟", "", "成员邮箱"],
        vec!["partner1@example.cn", "合作方1", "", "其他邮箱", ""],
        vec!["unknown@example.cn", "某人", "备注"],
        // Appended, with the name column filled too.
        vec!["li.na@example.cn", "李, 娜", "", ""],
        vec!["wang@example.cn", "王五", "", "成员邮箱"],
    ];
    assert_eq!(rows, expected);
}

#[test]
fn appended_type_column_never_overwrites_a_cell() {
    // A data row wider than the header: the type column goes after its last cell.
    let t = table(
        None,
        &[
            &["邮箱", "姓名"],
            &["zhang.wei@example.cn", "张伟", "", "遗留数据"],
        ],
    );
    let l = layout(&t, 0, &[(Field::Email, 0)]);
    let template = RosterTemplate {
        format: Format::Csv,
        sheets: vec![(t, l)],
    };
    let one = report(
        vec![member(
            "zhang.wei@example.cn",
            "张伟",
            "ZhangWei",
            MatchedBy::Mobile,
        )],
        vec![],
    );
    let rows = csv_rows(write_roster(&one, Some(&template), ExportFormat::Csv).unwrap());
    assert_eq!(
        rows,
        vec![
            vec!["邮箱", "姓名", "", "", "邮箱类型"],
            vec!["zhang.wei@example.cn", "张伟", "", "遗留数据", "成员邮箱"],
        ]
    );
}

#[test]
fn template_without_address_column_is_refused() {
    let t = table(None, &[&["说明"], &["无"]]);
    let l = layout(&t, 0, &[]);
    let template = RosterTemplate {
        format: Format::Csv,
        sheets: vec![(t, l)],
    };
    let err = write_roster(&sample(), Some(&template), ExportFormat::Csv).unwrap_err();
    assert!(
        err.code() == "roster-template-no-address" && err.to_string().contains("address column"),
        "{err}"
    );
}

/// A spreadsheet roster: an instructions sheet, then members and others on their own
/// sheets, with a blank row (row 3) the reader skipped.
fn two_sheet_template() -> RosterTemplate {
    let notes = table(Some("说明"), &[&["请按成员邮箱/其他邮箱分别填写"]]);
    let notes_layout = layout(&notes, 0, &[]);
    let members = table_numbered(
        Some("成员邮箱"),
        &[
            &["邮箱地址", "企业微信账号"],
            &["zhang.wei@example.cn", ""],
            &["=cmd|' /C calc'!A0", "x"],
        ],
        &[1, 2, 4],
    );
    let members_layout = layout(&members, 0, &[(Field::Email, 0), (Field::Userid, 1)]);
    let others = table(Some("其他邮箱"), &[&["邮箱地址"], &["partner1@example.cn"]]);
    let others_layout = layout(&others, 0, &[(Field::Email, 0)]);
    RosterTemplate {
        format: Format::Xlsx,
        sheets: vec![
            (notes, notes_layout),
            (members, members_layout),
            (others, others_layout),
        ],
    }
}

#[test]
fn csv_from_a_roster_with_two_address_sheets_is_refused() {
    let err = write_roster(&sample(), Some(&two_sheet_template()), ExportFormat::Csv).unwrap_err();
    assert!(
        err.code() == "roster-template-sheets"
            && err.to_string().contains("成员邮箱, 其他邮箱")
            && err.to_string().contains("XLSX"),
        "{err}"
    );
}

#[cfg(feature = "legacy-spreadsheets")]
#[test]
fn xlsx_template_keeps_sheets_positions_and_text() {
    let out = write_roster(&sample(), Some(&two_sheet_template()), ExportFormat::Xlsx).unwrap();
    let book = read_xlsx(&out);
    let s = |v: &[&str]| v.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let expected = vec![
        (
            "说明".to_string(),
            vec![s(&["请按成员邮箱/其他邮箱分别填写"])],
        ),
        (
            "成员邮箱".to_string(),
            vec![
                s(&["邮箱地址", "企业微信账号", "邮箱类型"]),
                s(&["zhang.wei@example.cn", "ZhangWei", "成员邮箱"]),
                // Row 3 was blank in the original: still blank.
                vec![],
                // Text in the `@` format: never evaluated, so kept as the template had it.
                s(&["=cmd|' /C calc'!A0", "x"]),
                // In no sheet: appended to the first sheet with addresses.
                s(&["li.na@example.cn"]),
                s(&["wang@example.cn", "wangwu", "成员邮箱"]),
            ],
        ),
        (
            "其他邮箱".to_string(),
            vec![
                s(&["邮箱地址", "邮箱类型"]),
                s(&["partner1@example.cn", "其他邮箱"]),
            ],
        ),
    ];
    assert_eq!(book, expected);
}

#[cfg(not(feature = "xlsx"))]
#[test]
fn xlsx_without_the_feature_is_refused() {
    let err = write_roster(&sample(), None, ExportFormat::Xlsx).unwrap_err();
    assert!(
        err.code() == "xlsx-output-unavailable" && err.to_string().contains("`xlsx` feature"),
        "{err}"
    );
}

#[cfg(feature = "legacy-spreadsheets")]
#[test]
fn xlsx_default_layout_is_all_text() {
    let r = sample();
    let mut list: Vec<Assignment> = r.assignments.iter().collect();
    list[0].name = "0123";
    let r = report(list, vec![]);
    let out = write_roster(&r, None, ExportFormat::Xlsx).unwrap();
    let book = read_xlsx(&out);
    assert_eq!(book.len(), 1);
    assert_eq!(book[0].0, "邮箱名单");
    let rows = &book[0].1;
    assert_eq!(rows[0], DEFAULT_HEADERS);
    assert_eq!(
        rows[1],
        [
            "zhang.wei@example.cn",
            "0123",
            "成员邮箱",
            "ZhangWei",
            "微信ID"
        ]
    );
    assert_eq!(rows.len(), 5);
}

#[test]
fn every_dangerous_first_char_is_neutralised() {
    const DANGEROUS: [&str; 6] = ["=1+1", "+8613800138000", "-2", "@SUM(A1)", "\tTAB", "\rCR"];
    let emails: Vec<String> = (0..DANGEROUS.len())
        .map(|i| format!("u{i}@example.cn"))
        .collect();
    let assignments = DANGEROUS
        .iter()
        .zip(&emails)
        .map(|(n, email)| member(email, n, n, MatchedBy::Mobile))
        .collect();
    let r = report(assignments, vec![]);
    let rows = csv_rows(write_roster(&r, None, ExportFormat::Csv).unwrap());
    for (row, bad) in rows[1..].iter().zip(DANGEROUS) {
        assert_eq!(row[1], format!("'{bad}"));
        assert_eq!(row[3], format!("'{bad}"));
    }
    #[cfg(feature = "legacy-spreadsheets")]
    {
        // XLSX: text cells in the `@` format, which no spreadsheet evaluates: no `'` in them.
        let book = read_xlsx(&write_roster(&r, None, ExportFormat::Xlsx).unwrap());
        for (row, bad) in book[0].1[1..].iter().zip(DANGEROUS) {
            assert_eq!(row[1], bad);
            assert_eq!(row[3], bad);
        }
    }
}

#[test]
fn default_csv_is_allocated_about_its_size() {
    // Short rows, many of them: a fixed guess per row (64 bytes) holds half again what they take.
    let emails: Vec<String> = (0..1000).map(|i| format!("u{i}@a.cn")).collect();
    let assignments = emails
        .iter()
        .enumerate()
        .map(|(i, e)| match i % 2 {
            0 => member(e, "张三", "zs", MatchedBy::Mobile),
            _ => other(e, "李四"),
        })
        .collect();
    let out = write_roster(&report(assignments, vec![]), None, ExportFormat::Csv).unwrap();
    assert!(
        out.capacity() <= out.len() + out.len() / 4,
        "{} bytes in {} of capacity",
        out.len(),
        out.capacity()
    );
}

#[test]
fn default_layout_len_is_not_short_of_the_rows() {
    let emails: Vec<String> = (0..100).map(|i| format!("user.{i}@acme.cn")).collect();
    let assignments = emails
        .iter()
        .map(|e| member(e, "欧阳娜娜", "ouyangnana", MatchedBy::WechatId))
        .collect();
    let report = report(assignments, vec![]);
    let out = write_roster(&report, None, ExportFormat::Csv).unwrap();
    let header = DEFAULT_HEADERS.join(",").len() + 2 + 3;
    assert!(default_layout_len(&report) + header >= out.len());
}
