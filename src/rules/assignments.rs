//! Rules that follow from who got which mailbox.

use rustc_hash::FxHashSet;

use crate::assign::Resolved;
use crate::ingest::Field;
use crate::matching;
use crate::model::normalise::same_name;
use crate::model::{ExmailAccount, Status, WecomMember};
use crate::report::{AssignmentType, FileKind, MatchedBy};
use crate::rules::{At, Code, Findings};

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
    for (account, r) in accounts.iter().zip(resolved) {
        let a = &r.assignment;
        match a.kind {
            AssignmentType::Member => {
                check_role(account, a.matched_by, findings);
                let Some(m) = r.member else {
                    let userid = a.userid.as_deref().unwrap_or("（无）");
                    let at = account_at(account, Field::Userid, a.userid.as_deref().unwrap_or(""));
                    findings.add(Code::MemberNotInWecom, at, &[("userid", userid)]);
                    continue;
                };
                let member = &members[m];
                // Not activated is said apart: the member exists and can use the mailbox once
                // they join, where a disabled or departed one cannot.
                let status = match member.status {
                    Status::Disabled => Some(("已禁用", "disabled")),
                    Status::Left => Some(("已离职（已退出企业）", "gone (left the company)")),
                    Status::NotActivated => Some((
                        "尚未激活（还没有加入企业微信，加入后才能使用该邮箱）",
                        "not activated yet (has not joined WeCom: the mailbox is usable once they do)",
                    )),
                    Status::Active | Status::Unknown => None,
                };
                if let Some((zh, en)) = status {
                    let at = At::cell(FileKind::Wecom, member.row, Field::Status, zh)
                        .account(&account.email);
                    findings.add(
                        Code::MemberInactive,
                        at,
                        &[
                            ("userid", &member.userid),
                            ("status", zh),
                            ("status_en", en),
                        ],
                    );
                }
                let compare = a.matched_by != Some(MatchedBy::Override)
                    && !account.name.is_empty()
                    && !member.name.is_empty();
                if compare && !same_name(&account.name, &member.name) {
                    let (key_zh, key_en) =
                        matching::key_names(a.matched_by.unwrap_or(MatchedBy::Roster));
                    let at = account_at(account, Field::Name, &account.name);
                    let args = [
                        ("name", account.name.as_ref()),
                        ("userid", member.userid.as_ref()),
                        ("wecom_name", member.name.as_ref()),
                        ("key_zh", key_zh),
                        ("key", key_en),
                    ];
                    findings.add(Code::NameMismatch, at, &args);
                }
            }
            AssignmentType::Other => {
                others += 1;
                findings.add(
                    Code::OtherMailboxLogin,
                    account_at(account, Field::Email, &account.email),
                    &[],
                );
            }
            AssignmentType::Unassigned => {}
        }
    }
    if let Some(quota) = advanced_quota.filter(|&q| others > q) {
        let (count, quota_s, excess) = (
            others.to_string(),
            quota.to_string(),
            (others - quota).to_string(),
        );
        let mut at = At::run();
        at.value = Some(count.clone());
        findings.add(
            Code::QuotaExceeded,
            at,
            &[("count", &count), ("quota", &quota_s), ("excess", &excess)],
        );
    }
    if findings.applies(Code::WecomMemberNoMailbox) {
        let mut with_mailbox = vec![false; members.len()];
        for m in resolved.iter().filter_map(|r| r.member) {
            with_mailbox[m] = true;
        }
        for (m, has) in members.iter().zip(with_mailbox) {
            if !has {
                let at = At::cell(FileKind::Wecom, m.row, Field::Userid, &m.userid);
                findings.add(Code::WecomMemberNoMailbox, at, &[("userid", &m.userid)]);
            }
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
        findings.add(
            Code::RoleMailbox,
            account_at(account, field, value),
            &[("why", &why)],
        );
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
    let count = missing.len().to_string();
    let sample = missing
        .iter()
        .take(5)
        .copied()
        .collect::<Vec<_>>()
        .join("、");
    let mut at = At::file(FileKind::Exmail);
    at.field = Some(Field::Department);
    at.value = Some(sample);
    findings.add(Code::DepartmentSettings, at, &[("count", &count)]);
}
