//! Rules that follow from who got which mailbox.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::matching::assign::Resolved;
use crate::model::normalise::{name_key, same_name};
use crate::model::{ExmailAccount, WecomMember};
use crate::rules::{Args, At, Code, Findings};
use crate::vocab::{AssignmentType, Field, FileKind, Lang, MatchedBy, Status};

fn account_at(account: &ExmailAccount, field: Field, value: &str) -> At {
    At::cell(FileKind::Exmail, account.row, field, value).account(&account.email)
}

/// Per-assignment rules: members missing from WeCom, inactive or differently named; other
/// mailboxes' login facts; the advanced-feature quota.
pub fn check(
    accounts: &[ExmailAccount],
    members: &[WecomMember],
    resolved: &[Resolved],
    advanced_quota: Option<u64>,
    findings: &mut Findings,
) {
    let mut others = 0u64;
    for (account, a) in accounts.iter().zip(resolved) {
        match a.kind {
            AssignmentType::Member => {
                check_role(account, a.matched_by, findings);
                let Some(m) = a.member else {
                    let userid = a.userid.clone();
                    let at = account_at(account, Field::Userid, a.userid.as_deref().unwrap_or(""));
                    findings.add(Args::MemberNotInWecom { userid }, at);
                    continue;
                };
                let member = &members[m];
                // Not activated is said apart (its label): the member exists and can use the
                // mailbox once they join, where a disabled or departed one cannot.
                let status = member.status;
                if matches!(
                    status,
                    Status::Disabled | Status::Left | Status::NotActivated
                ) {
                    // The cell as the Chinese message says it: the status columns are two.
                    let at = At::cell(
                        FileKind::Wecom,
                        member.row,
                        Field::Status,
                        status.label(Lang::Zh),
                    )
                    .account(&account.email);
                    let userid = member.userid.to_string();
                    findings.add(Args::MemberInactive { userid, status }, at);
                }
                let compare = a.matched_by != Some(MatchedBy::Override)
                    && !account.name.is_empty()
                    && !member.name.is_empty();
                if compare && !same_name(&account.name, &member.name) {
                    let args = Args::NameMismatch {
                        name: account.name.to_string(),
                        key: a.matched_by.unwrap_or(MatchedBy::Roster),
                        userid: member.userid.to_string(),
                        wecom_name: member.name.to_string(),
                    };
                    findings.add(args, account_at(account, Field::Name, &account.name));
                }
            }
            AssignmentType::Other => {
                others += 1;
                findings.add(
                    Args::OtherMailboxLogin {},
                    account_at(account, Field::Email, &account.email),
                );
            }
            AssignmentType::Unassigned => {}
        }
    }
    if let Some(quota) = advanced_quota.filter(|&q| others > q) {
        let args = Args::QuotaExceeded {
            count: others,
            quota,
            excess: others - quota,
        };
        findings.add(args, At::run().value(others.to_string()));
    }
    let mut with_mailbox = vec![false; members.len()];
    for m in resolved.iter().filter_map(|r| r.member) {
        with_mailbox[m] = true;
    }
    check_same_names(accounts, members, resolved, &with_mailbox, findings);
    if findings.applies(Code::WecomMemberNoMailbox) {
        for (m, has) in members.iter().zip(with_mailbox) {
            if !has {
                let at = At::cell(FileKind::Wecom, m.row, Field::Userid, &m.userid);
                let userid = m.userid.to_string();
                findings.add(Args::WecomMemberNoMailbox { userid }, at);
            }
        }
    }
}

/// `same-name-unmatched`: an account no key matched (so an other mailbox, and not by the
/// admin's or the roster's choice) while exactly one usable WeCom member without a mailbox has
/// its name — the usual case when the contacts export has no key column the Exmail list has.
/// A name two such members share names no one: the admin picks in the settle dialog.
fn check_same_names(
    accounts: &[ExmailAccount],
    members: &[WecomMember],
    resolved: &[Resolved],
    with_mailbox: &[bool],
    findings: &mut Findings,
) {
    if !findings.applies(Code::SameNameUnmatched) {
        return;
    }
    let unmatched = |(account, a): &(&ExmailAccount, &Resolved)| {
        a.kind == AssignmentType::Other && a.matched_by.is_none() && !account.name.is_empty()
    };
    if !accounts.iter().zip(resolved).any(|pair| unmatched(&pair)) {
        return;
    }
    // Name → the one member without a mailbox who has it (None: several have).
    let mut free: FxHashMap<String, Option<usize>> = FxHashMap::default();
    for (m, member) in members.iter().enumerate() {
        let usable = !matches!(member.status, Status::Disabled | Status::Left);
        if with_mailbox[m] || !usable || member.name.is_empty() {
            continue;
        }
        let key = name_key(&member.name);
        if !key.is_empty() {
            free.entry(key)
                .and_modify(|one| *one = None)
                .or_insert(Some(m));
        }
    }
    for (account, _) in accounts.iter().zip(resolved).filter(unmatched) {
        let key = name_key(&account.name);
        if let Some(&Some(m)) = free.get(&key).filter(|_| !key.is_empty()) {
            let args = Args::SameNameUnmatched {
                name: account.name.to_string(),
                userid: members[m].userid.to_string(),
            };
            findings.add(args, account_at(account, Field::Name, &account.name));
        }
    }
}

/// `role-mailbox`: on path `new`, a member mailbox that looks shared, unless the admin made it
/// a member by hand.
fn check_role(account: &ExmailAccount, by: Option<MatchedBy>, findings: &mut Findings) {
    if by == Some(MatchedBy::Override) || !findings.applies(Code::RoleMailbox) {
        return;
    }
    if let Some((field, why)) = super::role::reason(&account.email, &account.name) {
        let value = match field {
            Field::Name => account.name.as_ref(),
            _ => account.email.as_ref(),
        };
        findings.add(Args::RoleMailbox { why }, account_at(account, field, value));
    }
}

/// The department a cell names, as a comparable leaf name; numeric ids (the API's) are skipped.
fn leaves(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([';', '；', ',', '，'])
        .filter_map(|path| path.rsplit(['/', '\\', '>']).next())
        .map(str::trim)
        .filter(|leaf| !leaf.is_empty() && !leaf.bytes().all(|b| b.is_ascii_digit()))
}

/// `department-settings`: departments of the exmail accounts that the WeCom contacts lack.
pub fn check_departments(
    accounts: &[ExmailAccount],
    members: &[WecomMember],
    findings: &mut Findings,
) {
    // Departments repeat on many rows: split each distinct cell once.
    let mut cells: FxHashSet<&str> = FxHashSet::default();
    let wecom: FxHashSet<&str> = members
        .iter()
        .filter(|m| cells.insert(m.department))
        .flat_map(|m| leaves(m.department))
        .collect();
    if wecom.is_empty() {
        return; // no department names to compare with (no column, or ids only)
    }
    cells.clear();
    let mut seen = FxHashSet::default();
    let mut missing: Vec<&str> = Vec::new();
    for a in accounts.iter().filter(|a| cells.insert(a.department)) {
        for leaf in leaves(a.department) {
            if !wecom.contains(leaf) && seen.insert(leaf) {
                missing.push(leaf);
            }
        }
    }
    if missing.is_empty() {
        return;
    }
    let sample = missing
        .iter()
        .take(5)
        .copied()
        .collect::<Vec<_>>()
        .join("、");
    let mut at = At::file(FileKind::Exmail).value(sample);
    at.field = Some(Field::Department);
    let count = missing.len();
    findings.add(Args::DepartmentSettings { count }, at);
}
