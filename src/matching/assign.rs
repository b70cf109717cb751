//! Final assignments: the admin's overrides win, then the keys, then the uploaded roster.
//!
//! The wizard's own 邮箱名单 is a second opinion: it pairs by WeChat id only and puts everything
//! else in 其他邮箱 by default, so where the keys find a member they win and a roster that says
//! otherwise is reported (`roster-disagrees`). Where the keys find nothing, the roster decides —
//! its member claims are the WeChat evidence an Exmail export rarely carries. Every decision
//! records what it rests on (`matched_by`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};

use super::keys::{KeyMatch, Matching};
use super::roster::Roster;
use crate::model::{normalise, ExmailAccount, FoldedUserid, WecomMember};
use crate::options::Override;
use crate::rules::args::{KeysSay, RosterSays};
use crate::rules::{Args, At, Findings};
use crate::vocab::{AssignmentType, Field, FileKind, MatchedBy, UpgradePath};

/// An account's final assignment and the member it resolved to (index into the members), for
/// the later rules; the report copies its strings from the account and the member
/// (`report::build`).
#[derive(Debug, Clone)]
pub struct Resolved {
    pub kind: AssignmentType,
    pub matched_by: Option<MatchedBy>,
    /// A userid no member has (an override's or a roster's); a member's own is the member's.
    pub userid: Option<String>,
    /// The key match it rests on: its value is the evidence ([`keys::evidence`]).
    pub key: Option<KeyMatch>,
    pub member: Option<usize>,
}

/// Looks members up by userid, ignoring case as WeCom does.
pub struct Directory<'m> {
    by_userid: FxHashMap<FoldedUserid<'m>, usize>,
}

impl<'m> Directory<'m> {
    pub fn new(members: &'m [WecomMember]) -> Directory<'m> {
        let mut by_userid = FxHashMap::with_capacity_and_hasher(members.len(), Default::default());
        for (i, m) in members.iter().enumerate() {
            by_userid
                .entry(FoldedUserid(Cow::Borrowed(m.userid.as_ref())))
                .or_insert(i);
        }
        // A member renamed in the file (`old:new`) is still found by its old userid, unless
        // another member has that one now.
        for (i, m) in members.iter().enumerate() {
            if let Some(former) = &m.former_userid {
                by_userid
                    .entry(FoldedUserid(Cow::Borrowed(former.as_ref())))
                    .or_insert(i);
            }
        }
        Directory { by_userid }
    }

    pub fn find(&self, userid: &str) -> Option<usize> {
        self.by_userid
            .get(&FoldedUserid(Cow::Borrowed(userid.trim())))
            .copied()
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
            let mut at = At::run().account(&key).value(address.as_str());
            at.field = Some(Field::Email);
            findings.add(Args::UnknownAccount {}, at);
            continue;
        }
        map.insert(key, decision);
    }
    map
}

struct Decision {
    kind: AssignmentType,
    /// A userid no member has (an override's or a roster's); a member's own is copied when the
    /// assignments are made ([`member_fields`]).
    userid: Option<String>,
    member: Option<usize>,
    by: Option<MatchedBy>,
    /// The key match it rests on (its value is the evidence).
    key: Option<KeyMatch>,
    source: Source,
}

/// Who made a decision, in order of precedence when two claim one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The admin, in the options.
    Override,
    /// The matching keys (or their absence).
    Keys,
    /// The uploaded roster, where the keys found nothing; the row it came from.
    Roster(u32),
}

fn by_keys(key: Option<KeyMatch>) -> Decision {
    match key {
        Some(k) => Decision {
            kind: AssignmentType::Member,
            userid: None, // the member's, filled in by `member_fields`
            member: Some(k.member),
            by: Some(k.by),
            key: Some(k),
            source: Source::Keys,
        },
        None => Decision {
            kind: AssignmentType::Other,
            userid: None,
            member: None,
            by: None,
            key: None,
            source: Source::Keys,
        },
    }
}

fn member_decision(userid: &str, directory: &Directory, source: Source) -> Decision {
    let by = match source {
        Source::Override => MatchedBy::Override,
        Source::Keys | Source::Roster(_) => MatchedBy::Roster,
    };
    let member = directory.find(userid);
    Decision {
        kind: AssignmentType::Member,
        userid: match member {
            Some(_) => None, // the member's, filled in by `member_fields`
            None => Some(userid.to_string()),
        },
        member,
        by: Some(by),
        key: None,
        source,
    }
}

/// Where the keys found no member, what the roster says. The wizard matches only by WeChat id,
/// which Exmail exports rarely carry: a roster's member claim is that evidence, trusted where
/// we cannot see both WeChat ids ourselves, and reported where the ids we see contradict it.
fn by_roster(
    account: &ExmailAccount,
    members: &[WecomMember],
    directory: &Directory,
    roster: &Roster,
    findings: &mut Findings,
) -> Decision {
    let Some(entry) = roster.entries.get(account.email.as_ref()) else {
        let at = At::cell(FileKind::Exmail, account.row, Field::Email, &account.email)
            .account(&account.email);
        findings.add(Args::UnassignedAccount {}, at);
        return Decision {
            kind: AssignmentType::Unassigned,
            userid: None,
            member: None,
            by: None,
            key: None,
            source: Source::Roster(account.row),
        };
    };
    match entry.kind {
        None => by_keys(None), // an empty type cell: filled in as other
        Some(AssignmentType::Member) => {
            let claimed = entry.userid.as_deref().map(|u| (u, directory.find(u)));
            if let Some((userid, Some(m))) = claimed {
                let theirs = &members[m].wechat_id;
                if !account.wechat_id.is_empty()
                    && !theirs.is_empty()
                    && account.wechat_id != *theirs
                {
                    report_disagreement(
                        account,
                        entry.row,
                        AssignmentType::Member,
                        RosterSays::MemberOf(userid.to_string()),
                        MatchedBy::WechatId,
                        KeysSay::WechatIdsDiffer,
                        findings,
                    );
                    return by_keys(None);
                }
            }
            match claimed {
                Some((userid, _)) => member_decision(userid, directory, Source::Roster(entry.row)),
                None => Decision {
                    kind: AssignmentType::Member,
                    userid: None,
                    member: None,
                    by: Some(MatchedBy::Roster),
                    key: None,
                    source: Source::Roster(entry.row),
                },
            }
        }
        Some(_) => Decision {
            kind: AssignmentType::Other,
            userid: None,
            member: None,
            by: Some(MatchedBy::Roster),
            key: None,
            source: Source::Roster(entry.row),
        },
    }
}

/// Checks the roster against a key match; the key wins, a different roster entry is reported.
fn check_roster_against_key(
    account: &ExmailAccount,
    members: &[WecomMember],
    roster: &Roster,
    key: KeyMatch,
    findings: &mut Findings,
) {
    let Some(entry) = roster.entries.get(account.email.as_ref()) else {
        return;
    };
    let Some(kind) = entry.kind else { return };
    let keys_user = members[key.member].userid.as_ref();
    let agrees = kind == AssignmentType::Member
        && entry
            .userid
            .as_deref()
            .is_none_or(|u| u.eq_ignore_ascii_case(keys_user));
    if agrees {
        return;
    }
    let (cell, roster_says) = match (kind, entry.userid.as_deref()) {
        (AssignmentType::Member, Some(u)) => (kind, RosterSays::MemberOf(u.to_string())),
        (AssignmentType::Member, None) => (kind, RosterSays::Member),
        _ => (AssignmentType::Other, RosterSays::Other),
    };
    let keys_say = KeysSay::Member(keys_user.to_string());
    report_disagreement(
        account,
        entry.row,
        cell,
        roster_says,
        key.by,
        keys_say,
        findings,
    );
}

/// `roster-disagrees`: what the roster says against what the keys show; `cell` is the roster's
/// type cell, as the wizard writes it.
fn report_disagreement(
    account: &ExmailAccount,
    roster_row: u32,
    cell: AssignmentType,
    roster: RosterSays,
    key: MatchedBy,
    keys: KeysSay,
    findings: &mut Findings,
) {
    let cell = cell.label(crate::vocab::Lang::Zh);
    let at =
        At::cell(FileKind::Roster, roster_row, Field::MailboxType, cell).account(&account.email);
    findings.add(Args::RosterDisagrees { roster, key, keys }, at);
}

/// Decides every account: overrides, then the roster (when it assigns types), then the keys;
/// on path `new`, what nothing decided is proposed as a member ([`propose_members`]).
pub fn assign(
    accounts: &[ExmailAccount],
    members: &[WecomMember],
    matching: &Matching,
    roster: Option<&Roster>,
    overrides: &BTreeMap<String, Override>,
    path: UpgradePath,
    findings: &mut Findings,
) -> Vec<Resolved> {
    let roster = roster.filter(|r| r.decides);
    // Only overrides and a roster name members by userid, and only overrides need the accounts
    // by address: on a plain check neither index is built.
    let named = !overrides.is_empty() || roster.is_some();
    let directory = Directory::new(if named { members } else { &[] });
    let account_index: FxHashSet<&str> = match overrides.is_empty() {
        true => FxHashSet::default(),
        false => accounts.iter().map(|a| a.email.as_ref()).collect(),
    };
    let overrides = normalised_overrides(overrides, |e| account_index.contains(e), findings);
    let mut decisions: Vec<Decision> = accounts
        .iter()
        .enumerate()
        .map(|(a, account)| {
            let key = matching.by_account[a];
            match overrides.get(account.email.as_ref()) {
                Some(Override::Member { userid }) => {
                    member_decision(userid, &directory, Source::Override)
                }
                Some(Override::Other) => Decision {
                    kind: AssignmentType::Other,
                    userid: None,
                    member: None,
                    by: Some(MatchedBy::Override),
                    key: None,
                    source: Source::Override,
                },
                None => match (key, roster) {
                    (Some(k), Some(r)) => {
                        check_roster_against_key(account, members, r, k, findings);
                        by_keys(key)
                    }
                    (None, Some(r)) => by_roster(account, members, &directory, r, findings),
                    (_, None) => by_keys(key),
                },
            }
        })
        .collect();
    settle_claims(accounts, members, matching, &mut decisions, findings);
    if path == UpgradePath::New {
        propose_members(&mut decisions);
    }
    decisions
        .into_iter()
        .map(|d| Resolved {
            kind: d.kind,
            matched_by: d.by,
            userid: d.userid,
            key: d.key,
            member: d.member,
        })
        .collect()
}

/// Path `new` registers a new WeCom, and the upgrade creates a WeCom account for every member
/// mailbox: an account that no key, roster or override placed is proposed as a member (with no
/// userid yet: the upgrade makes one), `matched_by: "path_new"`, not defaulted to other as the
/// wizard does on path `bind`. Role mailboxes among them are reported (`role-mailbox`).
fn propose_members(decisions: &mut [Decision]) {
    for d in decisions.iter_mut() {
        let undecided =
            d.kind == AssignmentType::Other && d.by.is_none() && d.source == Source::Keys;
        if undecided {
            d.kind = AssignmentType::Member;
            d.by = Some(MatchedBy::PathNew);
        }
    }
}

/// One member, one member mailbox. Claims are settled in order of precedence — the admin's
/// overrides, then the keys, then the roster — and every claim that loses is reported: a key
/// or roster claim is withdrawn (the account becomes an other mailbox), two overrides on one
/// member are both kept for the admin to settle.
fn settle_claims(
    accounts: &[ExmailAccount],
    members: &[WecomMember],
    matching: &Matching,
    decisions: &mut [Decision],
    findings: &mut Findings,
) {
    let mut holder: Vec<Option<usize>> = vec![None; members.len()];
    let level = |s: Source| match s {
        Source::Override => 0,
        Source::Keys => 1,
        Source::Roster(_) => 2,
    };
    for pass in 0..3 {
        for a in 0..decisions.len() {
            let d = &decisions[a];
            let Some(m) = d.member.filter(|_| level(d.source) == pass) else {
                continue;
            };
            let Some(h) = holder[m] else {
                holder[m] = Some(a);
                continue;
            };
            match d.source {
                Source::Override => report_claim(accounts, members, a, h, m, findings),
                Source::Keys => {
                    report_claim(accounts, members, a, h, m, findings);
                    decisions[a] = by_keys(None);
                }
                Source::Roster(row) => {
                    let userid = members[m].userid.to_string();
                    let holder = accounts[h].email.to_string();
                    let by = decisions[h].by.unwrap_or(MatchedBy::Override);
                    report_disagreement(
                        &accounts[a],
                        row,
                        AssignmentType::Member,
                        RosterSays::MemberOf(userid),
                        by,
                        KeysSay::HeldBy(holder),
                        findings,
                    );
                    decisions[a] = by_keys(None);
                }
            }
        }
    }
    for c in &matching.conflicts {
        let d = &decisions[c.account];
        if d.source == Source::Keys && d.member.is_none() {
            let h = holder[c.member].unwrap_or(c.holder);
            report_claim(accounts, members, c.account, h, c.member, findings);
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
    let args = Args::MemberClaimedTwice {
        other: accounts[holder].email.to_string(),
        userid: members[m].userid.to_string(),
    };
    findings.add(args, at);
}
