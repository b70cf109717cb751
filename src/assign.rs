//! Final assignments: the admin's overrides win, then the roster's lists, then the keys.
//!
//! The keys always run, so a roster is checked against them (`roster-disagrees`), and every
//! decision records what it rests on (`matched_by`).

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::ingest::Field;
use crate::matching::{self, KeyMatch, Matching};
use crate::model::{normalise, ExmailAccount, WecomMember};
use crate::options::Override;
use crate::report::{Assignment, AssignmentType, FileKind, MatchedBy};
use crate::roster::{type_label, Roster};
use crate::rules::{At, Code, Findings};

/// An assignment and the member it resolved to (index into the members), for later rules.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub assignment: Assignment,
    pub member: Option<usize>,
}

/// Looks members up by userid, ignoring case as WeCom does.
pub struct Directory {
    by_userid: FxHashMap<String, usize>,
}

impl Directory {
    pub fn new(members: &[WecomMember]) -> Directory {
        let mut by_userid = FxHashMap::default();
        by_userid.reserve(members.len());
        for (i, m) in members.iter().enumerate() {
            by_userid.entry(m.userid.to_lowercase()).or_insert(i);
        }
        Directory { by_userid }
    }

    pub fn find(&self, userid: &str) -> Option<usize> {
        self.by_userid.get(&userid.trim().to_lowercase()).copied()
    }
}

/// Overrides keyed by normalised address; those naming no account are reported.
fn normalised_overrides<'o>(
    overrides: &'o BTreeMap<String, Override>,
    is_account: impl Fn(&str) -> bool,
    findings: &mut Findings,
) -> FxHashMap<String, &'o Override> {
    let mut map = FxHashMap::default();
    for (address, decision) in overrides {
        let key = normalise::address(address).into_owned();
        if !is_account(&key) {
            let mut at = At::run().account(&key);
            at.field = Some(Field::Email);
            at.value = Some(address.clone());
            findings.add(Code::UnknownAccount, at, &[]);
            continue;
        }
        map.insert(key, decision);
    }
    map
}

struct Decision {
    kind: AssignmentType,
    userid: Option<String>,
    member: Option<usize>,
    by: Option<MatchedBy>,
    evidence: Option<String>,
    /// Made by a person (override or roster), not derived from keys.
    fixed: bool,
}

fn by_keys(account: &ExmailAccount, members: &[WecomMember], key: Option<KeyMatch>) -> Decision {
    match key {
        Some(k) => Decision {
            kind: AssignmentType::Member,
            userid: Some(members[k.member].userid.to_string()),
            member: Some(k.member),
            by: Some(k.by),
            evidence: matching::evidence(account, k),
            fixed: false,
        },
        None => Decision {
            kind: AssignmentType::Other,
            userid: None,
            member: None,
            by: None,
            evidence: None,
            fixed: false,
        },
    }
}

fn member_decision(
    userid: &str,
    directory: &Directory,
    members: &[WecomMember],
    by: MatchedBy,
) -> Decision {
    let member = directory.find(userid);
    Decision {
        kind: AssignmentType::Member,
        userid: Some(member.map_or_else(|| userid.to_string(), |m| members[m].userid.to_string())),
        member,
        by: Some(by),
        evidence: None,
        fixed: true,
    }
}

/// What the roster decides for one account, checked against the keys.
fn by_roster(
    account: &ExmailAccount,
    members: &[WecomMember],
    directory: &Directory,
    roster: &Roster,
    key: Option<KeyMatch>,
    findings: &mut Findings,
) -> Decision {
    let Some(entry) = roster.entries.get(account.email.as_ref()) else {
        let at = At::cell(FileKind::Exmail, account.row, Field::Email, &account.email)
            .account(&account.email);
        findings.add(Code::UnassignedAccount, at, &[]);
        return Decision {
            kind: AssignmentType::Unassigned,
            userid: None,
            member: None,
            by: None,
            evidence: None,
            fixed: true,
        };
    };
    let Some(kind) = entry.kind else {
        return by_keys(account, members, key); // an empty type cell: filled in from the keys
    };
    let mut decision = match (kind, entry.userid.as_deref(), key) {
        (AssignmentType::Member, Some(userid), _) => {
            member_decision(userid, directory, members, MatchedBy::Roster)
        }
        (AssignmentType::Member, None, Some(k)) => {
            let userid = members[k.member].userid.to_string();
            member_decision(&userid, directory, members, MatchedBy::Roster)
        }
        (AssignmentType::Member, None, None) => Decision {
            kind: AssignmentType::Member,
            userid: None,
            member: None,
            by: Some(MatchedBy::Roster),
            evidence: None,
            fixed: true,
        },
        _ => Decision {
            kind: AssignmentType::Other,
            userid: None,
            member: None,
            by: Some(MatchedBy::Roster),
            evidence: None,
            fixed: true,
        },
    };
    if let Some(k) = key {
        if decision.member == Some(k.member) {
            // The roster and the keys agree: the key is the better explanation.
            decision.by = Some(k.by);
            decision.evidence = matching::evidence(account, k);
        } else {
            let keys_user = &members[k.member].userid;
            let roster_says = match (&decision.kind, &decision.userid) {
                (AssignmentType::Member, Some(u)) => format!("成员邮箱（{u}）"),
                (kind, _) => type_label(*kind).to_string(),
            };
            let roster_en = match (&decision.kind, &decision.userid) {
                (AssignmentType::Member, Some(u)) => format!("the mailbox of member {u}"),
                (AssignmentType::Member, None) => "a member mailbox".to_string(),
                _ => "an other mailbox".to_string(),
            };
            let (key_zh, key_en) = matching::key_names(k.by);
            let keys_zh = format!("成员 {keys_user}");
            let keys_en = format!("member {keys_user}");
            let at = At::cell(
                FileKind::Roster,
                entry.row,
                Field::MailboxType,
                type_label(kind),
            )
            .account(&account.email);
            let args = [
                ("roster_zh", roster_says.as_str()),
                ("roster_en", roster_en.as_str()),
                ("key_zh", key_zh),
                ("key", key_en),
                ("keys_zh", keys_zh.as_str()),
                ("keys_en", keys_en.as_str()),
            ];
            findings.add(Code::RosterDisagrees, at, &args);
        }
    }
    decision
}

/// Decides every account: overrides, then the roster (when it assigns types), then the keys.
pub fn assign(
    accounts: &[ExmailAccount],
    members: &[WecomMember],
    matching: &Matching,
    roster: Option<&Roster>,
    overrides: &BTreeMap<String, Override>,
    findings: &mut Findings,
) -> Vec<Resolved> {
    let directory = Directory::new(members);
    let account_index: FxHashMap<&str, usize> = accounts
        .iter()
        .enumerate()
        .map(|(i, a)| (a.email.as_ref(), i))
        .collect();
    let overrides = normalised_overrides(overrides, |e| account_index.contains_key(e), findings);
    let roster = roster.filter(|r| r.decides);
    let mut decisions: Vec<Decision> = accounts
        .iter()
        .enumerate()
        .map(|(a, account)| {
            let key = matching.by_account[a];
            match overrides.get(account.email.as_ref()) {
                Some(Override::Member { userid }) => {
                    member_decision(userid, &directory, members, MatchedBy::Override)
                }
                Some(Override::Other) => Decision {
                    kind: AssignmentType::Other,
                    userid: None,
                    member: None,
                    by: Some(MatchedBy::Override),
                    evidence: None,
                    fixed: true,
                },
                None => match roster {
                    Some(r) => by_roster(account, members, &directory, r, key, findings),
                    None => by_keys(account, members, key),
                },
            }
        })
        .collect();
    settle_claims(accounts, members, matching, &mut decisions, findings);
    accounts
        .iter()
        .zip(decisions)
        .map(|(account, d)| Resolved {
            member: d.member,
            assignment: Assignment {
                email: account.email.to_string(),
                kind: d.kind,
                userid: d.userid,
                matched_by: d.by,
                evidence: d.evidence,
                row: account.row,
                name: account.name.to_string(),
                wecom_name: d.member.map(|m| members[m].name.to_string()),
            },
        })
        .collect()
}

/// One member, one member mailbox: a key-derived claim yields to a person's decision; two
/// decisions by people, or a key that found its member already taken, are reported.
fn settle_claims(
    accounts: &[ExmailAccount],
    members: &[WecomMember],
    matching: &Matching,
    decisions: &mut [Decision],
    findings: &mut Findings,
) {
    let mut holder: Vec<Option<usize>> = vec![None; members.len()];
    for fixed_pass in [true, false] {
        for a in 0..decisions.len() {
            let d = &decisions[a];
            let Some(m) = d.member.filter(|_| d.fixed == fixed_pass) else {
                continue;
            };
            match holder[m] {
                None => holder[m] = Some(a),
                Some(h) => {
                    report_claim(accounts, members, a, h, m, findings);
                    if !fixed_pass {
                        decisions[a] = by_keys(&accounts[a], members, None);
                    }
                }
            }
        }
    }
    for c in &matching.conflicts {
        let d = &decisions[c.account];
        if !d.fixed && d.member.is_none() {
            report_claim(
                accounts,
                members,
                c.account,
                holder[c.member].unwrap_or(c.holder),
                c.member,
                findings,
            );
        }
    }
}

fn report_claim(
    accounts: &[ExmailAccount],
    members: &[WecomMember],
    a: usize,
    holder: usize,
    m: usize,
    findings: &mut Findings,
) {
    let account = &accounts[a];
    let at = At::cell(FileKind::Exmail, account.row, Field::Email, &account.email)
        .account(&account.email);
    let args = [
        ("other", accounts[holder].email.as_ref()),
        ("userid", members[m].userid.as_ref()),
    ];
    findings.add(Code::MemberClaimedTwice, at, &args);
}
