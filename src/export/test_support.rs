//! Builders for export tests: reports, tables and layouts made directly, no engine needed.

use crate::ingest::{Layout, Table};
use crate::report::{Assignment, Finding, InputsInfo, Report, Summary, Verdict};
use crate::rules::Args;
use crate::vocab::{AssignmentType, Field, FileKind, Lang, MatchedBy, Severity};

pub(crate) fn assignment<'a>(
    email: &'a str,
    name: &'a str,
    kind: AssignmentType,
    userid: Option<&'a str>,
    matched_by: Option<MatchedBy>,
) -> Assignment<'a> {
    Assignment {
        email,
        kind,
        userid,
        matched_by,
        evidence: None,
        row: 0,
        name,
        wecom_name: None,
    }
}

pub(crate) fn member<'a>(
    email: &'a str,
    name: &'a str,
    userid: &'a str,
    by: MatchedBy,
) -> Assignment<'a> {
    assignment(email, name, AssignmentType::Member, Some(userid), Some(by))
}

pub(crate) fn other<'a>(email: &'a str, name: &'a str) -> Assignment<'a> {
    assignment(email, name, AssignmentType::Other, None, None)
}

pub(crate) fn finding(
    args: Args,
    file: Option<FileKind>,
    row: Option<u32>,
    field: Option<Field>,
    value: Option<&str>,
    email: Option<&str>,
) -> Finding {
    Finding {
        args,
        file,
        row,
        field,
        value: value.map(str::to_string),
        email: email.map(str::to_string),
    }
}

pub(crate) fn report(assignments: Vec<Assignment>, findings: Vec<Finding>) -> Report {
    let count = |k| assignments.iter().filter(|a| a.kind == k).count();
    let severity = |s| findings.iter().filter(|f| f.severity() == s).count();
    let summary = Summary {
        accounts: assignments.len(),
        member: count(AssignmentType::Member),
        other: count(AssignmentType::Other),
        unassigned: count(AssignmentType::Unassigned),
        wecom_members: 0,
        errors: severity(Severity::Error),
        warnings: severity(Severity::Warning),
        infos: severity(Severity::Info),
        importable: severity(Severity::Error) == 0,
        confirm: 0,
        verdict: Verdict::of(severity(Severity::Error), 0),
    };
    Report {
        version: 1,
        lang: Lang::Zh,
        summary,
        assignments: assignments.into_iter().collect(),
        findings,
        inputs: InputsInfo::default(),
    }
}

/// A table whose rows are numbered 1, 2, … (or as given by `numbers`).
pub(crate) fn table(sheet: Option<&str>, rows: &[&[&str]]) -> Table {
    let numbers: Vec<u32> = (1..=rows.len() as u32).collect();
    table_numbered(sheet, rows, &numbers)
}

pub(crate) fn table_numbered(sheet: Option<&str>, rows: &[&[&str]], numbers: &[u32]) -> Table {
    let mut t = Table::new();
    t.sheet = sheet.map(str::to_string);
    for (row, &n) in rows.iter().zip(numbers) {
        for c in row.iter() {
            t.push_cell(c);
        }
        t.end_row(n);
    }
    t
}

/// The layout of `table` with its header at `header_index` and the given fields.
pub(crate) fn layout(table: &Table, header_index: usize, fields: &[(Field, usize)]) -> Layout {
    let header = table.row(header_index);
    let mut columns = [None; Field::ALL.len()];
    for &(f, c) in fields {
        columns[f as usize] = Some(c);
    }
    Layout {
        header_index,
        data_start: header_index + 1,
        header_row: header.number,
        headers: header.cells().map(str::to_string).collect(),
        columns,
        guessed: Vec::new(),
    }
}

/// Every sheet of an XLSX as (name, rows of cells), each cell read back as text; a cell that
/// is not a string is shown as `<not text: …>` so tests notice.
#[cfg(feature = "legacy-spreadsheets")]
pub(crate) fn read_xlsx(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec()))
        .expect("a readable xlsx");
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("sheet");
            let mut rows: Vec<Vec<String>> = Vec::new();
            if let Some((r0, c0)) = range.start() {
                for (r, c, cell) in range.cells() {
                    let (r, c) = (r + r0 as usize, c + c0 as usize);
                    let text = match cell {
                        Data::String(s) => s.clone(),
                        Data::Empty => continue,
                        other => format!("<not text: {other:?}>"),
                    };
                    if rows.len() <= r {
                        rows.resize(r + 1, Vec::new());
                    }
                    if rows[r].len() <= c {
                        rows[r].resize(c + 1, String::new());
                    }
                    rows[r][c] = text;
                }
            }
            (name, rows)
        })
        .collect()
}
