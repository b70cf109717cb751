//! The 邮箱名单: the default layout, or the uploaded roster filled in.

use std::borrow::Cow;
use std::cmp::Ordering;

use rustc_hash::FxHashMap;

use crate::error::Error;
use crate::ingest::{Field, Layout, Table};
use crate::report::{Assignment, AssignmentType, Report};

use super::sink::{CsvSink, RowKind, Sink};
use super::{matched_by_label, type_label, ExportFormat, RosterTemplate};

/// The default layout's columns (always Chinese: the file is for the wizard).
pub(crate) const DEFAULT_HEADERS: [&str; 5] =
    ["邮箱地址", "姓名", "邮箱类型", "企业微信账号", "匹配依据"];
/// The header of the type column appended to a template that has none.
pub(crate) const TYPE_HEADER: &str = "邮箱类型";
const SHEET_NAME: &str = "邮箱名单";

pub(super) fn write(
    report: &Report,
    template: Option<&RosterTemplate>,
    format: ExportFormat,
) -> Result<Vec<u8>, Error> {
    match format {
        ExportFormat::Json => Err(Error::Export(
            "the roster (邮箱名单) is written as CSV or XLSX; JSON is the report's format".into(),
        )),
        ExportFormat::Csv => {
            let hint = template.map_or(0, |t| t.sheets.iter().map(|(t, _)| t.text_len()).sum())
                + report.assignments.len() * 64;
            let mut sink = CsvSink::new(hint);
            write_to(&mut sink, report, template, false)?;
            sink.finish()
        }
        ExportFormat::Xlsx => write_xlsx(report, template),
    }
}

#[cfg(feature = "xlsx")]
fn write_xlsx(report: &Report, template: Option<&RosterTemplate>) -> Result<Vec<u8>, Error> {
    let mut sink = super::sink::XlsxSink::new(template.is_none());
    // A spreadsheet template keeps its rows where they were (blank rows included).
    use crate::ingest::Format;
    let keep_positions =
        template.is_some_and(|t| matches!(t.format, Format::Xlsx | Format::Xls | Format::Ods));
    write_to(&mut sink, report, template, keep_positions)?;
    sink.finish()
}

#[cfg(not(feature = "xlsx"))]
fn write_xlsx(_: &Report, _: Option<&RosterTemplate>) -> Result<Vec<u8>, Error> {
    Err(Error::Export(
        "XLSX output needs the `xlsx` feature of this build: export CSV".into(),
    ))
}

fn write_to<S: Sink>(
    sink: &mut S,
    report: &Report,
    template: Option<&RosterTemplate>,
    keep_positions: bool,
) -> Result<(), Error> {
    match template {
        None => write_default(sink, report),
        Some(t) => write_template(sink, report, t, keep_positions),
    }
}

fn write_default<S: Sink>(sink: &mut S, report: &Report) -> Result<(), Error> {
    sink.sheet(SHEET_NAME)?;
    sink.cells(RowKind::Header, DEFAULT_HEADERS)?;
    for a in &report.assignments {
        sink.cells(
            RowKind::Data,
            [
                a.email.as_str(),
                a.name.as_str(),
                type_label(a.kind),
                member_userid(a).unwrap_or(""),
                matched_by_label(a.matched_by),
            ],
        )?;
    }
    Ok(())
}

/// The userid to write for an account: only a member mailbox has one.
fn member_userid(a: &Assignment) -> Option<&str> {
    match a.kind {
        AssignmentType::Member => a.userid.as_deref(),
        AssignmentType::Other | AssignmentType::Unassigned => None,
    }
}

/// An address as the report keys it: trimmed and lower-cased (borrowed when it already is).
fn address_key(cell: &str) -> Cow<'_, str> {
    let t = cell.trim();
    let upper = if t.is_ascii() {
        t.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        t.chars().any(char::is_uppercase)
    };
    if upper {
        Cow::Owned(t.to_lowercase())
    } else {
        Cow::Borrowed(t)
    }
}

/// How one template sheet is filled in.
struct Plan<'t> {
    table: &'t Table,
    layout: &'t Layout,
    /// The address column; a sheet without one is copied untouched.
    email: Option<usize>,
    /// The type column (the sheet's own, or the appended one).
    kind: usize,
    appended: bool,
    userid: Option<usize>,
    name: Option<usize>,
}

impl<'t> Plan<'t> {
    fn new(table: &'t Table, layout: &'t Layout) -> Plan<'t> {
        let email = layout.column(Field::Email);
        let (kind, appended) = match layout.column(Field::MailboxType) {
            Some(c) => (c, false),
            // After the last non-empty cell of the header and of every row below it, so no
            // cell of the sheet is ever overwritten.
            None => {
                let mut width = 0;
                for i in layout.header_index.min(table.len())..table.len() {
                    let row = table.row(i);
                    if let Some(last) = (0..row.len()).rev().find(|&c| !row.cell(c).is_empty()) {
                        width = width.max(last + 1);
                    }
                }
                (width, true)
            }
        };
        Plan {
            table,
            layout,
            email,
            kind,
            appended: appended && email.is_some(),
            userid: layout.column(Field::Userid),
            name: layout.column(Field::Name),
        }
    }
}

fn write_template<S: Sink>(
    sink: &mut S,
    report: &Report,
    template: &RosterTemplate,
    keep_positions: bool,
) -> Result<(), Error> {
    let plans: Vec<Plan> = template
        .sheets
        .iter()
        .map(|(table, layout)| Plan::new(table, layout))
        .collect();
    let with_addresses: Vec<usize> = (0..plans.len())
        .filter(|&i| plans[i].email.is_some())
        .collect();
    let Some(&first) = with_addresses.first() else {
        return Err(Error::Export(
            "the uploaded roster has no address column to fill in: map its address column, or export without the roster".into(),
        ));
    };
    // CSV holds one sheet: the one with the addresses (a sheet of instructions is dropped).
    let written: Vec<usize> = if S::ONE_SHEET {
        if with_addresses.len() > 1 {
            let names: Vec<&str> = with_addresses
                .iter()
                .map(|&i| plans[i].table.sheet.as_deref().unwrap_or("?"))
                .collect();
            return Err(Error::Export(format!(
                "the uploaded roster has {} sheets with addresses ({}) and CSV holds one: export XLSX",
                names.len(),
                names.join(", ")
            )));
        }
        vec![first]
    } else {
        (0..plans.len()).collect()
    };

    let index: FxHashMap<&str, usize> = report
        .assignments
        .iter()
        .enumerate()
        .map(|(i, a)| (a.email.as_str(), i))
        .collect();
    // Which accounts some row names, over every sheet, before any is appended.
    let mut seen = vec![false; report.assignments.len()];
    for plan in written.iter().map(|&i| &plans[i]) {
        let Some(email) = plan.email else { continue };
        for row in plan.table.rows().skip(plan.layout.header_index + 1) {
            if let Some(&f) = index.get(address_key(row.cell(email)).as_ref()) {
                seen[f] = true;
            }
        }
    }

    for &i in &written {
        let plan = &plans[i];
        let name = match &plan.table.sheet {
            Some(name) => name.clone(),
            None if i == 0 => SHEET_NAME.to_string(),
            None => format!("Sheet{}", i + 1),
        };
        sink.sheet(&name)?;
        write_sheet(sink, report, plan, &index, keep_positions)?;
        if i == first {
            append_unseen(sink, report, plan, &seen)?;
        }
    }
    Ok(())
}

fn write_sheet<S: Sink>(
    sink: &mut S,
    report: &Report,
    plan: &Plan,
    index: &FxHashMap<&str, usize>,
    keep_positions: bool,
) -> Result<(), Error> {
    let header = plan.layout.header_index;
    for (i, row) in plan.table.rows().enumerate() {
        let at = keep_positions.then(|| row.number.saturating_sub(1));
        let copy = match (plan.email, i.cmp(&header)) {
            (_, Ordering::Less) => Some(RowKind::Preamble),
            (None, Ordering::Equal) => Some(RowKind::Header),
            (None, Ordering::Greater) => Some(RowKind::Data),
            (Some(_), _) => None,
        };
        if let Some(kind) = copy {
            sink.row(at, kind)?;
            for c in row.cells() {
                sink.cell(c)?;
            }
            sink.end_row()?;
            continue;
        }
        let Some(email) = plan.email else {
            continue; // copied above
        };
        if i == header {
            sink.row(at, RowKind::Header)?;
            let width = if plan.appended {
                row.len().max(plan.kind + 1)
            } else {
                row.len()
            };
            for c in 0..width {
                if plan.appended && c == plan.kind {
                    sink.cell(TYPE_HEADER)?;
                } else {
                    sink.cell(row.cell(c))?;
                }
            }
            sink.end_row()?;
            continue;
        }
        let found = index.get(address_key(row.cell(email)).as_ref()).copied();
        // Unknown addresses and unassigned accounts keep their cells as they are.
        let fill = found
            .map(|f| &report.assignments[f])
            .filter(|a| a.kind != AssignmentType::Unassigned);
        sink.row(at, RowKind::Data)?;
        let Some(a) = fill else {
            for c in row.cells() {
                sink.cell(c)?;
            }
            sink.end_row()?;
            continue;
        };
        let mut width = row.len().max(plan.kind + 1);
        if let Some(u) = plan.userid {
            width = width.max(u + 1);
        }
        for c in 0..width {
            if c == plan.kind {
                sink.cell(type_label(a.kind))?;
            } else if Some(c) == plan.userid {
                // A member's userid when known (else the cell as it was); an other mailbox has
                // none, so a stale one is cleared.
                let userid = match a.kind {
                    AssignmentType::Member => a.userid.as_deref().unwrap_or(row.cell(c)),
                    _ => "",
                };
                sink.cell(userid)?;
            } else {
                sink.cell(row.cell(c))?;
            }
        }
        sink.end_row()?;
    }
    Ok(())
}

/// Accounts no template row names (settled by override, or still unassigned) go at the end of
/// the first address sheet, so that no account is ever dropped.
fn append_unseen<S: Sink>(
    sink: &mut S,
    report: &Report,
    plan: &Plan,
    seen: &[bool],
) -> Result<(), Error> {
    let Some(email) = plan.email else {
        return Ok(());
    };
    let mut width = email.max(plan.kind) + 1;
    for c in [plan.userid, plan.name].into_iter().flatten() {
        width = width.max(c + 1);
    }
    for (a, _) in report
        .assignments
        .iter()
        .zip(seen)
        .filter(|(_, &seen)| !seen)
    {
        sink.row(None, RowKind::Data)?;
        for c in 0..width {
            let text = if c == email {
                a.email.as_str()
            } else if c == plan.kind {
                type_label(a.kind)
            } else if Some(c) == plan.userid {
                member_userid(a).unwrap_or("")
            } else if Some(c) == plan.name {
                a.name.as_str()
            } else {
                ""
            };
            sink.cell(text)?;
        }
        sink.end_row()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::test_support::*;
    use crate::export::write_roster;
    use crate::ingest::Format;
    use crate::options::Lang;
    use crate::report::MatchedBy;

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
        let out = write_roster(&sample(), None, Lang::En, ExportFormat::Csv).unwrap();
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
        let err = write_roster(&sample(), None, Lang::Zh, ExportFormat::Json).unwrap_err();
        assert!(
            matches!(&err, Error::Export(m) if m.contains("CSV or XLSX")),
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
        let out = write_roster(
            &sample(),
            Some(&wizard_template()),
            Lang::Zh,
            ExportFormat::Csv,
        )
        .unwrap();
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

    #[test]
    fn template_csv_keeps_blank_rows_and_quotes() {
        let out = write_roster(
            &sample(),
            Some(&wizard_template()),
            Lang::Zh,
            ExportFormat::Csv,
        )
        .unwrap();
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
        let rows = csv_rows(
            write_roster(&sample(), Some(&template), Lang::Zh, ExportFormat::Csv).unwrap(),
        );
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
        let rows =
            csv_rows(write_roster(&one, Some(&template), Lang::Zh, ExportFormat::Csv).unwrap());
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
        let err =
            write_roster(&sample(), Some(&template), Lang::Zh, ExportFormat::Csv).unwrap_err();
        assert!(
            matches!(&err, Error::Export(m) if m.contains("address column")),
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
        let err = write_roster(
            &sample(),
            Some(&two_sheet_template()),
            Lang::Zh,
            ExportFormat::Csv,
        )
        .unwrap_err();
        assert!(
            matches!(&err, Error::Export(m) if m.contains("成员邮箱, 其他邮箱") && m.contains("XLSX")),
            "{err}"
        );
    }

    #[cfg(feature = "xlsx")]
    #[test]
    fn xlsx_template_keeps_sheets_positions_and_text() {
        let out = write_roster(
            &sample(),
            Some(&two_sheet_template()),
            Lang::Zh,
            ExportFormat::Xlsx,
        )
        .unwrap();
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
                    s(&["'=cmd|' /C calc'!A0", "x"]),
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
        let err = write_roster(&sample(), None, Lang::Zh, ExportFormat::Xlsx).unwrap_err();
        assert!(matches!(&err, Error::Export(m) if m.contains("`xlsx` feature")), "{err}");
    }

    #[cfg(feature = "xlsx")]
    #[test]
    fn xlsx_default_layout_is_all_text() {
        let mut r = sample();
        r.assignments[0].name = "0123".into();
        let out = write_roster(&r, None, Lang::Zh, ExportFormat::Xlsx).unwrap();
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
        let assignments = DANGEROUS
            .iter()
            .enumerate()
            .map(|(i, n)| member(&format!("u{i}@example.cn"), n, n, MatchedBy::Mobile))
            .collect();
        let r = report(assignments, vec![]);
        let rows = csv_rows(write_roster(&r, None, Lang::Zh, ExportFormat::Csv).unwrap());
        for (row, bad) in rows[1..].iter().zip(DANGEROUS) {
            assert_eq!(row[1], format!("'{bad}"));
            assert_eq!(row[3], format!("'{bad}"));
        }
        #[cfg(feature = "xlsx")]
        {
            let book = read_xlsx(&write_roster(&r, None, Lang::Zh, ExportFormat::Xlsx).unwrap());
            for (row, bad) in book[0].1[1..].iter().zip(DANGEROUS) {
                assert_eq!(row[1], format!("'{bad}"));
                assert_eq!(row[3], format!("'{bad}"));
            }
        }
    }
}
