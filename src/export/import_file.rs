//! The 邮箱名单: the default layout, or the uploaded roster filled in.

use std::cmp::Ordering;

use rustc_hash::FxHashMap;

use crate::error::{Error, Problem};
use crate::ingest::{Layout, Table};
use crate::report::{Assignment, Report};
use crate::vocab::{AssignmentType, Field, Lang, MatchedBy};

use super::sink::{CsvSink, RowKind, Sink};
use super::{ExportFormat, RosterTemplate};

/// The type cell as the wizard reads it: 成员邮箱 / 其他邮箱, empty for an account not yet
/// assigned.
fn type_label(kind: AssignmentType) -> &'static str {
    match kind {
        AssignmentType::Unassigned => "",
        kind => kind.label(Lang::Zh),
    }
}

/// The 匹配依据 cell: the evidence behind an assignment, empty when there is none.
fn matched_by_label(matched_by: Option<MatchedBy>) -> &'static str {
    matched_by.map_or("", |m| m.label(Lang::Zh))
}

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
        ExportFormat::Json => Err(Error::call(Problem::RosterNotJson {})),
        ExportFormat::Csv => {
            let hint = template.map_or(0, |t| t.sheets.iter().map(|(t, _)| t.text_len()).sum())
                + default_layout_len(report);
            let mut sink = CsvSink::new(hint);
            write_to(&mut sink, report, template, false)?;
            sink.finish()
        }
        ExportFormat::Xlsx => write_xlsx(report, template),
    }
}

#[cfg(feature = "xlsx")]
fn write_xlsx(report: &Report, template: Option<&RosterTemplate>) -> Result<Vec<u8>, Error> {
    use crate::ingest::Format;
    let mut sink = super::sink::XlsxSink::new(template.is_none());
    // A spreadsheet template keeps its rows where they were (blank rows included).
    let keep_positions =
        template.is_some_and(|t| matches!(t.format, Format::Xlsx | Format::Xls | Format::Ods));
    write_to(&mut sink, report, template, keep_positions)?;
    sink.finish()
}

#[cfg(not(feature = "xlsx"))]
fn write_xlsx(_: &Report, _: Option<&RosterTemplate>) -> Result<Vec<u8>, Error> {
    Err(Error::call(Problem::XlsxNotInBuild {}))
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
                a.email,
                a.name,
                type_label(a.kind),
                member_userid(&a).unwrap_or(""),
                matched_by_label(a.matched_by),
            ],
        )?;
    }
    Ok(())
}

/// A little over the bytes of the default layout's rows: the assignments' text (each row's
/// address, name, userid, and an evidence not written) and room for the two labels (12 bytes
/// each), four commas and CRLF.
fn default_layout_len(report: &Report) -> usize {
    report.assignments.text_len() + report.assignments.len() * (2 * 12 + 4 + 2)
}

/// The userid to write for an account: only a member mailbox has one.
fn member_userid<'r>(a: &Assignment<'r>) -> Option<&'r str> {
    match a.kind {
        AssignmentType::Member => a.userid,
        AssignmentType::Other | AssignmentType::Unassigned => None,
    }
}

/// Finds the assignment of a template row by its address, compared as the report keys it.
struct Lookup<'r> {
    report: &'r Report,
    index: FxHashMap<&'r str, u32>,
    /// The assignment after the last one found: a roster in the exmail file's order (like
    /// one exported by this crate) is matched without hashing.
    next: usize,
}

/// No assignment: the row names an unknown address (or none).
const NONE: u32 = u32::MAX;

impl<'r> Lookup<'r> {
    fn new(report: &'r Report) -> Lookup<'r> {
        let mut index =
            FxHashMap::with_capacity_and_hasher(report.assignments.len(), Default::default());
        for (i, a) in report.assignments.iter().enumerate() {
            index.insert(a.email, i as u32);
        }
        Lookup {
            report,
            index,
            next: 0,
        }
    }

    fn find(&mut self, cell: &str) -> u32 {
        // The engine's own key (trimmed, half-width, lower-cased, without a neutralising
        // apostrophe), so every row it read as an account is found; borrowed, not allocated,
        // when the cell is already in normal form.
        let key = crate::model::normalise::address(cell);
        let key = key.as_ref();
        let found = match self.report.assignments.get(self.next) {
            Some(a) if a.email == key => self.next as u32,
            _ => match self.index.get(key) {
                Some(&f) => f,
                None => return NONE,
            },
        };
        self.next = found as usize + 1;
        found
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
        return Err(Error::call(Problem::TemplateNoAddress {}));
    };
    // CSV holds one sheet: the one with the addresses (a sheet of instructions is dropped).
    let written: Vec<usize> = if S::ONE_SHEET {
        if with_addresses.len() > 1 {
            let sheets: Vec<String> = with_addresses
                .iter()
                .map(|&i| plans[i].table.sheet.as_deref().unwrap_or("?").to_string())
                .collect();
            return Err(Error::call(Problem::TemplateSheets {
                count: sheets.len(),
                sheets,
            }));
        }
        vec![first]
    } else {
        (0..plans.len()).collect()
    };

    // Each row's assignment, over every sheet, so that accounts in a later sheet are not
    // appended to the first.
    let mut lookup = Lookup::new(report);
    let mut seen = vec![false; report.assignments.len()];
    let found: Vec<Vec<u32>> = plans
        .iter()
        .enumerate()
        .map(|(i, plan)| match plan.email {
            Some(email) if written.contains(&i) => plan
                .table
                .rows()
                .enumerate()
                .map(|(r, row)| {
                    if r <= plan.layout.header_index {
                        return NONE;
                    }
                    let f = lookup.find(row.cell(email));
                    if f != NONE {
                        seen[f as usize] = true;
                    }
                    f
                })
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    drop(lookup);

    for &i in &written {
        let plan = &plans[i];
        let name = match &plan.table.sheet {
            Some(name) => name.clone(),
            None if i == 0 => SHEET_NAME.to_string(),
            None => format!("Sheet{}", i + 1),
        };
        sink.sheet(&name)?;
        write_sheet(sink, report, plan, &found[i], keep_positions)?;
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
    found: &[u32],
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
        // Unknown addresses and unassigned accounts keep their cells as they are.
        let fill = report
            .assignments
            .get(found[i] as usize)
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
                    AssignmentType::Member => a.userid.unwrap_or(row.cell(c)),
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
                a.email
            } else if c == plan.kind {
                type_label(a.kind)
            } else if Some(c) == plan.userid {
                member_userid(&a).unwrap_or("")
            } else if Some(c) == plan.name {
                a.name
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
mod tests;
