//! The uploaded 邮箱名单: which account the roster puts in which list, and what it gets wrong
//! on its own (`unknown-account`, `listed-as-both`).

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::ingest::{Layout, Table};
use crate::model::normalise;
use crate::rules::{Args, At, Findings};
use crate::vocab::{AssignmentType, Field, FileKind, Lang, UpgradePath};

/// What the roster says of one address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry<'t> {
    /// First row naming the address.
    pub row: u32,
    /// `None`: listed with an empty type cell — the checker fills it in.
    pub kind: Option<AssignmentType>,
    /// The WeCom member named for a member mailbox, if the roster has such a column.
    pub userid: Option<Cow<'t, str>>,
}

#[derive(Debug, Default)]
pub struct Roster<'t> {
    pub entries: FxHashMap<Cow<'t, str>, RosterEntry<'t>>,
    /// The roster assigns types (a type column, or sheets named 成员邮箱 / 其他邮箱). A roster
    /// without either is only a layout to fill in.
    pub decides: bool,
}

/// Reads a type cell or a sheet name: 成员邮箱 / 其他邮箱 and their short and English forms.
pub fn parse_type(text: &str) -> Option<AssignmentType> {
    let t = crate::ingest::fold::fold(&normalise::text(text)).to_lowercase();
    if t.is_empty() {
        None
    } else if t.contains("成员") || t.starts_with("member") {
        Some(AssignmentType::Member)
    } else if t.contains("其他") || t.contains("其它") || t.starts_with("other") {
        Some(AssignmentType::Other)
    } else {
        None
    }
}

/// What a roster row's address names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named<'a> {
    /// An exmail account.
    Account,
    /// An alias of the account with this address: the row counts for that account.
    AliasOf(&'a str),
}

/// Reads every sheet of the roster. `account_of` tells what an address names, if anything.
pub fn read_roster<'t, 'a: 't>(
    sheets: &'t [(Table, Layout)],
    account_of: impl Fn(&str) -> Option<Named<'a>>,
    path: UpgradePath,
    findings: &mut Findings,
) -> Roster<'t> {
    const FILE: FileKind = FileKind::Roster;
    let mut roster = Roster::default();
    for (table, layout) in sheets {
        let Some(email_col) = layout.column(Field::Email) else {
            continue;
        };
        let type_col = layout.column(Field::MailboxType);
        let sheet_kind = table.sheet.as_deref().and_then(parse_type);
        roster.decides |= type_col.is_some() || sheet_kind.is_some();
        for i in layout.data_start..table.len() {
            let row = table.row(i);
            let raw = row.cell(email_col);
            let mut email = normalise::address(raw);
            if email.is_empty() {
                continue;
            }
            match account_of(&email) {
                Some(Named::Account) => {}
                Some(Named::AliasOf(account)) => {
                    let at = At::cell(FILE, row.number, Field::Email, raw).account(account);
                    findings.add(Args::AliasListed {}, at);
                    email = Cow::Borrowed(account);
                }
                None => {
                    let at = At::cell(FILE, row.number, Field::Email, raw).account(&email);
                    findings.add(Args::UnknownAccount {}, at);
                    continue;
                }
            }
            let kind = type_col.map_or(sheet_kind, |c| parse_type(row.cell(c)));
            let userid = layout
                .column(Field::Userid)
                .map(|c| normalise::unmarked_text(row.cell(c)))
                .filter(|u| !u.is_empty());
            match roster.entries.get_mut(&email) {
                None => {
                    let entry = RosterEntry {
                        row: row.number,
                        kind,
                        userid,
                    };
                    roster.entries.insert(email, entry);
                }
                Some(entry) => {
                    let both = matches!(
                        (entry.kind, kind),
                        (Some(AssignmentType::Member), Some(AssignmentType::Other))
                            | (Some(AssignmentType::Other), Some(AssignmentType::Member))
                    );
                    if both {
                        // The guide: path new keeps it as other, path bind as member.
                        let outcome = match path {
                            UpgradePath::New => AssignmentType::Other,
                            UpgradePath::Bind => AssignmentType::Member,
                        };
                        // Both are set here: the cell as the wizard writes it.
                        let cell = kind.map_or("", |k| k.label(Lang::Zh));
                        let at =
                            At::cell(FILE, row.number, Field::MailboxType, cell).account(&email);
                        findings.add(Args::ListedAsBoth { outcome }, at);
                        entry.kind = Some(outcome);
                    } else if entry.kind.is_none() {
                        entry.kind = kind;
                    }
                    if entry.userid.is_none() {
                        entry.userid = userid;
                    }
                }
            }
        }
    }
    roster
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_in_every_spelling() {
        for (cell, kind) in [
            ("成员邮箱", AssignmentType::Member),
            ("成員郵箱", AssignmentType::Member),
            ("其他邮箱", AssignmentType::Other),
            ("其他郵箱", AssignmentType::Other),
            ("Member", AssignmentType::Member),
        ] {
            assert_eq!(parse_type(cell), Some(kind), "{cell}");
        }
        assert_eq!(parse_type(""), None);
    }
}
