//! Who is whose: exmail accounts matched to WeCom members by key, strongest key first.
//!
//! The cascade is the upgrade's own rule (same WeChat id) followed by the WeCom enterprise
//! address, the personal address and the mobile. A key value held by several rows on either
//! side matches nothing and is reported (`ambiguous-key`): ties go to a person, never to a guess.
//! Each pass runs over all accounts before the next key is tried, so a member is taken by the
//! strongest evidence; a weaker key that points at a member already taken is a conflict
//! (`member-claimed-twice`). Names never match.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::normalise::same_name;
use crate::model::{ExmailAccount, WecomMember};
use crate::rules::{Args, At, Findings};
use crate::vocab::{Field, FileKind, MatchedBy};

/// A match found by a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyMatch {
    /// Index into the members.
    pub member: usize,
    pub by: MatchedBy,
    /// The account's alias (index into its aliases) the member's address equals, when the match
    /// is by an alias rather than the address itself.
    pub alias: Option<u32>,
}

/// A key that pointed at a member another account had already taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conflict {
    pub account: usize,
    pub member: usize,
    pub holder: usize,
    pub by: MatchedBy,
}

/// What the keys show, before any roster or override is applied.
#[derive(Debug, Default)]
pub struct Matching {
    /// For each account, the member its keys lead to.
    pub by_account: Vec<Option<KeyMatch>>,
    pub conflicts: Vec<Conflict>,
}

/// How many rows hold one key value, and the first of them.
#[derive(Debug, Clone, Copy)]
struct Slot {
    first: usize,
    count: u32,
}

/// Rows by key value, and the values found on more than one row. Those are few, so asking
/// `shared` "is this value unique?" touches a small table that stays in cache, where asking
/// `slots` touches a random place in a large one (at 1M rows, most of the match stage was such
/// cache misses).
#[derive(Default)]
struct KeyIndex<'a> {
    slots: FxHashMap<&'a str, Slot>,
    shared: FxHashSet<&'a str>,
}

/// Indexes rows by a key.
fn index<'a, T>(rows: &'a [T], key: impl Fn(&'a T) -> Option<&'a str>) -> KeyIndex<'a> {
    let mut slots = FxHashMap::with_capacity_and_hasher(rows.len(), Default::default());
    let mut shared = FxHashSet::default();
    for (i, row) in rows.iter().enumerate() {
        if let Some(k) = key(row).filter(|k| !k.is_empty()) {
            slots
                .entry(k)
                .and_modify(|s: &mut Slot| {
                    s.count += 1;
                    shared.insert(k);
                })
                .or_insert(Slot { first: i, count: 1 });
        }
    }
    KeyIndex { slots, shared }
}

fn account_key<'a>(a: &'a ExmailAccount, by: MatchedBy) -> Option<&'a str> {
    match by {
        MatchedBy::WechatId => Some(&a.wechat_id),
        MatchedBy::BizMail | MatchedBy::Email => Some(&a.email),
        MatchedBy::Mobile => a.mobile.key(),
        MatchedBy::Roster | MatchedBy::Override | MatchedBy::PathNew => None,
    }
}

fn member_key<'a>(m: &'a WecomMember, by: MatchedBy) -> Option<&'a str> {
    match by {
        MatchedBy::WechatId => Some(&m.wechat_id),
        MatchedBy::BizMail => Some(&m.biz_mail),
        MatchedBy::Email => Some(&m.email),
        MatchedBy::Mobile => m.mobile.key(),
        MatchedBy::Roster | MatchedBy::Override | MatchedBy::PathNew => None,
    }
}

fn key_field(by: MatchedBy) -> Field {
    match by {
        MatchedBy::WechatId => Field::WechatId,
        MatchedBy::BizMail => Field::BizMail,
        MatchedBy::Mobile => Field::Mobile,
        MatchedBy::Email | MatchedBy::Roster | MatchedBy::Override | MatchedBy::PathNew => {
            Field::Email
        }
    }
}

/// Reports every row whose key value is shared (`ambiguous-key`), and, for mobiles, rows where
/// two different people share one number (`mobile-duplicate`).
fn report_shared<'a, T>(
    file: FileKind,
    rows: &'a [T],
    by: MatchedBy,
    index: &KeyIndex<'a>,
    key: impl Fn(&'a T) -> Option<&'a str>,
    who: impl Fn(&'a T) -> (u32, &'a str, Option<&'a str>),
    findings: &mut Findings,
) {
    for (i, row) in rows.iter().enumerate() {
        let Some(k) = key(row).filter(|k| index.shared.contains(k)) else {
            continue;
        };
        let Some(slot) = index.slots.get(k) else {
            continue;
        };
        let (number, name, email) = who(row);
        let mut at = At::cell(file, number, key_field(by), k);
        at.email = email.map(str::to_string);
        let args = Args::AmbiguousKey {
            key: by,
            file,
            count: slot.count,
        };
        findings.add(args, at.clone());
        if by == MatchedBy::Mobile && i != slot.first {
            let (_, first_name, _) = who(&rows[slot.first]);
            if name.is_empty() || !same_name(name, first_name) {
                let args = Args::MobileDuplicate {
                    name: name.to_string(),
                    other: first_name.to_string(),
                };
                findings.add(args, at);
            }
        }
    }
}

/// Matches accounts to members by key and reports shared keys.
pub fn match_keys(
    accounts: &[ExmailAccount],
    members: &[WecomMember],
    findings: &mut Findings,
) -> Matching {
    let mut by_account: Vec<Option<KeyMatch>> = vec![None; accounts.len()];
    let mut holder: Vec<Option<usize>> = vec![None; members.len()];
    let mut conflicts = Vec::new();
    // Accounts whose key several members hold (few): reported on the account if no other key
    // matches it, since it then becomes an other mailbox on a tie, not on a fact.
    let mut shared_by_members: Vec<(usize, MatchedBy, &str, u32)> = Vec::new();
    for by in MatchedBy::KEYS {
        let member_index = index(members, |m| member_key(m, by));
        if !member_index.shared.is_empty() {
            report_shared(
                FileKind::Wecom,
                members,
                by,
                &member_index,
                |m| member_key(m, by),
                |m| (m.row, &m.name, None),
                findings,
            );
        }
        // Addresses are unique among accounts already (`email-duplicate`); other keys may not be.
        let account_index = match by {
            MatchedBy::WechatId | MatchedBy::Mobile => {
                let idx = index(accounts, |a| account_key(a, by));
                if !idx.shared.is_empty() {
                    report_shared(
                        FileKind::Exmail,
                        accounts,
                        by,
                        &idx,
                        |a| account_key(a, by),
                        |a| (a.row, &a.name, Some(&a.email)),
                        findings,
                    );
                }
                idx
            }
            _ => KeyIndex::default(),
        };
        for (a, account) in accounts.iter().enumerate() {
            if by_account[a].is_some() {
                continue;
            }
            let Some(k) = account_key(account, by).filter(|k| !k.is_empty()) else {
                continue;
            };
            // A value shared by accounts, or by members, matches nothing.
            if account_index.shared.contains(k) {
                continue;
            }
            if member_index.shared.contains(k) {
                if let Some(slot) = member_index.slots.get(k) {
                    shared_by_members.push((a, by, k, slot.count));
                }
                continue;
            }
            let (m, alias) = match member_index.slots.get(k) {
                Some(slot) => (slot.first, None),
                // A WeCom address may be one of the account's aliases (别名).
                None => match alias_match(account, by, &member_index) {
                    Some(found) => found,
                    None => continue,
                },
            };
            match holder[m] {
                None => {
                    holder[m] = Some(a);
                    by_account[a] = Some(KeyMatch {
                        member: m,
                        by,
                        alias,
                    });
                }
                Some(h) => conflicts.push(Conflict {
                    account: a,
                    member: m,
                    holder: h,
                    by,
                }),
            }
        }
    }
    // A weaker key that points at a taken member matters only if the account found no other.
    conflicts.retain(|c| by_account[c.account].is_none());
    // One finding per account, for its strongest such key (the sort is stable).
    shared_by_members.sort_by_key(|&(a, ..)| a);
    shared_by_members.dedup_by_key(|&mut (a, ..)| a);
    for (a, by, k, count) in shared_by_members {
        if by_account[a].is_some() {
            continue;
        }
        let account = &accounts[a];
        let at = At::cell(FileKind::Exmail, account.row, key_field(by), k).account(&account.email);
        let args = Args::AmbiguousKey {
            key: by,
            file: FileKind::Wecom,
            count,
        };
        findings.add(args, at);
    }
    Matching {
        by_account,
        conflicts,
    }
}

/// For the address keys, the member whose address is one of the account's aliases (the first
/// such alias held by one member only), and the alias's index.
fn alias_match(
    account: &ExmailAccount,
    by: MatchedBy,
    members: &KeyIndex,
) -> Option<(usize, Option<u32>)> {
    if !matches!(by, MatchedBy::BizMail | MatchedBy::Email) {
        return None;
    }
    account.aliases.iter().enumerate().find_map(|(i, alias)| {
        let alias = alias.as_ref();
        match members.shared.contains(alias) {
            true => None,
            false => members
                .slots
                .get(alias)
                .map(|slot| (slot.first, Some(i as u32))),
        }
    })
}

/// The key value a match rests on, for the report's `evidence`: the alias when the match is
/// by one.
pub fn evidence<'a>(account: &'a ExmailAccount, m: KeyMatch) -> Option<&'a str> {
    match m.alias.and_then(|i| account.aliases.get(i as usize)) {
        Some(alias) => Some(alias),
        None => account_key(account, m.by),
    }
}
