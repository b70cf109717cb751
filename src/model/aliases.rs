//! Exmail aliases (别名): other addresses of the same mailbox, up to five. An alias is never an
//! account of its own: a roster must name the account (`alias-listed`), a WeCom 企业邮箱 or 邮箱
//! equal to an alias points at its account, and an alias that is another account's address or
//! the alias of two accounts (`alias-collision`) points at nobody. (In a WeCom file 别名 is a
//! display name, never read as an address.)

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::{normalise, ExmailAccount};
use crate::rules::args::AliasRelation;
use crate::rules::{Args, At, Findings};
use crate::vocab::{Field, FileKind};

/// The aliases in one 别名 cell, as people separate them (`;` `,` `；` `，` or white space), each
/// normalised as an address; the invalid ones are reported (`email-invalid`) and left out, as
/// are repeats and the account's own address.
pub fn parse<'t>(
    cell: &'t str,
    row: u32,
    email: &str,
    findings: &mut Findings,
) -> Vec<Cow<'t, str>> {
    let mut aliases: Vec<Cow<'t, str>> = Vec::new();
    if cell.trim().is_empty() {
        return aliases;
    }
    let parts = cell
        .split(|c: char| matches!(c, ';' | ',' | '；' | '，') || c.is_whitespace())
        .filter(|p| !p.is_empty());
    for raw in parts {
        let alias = normalise::address(raw);
        if let Err(reason) = normalise::check_exmail_address(&alias) {
            let at = At::cell(FileKind::Exmail, row, Field::Alias, raw).account(email);
            findings.add(Args::EmailInvalid { reason }, at);
            continue;
        }
        if alias != email && !aliases.contains(&alias) {
            aliases.push(alias);
        }
    }
    aliases
}

/// `alias-collision`: drops every alias that is also another account's address, or the alias
/// of two accounts, and reports it.
pub fn check(accounts: &mut [ExmailAccount], findings: &mut Findings) {
    if accounts.iter().all(|a| a.aliases.is_empty()) {
        return;
    }
    let by_address: FxHashMap<&str, usize> = accounts
        .iter()
        .enumerate()
        .map(|(i, a)| (a.email.as_ref(), i))
        .collect();
    // Each alias and the first account holding it.
    let mut holder: FxHashMap<&str, usize> = FxHashMap::default();
    // (account, alias) pairs to drop.
    let mut drop: Vec<(usize, String)> = Vec::new();
    for (i, a) in accounts.iter().enumerate() {
        for alias in &a.aliases {
            let other = match by_address.get(alias.as_ref()) {
                Some(&j) => Some(j),
                None => match holder.get(alias.as_ref()) {
                    Some(&j) => {
                        drop.push((j, alias.to_string()));
                        Some(j)
                    }
                    None => {
                        holder.insert(alias, i);
                        None
                    }
                },
            };
            let Some(j) = other else { continue };
            drop.push((i, alias.to_string()));
            let relation = match by_address.contains_key(alias.as_ref()) {
                true => AliasRelation::IsAddressOf,
                false => AliasRelation::AlsoAliasOf,
            };
            let at = At::cell(FileKind::Exmail, a.row, Field::Alias, alias).account(&a.email);
            let other = accounts[j].email.to_string();
            findings.add(Args::AliasCollision { relation, other }, at);
        }
    }
    for (i, alias) in drop {
        accounts[i].aliases.retain(|a| a.as_ref() != alias);
    }
}

/// Each alias and the account (index) it belongs to, after [`check`].
pub fn owners<'a>(accounts: &'a [ExmailAccount]) -> FxHashMap<&'a str, usize> {
    let mut owners = FxHashMap::default();
    for (i, a) in accounts.iter().enumerate() {
        for alias in &a.aliases {
            owners.insert(alias.as_ref(), i);
        }
    }
    owners
}
