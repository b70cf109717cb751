//! The wizard's roster and the per-account truth.

use super::super::rng::Rng;
use super::super::truth::{self, Resolved, Rows};
use super::super::write;
use super::super::*;
use super::per_kind;

/// The wizard's own roster (its WeChat matches, everything else 其他邮箱; on path `new` every
/// account 成员邮箱), with planted disagreements and alias rows; and the truth per account.
#[allow(clippy::too_many_arguments)]
pub(super) fn roster(
    spec: &CompanySpec,
    ex: &[ExmailRow],
    wc: &[WecomRow],
    resolved: &[Resolved],
    keys: &truth::Keys,
    rows: &Rows,
    rng: &mut Rng,
    faults: &mut Vec<TruthFault>,
) -> (Vec<RosterRow>, Vec<TruthAccount>) {
    if spec.path_new {
        return path_new(ex, wc, resolved, rows);
    }
    let mut roster: Vec<RosterRow> = resolved
        .iter()
        .map(|a| {
            let by_wechat = matches!(a.hit, Some((_, 0)));
            RosterRow {
                address: ex[a.first].address.trim().to_string(),
                name: ex[a.first].name.clone(),
                member: by_wechat,
                userid: a
                    .hit
                    .filter(|_| by_wechat)
                    .map(|(j, _)| wc[j].userid.clone())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let mut planted = vec![false; roster.len()];
    let n = if roster.is_empty() || wc.is_empty() {
        0
    } else {
        per_kind(spec)
    };
    for i in 0..n {
        for _ in 0..50 {
            let k = rng.below(roster.len());
            let a = &resolved[k];
            if planted[k] {
                continue;
            }
            let j = rng.below(wc.len());
            let uid = &wc[j].userid;
            if !truth::userid_valid(uid) || a.hit.map(|h| h.0) == Some(j) {
                continue;
            }
            let ok = match (i % 3, a.hit) {
                // The admin hand-picked a member for a mailbox the keys leave alone.
                (0, None) => {
                    roster[k].member = true;
                    roster[k].userid = uid.clone();
                    true
                }
                // Unticked a WeChat match.
                (1, Some((_, 0))) => {
                    roster[k].member = false;
                    roster[k].userid.clear();
                    true
                }
                // Picked the wrong member (often a namesake).
                (2, Some(_)) => {
                    roster[k].member = true;
                    roster[k].userid = uid.clone();
                    true
                }
                _ => false,
            };
            if ok {
                planted[k] = true;
                break;
            }
        }
    }
    if spec.aliases {
        alias_rows(&mut roster, resolved, keys, &mut planted, n, rng, faults);
    }
    let mut accounts = Vec::with_capacity(resolved.len());
    for (k, a) in resolved.iter().enumerate() {
        let r = &roster[k];
        let userid = a.hit.map(|(j, _)| wc[j].userid.clone());
        let agrees =
            r.member == a.hit.is_some() && (!r.member || Some(&r.userid) == userid.as_ref());
        if !agrees {
            let (field, value) = if r.member && a.hit.is_some() {
                ("userid", r.userid.clone())
            } else {
                ("type", write::roster_type(r.member).to_string())
            };
            faults.push(TruthFault {
                code: "roster-disagrees",
                file: "roster",
                row: k as u32 + 2,
                field,
                value,
                email: Some(a.email.clone()),
                related: vec![Place {
                    file: "exmail",
                    row: rows.ex(a.first),
                }],
                planted: planted[k],
            });
        }
        accounts.push(TruthAccount {
            email: a.email.clone(),
            row: rows.ex(a.first),
            name: ex[a.first].name.clone(),
            kind: if a.hit.is_some() { "member" } else { "other" },
            userid,
            matched_by: a.hit.map(|(_, key)| truth::KEYS[key]),
            wecom_row: a.hit.map(|(j, _)| rows.wc(j)),
            roster_type: if r.member { "member" } else { "other" },
            roster_userid: Some(r.userid.clone()).filter(|u| !u.is_empty()),
        });
    }
    (roster, accounts)
}

/// `alias-listed`: up to `n` roster rows (not already planted) name one of their account's
/// usable aliases instead of its address; the row still counts for the account.
fn alias_rows(
    roster: &mut [RosterRow],
    resolved: &[Resolved],
    keys: &truth::Keys,
    planted: &mut [bool],
    n: usize,
    rng: &mut Rng,
    faults: &mut Vec<TruthFault>,
) {
    let with_aliases: Vec<usize> = (0..roster.len())
        .filter(|&k| !planted[k] && !keys.ex_aliases[resolved[k].first].is_empty())
        .collect();
    for &k in with_aliases.iter().take(n) {
        let aliases = &keys.ex_aliases[resolved[k].first];
        let alias = aliases[rng.below(aliases.len())].clone();
        roster[k].address = alias.clone();
        planted[k] = true;
        faults.push(TruthFault {
            code: "alias-listed",
            file: "roster",
            row: k as u32 + 2,
            field: "email",
            value: alias,
            email: Some(resolved[k].email.clone()),
            related: vec![],
            planted: true,
        });
    }
}

/// Path `new`: the keys still pair accounts with members where a WeCom file is given, and every
/// other account is a member too (`path_new`); the roster is the wizard's default there, every
/// account 成员邮箱 with no member named, which disagrees with nothing.
fn path_new(
    ex: &[ExmailRow],
    wc: &[WecomRow],
    resolved: &[Resolved],
    rows: &Rows,
) -> (Vec<RosterRow>, Vec<TruthAccount>) {
    let roster = resolved
        .iter()
        .map(|a| RosterRow {
            address: ex[a.first].address.trim().to_string(),
            name: ex[a.first].name.clone(),
            member: true,
            userid: String::new(),
        })
        .collect();
    let accounts = resolved
        .iter()
        .map(|a| TruthAccount {
            email: a.email.clone(),
            row: rows.ex(a.first),
            name: ex[a.first].name.clone(),
            kind: "member",
            userid: a.hit.map(|(j, _)| wc[j].userid.clone()),
            matched_by: Some(a.hit.map_or("path_new", |(_, key)| truth::KEYS[key])),
            wecom_row: a.hit.map(|(j, _)| rows.wc(j)),
            roster_type: "member",
            roster_userid: None,
        })
        .collect();
    (roster, accounts)
}
