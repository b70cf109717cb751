//! The report assembled from what the stages found: assignments in account order, findings
//! sorted for people, the counts, and how each file was read.

use super::confirm::to_confirm;
use super::members::{Entry, MemberTable};
use super::{
    Assignment, Assignments, GuessedColumn, InputInfo, InputsInfo, Report, Summary, Verdict,
};
use crate::ingest::{Layout, Loaded, Table};
use crate::matching::{keys, Resolved};
use crate::message::column_letter;
use crate::model::{ExmailAccount, WecomMember};
use crate::rules::Findings;
use crate::vocab::{AssignmentType, Lang, Severity};

/// The report of one check, and what the member list needs of each member.
pub(crate) fn build(
    accounts: &[ExmailAccount],
    resolved: &[Resolved],
    members: &[WecomMember],
    findings: Findings,
    inputs: InputsInfo,
    lang: Lang,
) -> (Report, Vec<Entry>) {
    let findings = findings.into_sorted();
    let mut mailboxes: Vec<Option<u32>> = vec![None; members.len()];
    for (a, r) in resolved.iter().enumerate() {
        if let Some(m) = r.member {
            // Within u32: accounts are table rows.
            mailboxes[m].get_or_insert(a as u32);
        }
    }
    let entries = MemberTable::entries(members, mailboxes);
    let assignments = assignments(accounts, resolved, members);
    let count = |kind: AssignmentType| resolved.iter().filter(|a| a.kind == kind).count();
    let mut severities = [0usize; 3];
    for f in &findings {
        severities[f.severity() as usize] += 1;
    }
    let errors = severities[Severity::Error as usize];
    let confirm = to_confirm(&findings, &assignments).len();
    let summary = Summary {
        accounts: assignments.len(),
        member: count(AssignmentType::Member),
        other: count(AssignmentType::Other),
        unassigned: count(AssignmentType::Unassigned),
        wecom_members: entries.len(),
        errors,
        warnings: severities[Severity::Warning as usize],
        infos: severities[Severity::Info as usize],
        importable: errors == 0,
        confirm,
        verdict: Verdict::of(errors, confirm),
    };
    let report = Report {
        version: 1,
        lang,
        summary,
        assignments,
        findings,
        inputs,
    };
    (report, entries)
}

/// A matched member's userid and name.
type Fields<'a> = Option<(&'a str, &'a str)>;

/// The assignments, their strings copied once into one buffer in account order, the order
/// the report's JSON and the exports read them. Each member's userid and name are looked up in
/// member order first (one pass over the members instead of a random visit per account); the
/// copies are then made in account order. (Copying the members' strings in member order
/// instead put them far from their accounts' in the buffer: at 1M accounts the JSON and the
/// export then read them at random, and took twice and three times as long.)
fn assignments<'a>(
    accounts: &'a [ExmailAccount],
    resolved: &'a [Resolved],
    members: &'a [WecomMember],
) -> Assignments {
    // Within u32: both are table rows. Member in the high half: sorting orders by member.
    let mut pairs: Vec<u64> = resolved
        .iter()
        .enumerate()
        .filter_map(|(a, r)| r.member.map(|m| (m as u64) << 32 | a as u64))
        .collect();
    pairs.sort_unstable();
    let mut member_fields: Vec<Fields<'a>> = vec![None; resolved.len()];
    for pair in pairs {
        let (m, a) = ((pair >> 32) as usize, (pair & 0xffff_ffff) as usize);
        member_fields[a] = Some((&members[m].userid, &members[m].name));
    }
    let assignment =
        |((account, r), fields): ((&'a ExmailAccount, &'a Resolved), &Fields<'a>)| Assignment {
            email: &account.email,
            kind: r.kind,
            userid: fields.map(|(userid, _)| userid).or(r.userid.as_deref()),
            matched_by: r.matched_by,
            evidence: r.key.and_then(|k| keys::evidence(account, k)),
            row: account.row,
            name: &account.name,
            wecom_name: fields.map(|(_, name)| name),
        };
    let all_of = || {
        accounts
            .iter()
            .zip(resolved)
            .zip(&member_fields)
            .map(assignment)
    };
    let text = all_of().map(|a| Assignments::text_len_of(&a)).sum();
    let mut all = Assignments::with_capacity(accounts.len(), text);
    for a in all_of() {
        all.push(a);
    }
    all
}

/// How one file was read, for the report.
pub fn input_info(loaded: &Loaded, table: &Table, layout: &Layout) -> InputInfo {
    let rows = (layout.data_start..table.len())
        .filter(|&i| !table.row(i).is_blank())
        .count();
    InputInfo {
        format: loaded.format.as_str().to_string(),
        encoding: loaded.encoding.map(str::to_string),
        sheet: table.sheet.clone(),
        header_row: (!table.is_empty() && !layout.headerless()).then_some(layout.header_row),
        headers: layout.headers.clone(),
        columns: layout.mapping(),
        rows,
        guessed: layout
            .guessed
            .iter()
            .map(|g| GuessedColumn {
                column: column_letter(g.column),
                header: layout.headers.get(g.column).cloned().unwrap_or_default(),
                field: g.field.map(|f| f.as_str()),
                looks_like: g.looks_like.as_str(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{check, Inputs};
    use crate::options::Options;

    #[test]
    fn assignments_text_is_allocated_exactly() {
        // Matched by WeChat id (evidence apart from the address), a WeCom name apart from the
        // account's, an unmatched account: every kind of string the buffer holds.
        let exmail =
            "邮箱帐号,姓名,手机,微信ID\nli.lei@acme.cn,李雷,,wx_lilei\nhan@acme.cn,韩梅梅,,\n";
        let wecom = "姓名,账号,手机,个人邮箱,企业邮箱,微信ID\n李雷(销售),lilei,,,,wx_lilei\n";
        let inputs = Inputs {
            exmail: exmail.as_bytes(),
            wecom: Some(wecom.as_bytes()),
            roster: None,
        };
        let checked = check(&inputs, &Options::default()).unwrap();
        let first = checked.report.assignments.get(0).unwrap();
        assert_eq!(first.evidence, Some("wx_lilei"));
        assert_eq!(first.wecom_name, Some("李雷(销售)"));
        assert_eq!(checked.report.assignments.spare_text(), 0);
    }
}
