//! Exmail accounts and WeCom members, read from tables and normalised, with the checks that
//! concern one row's fields (addresses, userids, mobiles, status).
//!
//! Records borrow their text from the [`Table`]: reading 100k rows allocates only where a cell
//! is not already in normal form.

pub mod aliases;
pub mod normalise;
mod status;

use std::borrow::Cow;
use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

pub use normalise::{FoldedUserid, Mobile};
pub use status::StatusColumn;

use crate::ingest::{Layout, Row, Table};
use crate::matching::sorted::SortedKeys;
use crate::rules::args::{UseridPart, UseridProblem};
use crate::rules::{Args, At, Findings};
use crate::vocab::{Field, FileKind, Status};

/// One mailbox in Tencent Exmail.
#[derive(Debug, Clone)]
pub struct ExmailAccount<'t> {
    /// 1-based spreadsheet row.
    pub row: u32,
    /// Trimmed, lower-cased: the key.
    pub email: Cow<'t, str>,
    pub name: Cow<'t, str>,
    pub mobile: Mobile<'t>,
    pub wechat_id: Cow<'t, str>,
    pub department: &'t str,
    pub status: Status,
    /// Passes Exmail's address rule (invalid ones are kept, so no account is lost).
    pub valid: bool,
    /// Other addresses of the mailbox (别名), normalised, valid and not colliding.
    pub aliases: Vec<Cow<'t, str>>,
}

/// One person in the target WeCom contacts.
#[derive(Debug, Clone)]
pub struct WecomMember<'t> {
    pub row: u32,
    /// Position of the row in the table (0-based), to read its cells again ([`member_labels`]).
    pub index: u32,
    /// 账号, as written (WeCom compares it ignoring case); for a rename (`old:new`) the new one,
    /// which the member has when the upgrade runs.
    pub userid: Cow<'t, str>,
    /// The userid before a rename (`old:new` in 账号), by which a roster or an override may
    /// still name the member.
    pub former_userid: Option<Cow<'t, str>>,
    pub name: Cow<'t, str>,
    pub mobile: Mobile<'t>,
    /// 个人邮箱, normalised.
    pub email: Cow<'t, str>,
    /// 企业邮箱, normalised.
    pub biz_mail: Cow<'t, str>,
    pub wechat_id: Cow<'t, str>,
    pub department: &'t str,
    pub status: Status,
}

/// The cells of one row by field, `""` where the file has no such column.
struct Cells<'t, 'l> {
    /// Position of the row in the table.
    index: usize,
    row: Row<'t>,
    layout: &'l Layout,
}

impl<'t> Cells<'t, '_> {
    fn get(&self, field: Field) -> &'t str {
        self.layout.column(field).map_or("", |c| self.row.cell(c))
    }
}

/// How a status column (`Status` or `Activation`) of a layout is to be read.
fn status_column(layout: &Layout, field: Field) -> StatusColumn {
    let header = layout.column(field).and_then(|c| layout.headers.get(c));
    StatusColumn::from_header(header.map_or("", String::as_str))
}

/// Data rows below the header, blank ones skipped (a blank row is not an account).
fn data_rows<'t, 'l>(table: &'t Table, layout: &'l Layout) -> impl Iterator<Item = Cells<'t, 'l>> {
    (layout.data_start..table.len())
        .map(|index| (index, table.row(index)))
        .filter(|(_, row)| !row.is_blank())
        .map(move |(index, row)| Cells { index, row, layout })
}

/// A member's userid, name and department, as read from its row.
pub struct MemberLabels<'t> {
    pub userid: Cow<'t, str>,
    /// Before a rename (`old:new`).
    pub former_userid: Option<Cow<'t, str>>,
    pub name: Cow<'t, str>,
    pub department: &'t str,
}

impl<'t> Cells<'t, '_> {
    fn member_labels(&self) -> MemberLabels<'t> {
        let (former_userid, userid) =
            normalise::userid_parts(normalise::text(self.get(Field::Userid)));
        MemberLabels {
            userid,
            former_userid,
            name: normalise::text(self.get(Field::Name)),
            department: self.get(Field::Department).trim(),
        }
    }
}

/// The labels of the member on table row `index`: what [`read_wecom`] read, read again for the
/// member list a host asks for after the check.
pub fn member_labels<'t>(table: &'t Table, layout: &Layout, index: usize) -> MemberLabels<'t> {
    let row = table.row(index);
    Cells { index, row, layout }.member_labels()
}

fn check_mobile(
    file: FileKind,
    row: u32,
    raw: &str,
    mobile: &Mobile,
    email: Option<&str>,
    findings: &mut Findings,
) {
    let args = match mobile {
        Mobile::Mangled => Args::MobileMangled {},
        Mobile::Invalid => Args::MobileInvalid {},
        Mobile::Empty | Mobile::Valid(_) => return,
    };
    let mut at = At::cell(file, row, Field::Mobile, raw);
    at.email = email.map(str::to_string);
    findings.add(args, at);
}

fn invalid_address(
    file: FileKind,
    row: u32,
    field: Field,
    raw: &str,
    reason: normalise::Invalid,
    findings: &mut Findings,
) {
    findings.add(
        Args::EmailInvalid { reason },
        At::cell(file, row, field, raw),
    );
}

/// Reads the exmail accounts: one per distinct address, in input order. Rows without an address
/// and repeated addresses are reported, never silently dropped.
pub fn read_exmail<'t>(
    table: &'t Table,
    layout: &Layout,
    findings: &mut Findings,
) -> Vec<ExmailAccount<'t>> {
    const FILE: FileKind = FileKind::Exmail;
    let status_column = status_column(layout, Field::Status);
    // Every row's address first, so that repeated ones are found by sorting them: a hash table
    // of 1M addresses was a random cache miss per row (run 9 in BENCHMARKS.md).
    let addresses: Vec<(usize, Cow<'t, str>)> = data_rows(table, layout)
        .map(|cells| (cells.index, normalise::address(cells.get(Field::Email))))
        .collect();
    let first_rows: Vec<Option<u32>> = SortedKeys::new(addresses.iter().map(|(_, e)| Some(&**e)))
        .earlier_equal()
        .into_iter()
        .map(|first| first.map(|i| table.row(addresses[i].0).number))
        .collect();
    let mut accounts = Vec::with_capacity(addresses.len());
    for ((index, email), first) in addresses.into_iter().zip(first_rows) {
        let cells = Cells {
            index,
            row: table.row(index),
            layout,
        };
        let row = cells.row.number;
        let raw = cells.get(Field::Email);
        let valid = match normalise::check_exmail_address(&email) {
            Ok(()) => true,
            Err(why) => {
                invalid_address(FILE, row, Field::Email, raw, why, findings);
                false
            }
        };
        if email.is_empty() {
            continue; // reported above; an empty address is no account
        }
        if let Some(first) = first {
            let at = At::cell(FILE, row, Field::Email, raw).account(&email);
            findings.add(Args::EmailDuplicate { first }, at);
            continue;
        }
        let mobile_raw = cells.get(Field::Mobile);
        let mobile = normalise::mobile(mobile_raw);
        check_mobile(FILE, row, mobile_raw, &mobile, Some(&email), findings);
        let status = Status::read(cells.get(Field::Status), status_column);
        if status == Status::Disabled {
            let at = At::cell(FILE, row, Field::Status, cells.get(Field::Status)).account(&email);
            findings.add(Args::DisabledAccount {}, at);
        }
        let aliases = aliases::parse(cells.get(Field::Alias), row, &email, findings);
        accounts.push(ExmailAccount {
            row,
            email,
            name: normalise::text(cells.get(Field::Name)),
            mobile,
            wechat_id: normalise::text(cells.get(Field::WechatId)),
            department: cells.get(Field::Department).trim(),
            status,
            valid,
            aliases,
        });
    }
    accounts
}

/// Reads the WeCom members: one per distinct userid (ignoring case), in input order.
pub fn read_wecom<'t>(
    table: &'t Table,
    layout: &Layout,
    findings: &mut Findings,
) -> Vec<WecomMember<'t>> {
    const FILE: FileKind = FileKind::Wecom;
    let activation_column = status_column(layout, Field::Activation);
    let status_column = status_column(layout, Field::Status);
    let mut members = Vec::with_capacity(table.len());
    let mut seen: FxHashMap<FoldedUserid<'t>, u32> =
        FxHashMap::with_capacity_and_hasher(table.len(), Default::default());
    for cells in data_rows(table, layout) {
        let row = cells.row.number;
        let raw_userid = cells.get(Field::Userid);
        let MemberLabels {
            userid,
            former_userid,
            name,
            department,
        } = cells.member_labels();
        // A rename (`old:new`): each part must be a userid.
        let renamed = former_userid.is_some();
        let parts = [
            (former_userid.as_deref(), UseridPart::Old),
            (
                Some(userid.as_ref()),
                if renamed {
                    UseridPart::New
                } else {
                    UseridPart::Whole
                },
            ),
        ];
        for (cell, part) in parts {
            let Some(Err(why)) = cell.map(normalise::check_userid) else {
                continue;
            };
            let reason = UseridProblem { part, why };
            let at = At::cell(FILE, row, Field::Userid, raw_userid);
            findings.add(Args::UseridInvalid { reason }, at);
        }
        if userid.is_empty() {
            continue; // a member no roster can name
        }
        match seen.entry(FoldedUserid(userid.clone())) {
            Entry::Occupied(first) => {
                let args = Args::UseridDuplicate {
                    userid: userid.to_string(),
                    first: *first.get(),
                };
                findings.add(args, At::cell(FILE, row, Field::Userid, raw_userid));
                continue;
            }
            Entry::Vacant(slot) => {
                slot.insert(row);
            }
        }
        let biz_raw = cells.get(Field::BizMail);
        let biz_mail = normalise::address(biz_raw);
        if !biz_mail.is_empty() {
            if let Err(why) = normalise::check_biz_mail(&biz_mail) {
                invalid_address(FILE, row, Field::BizMail, biz_raw, why, findings);
            }
        }
        let email_raw = cells.get(Field::Email);
        let email = normalise::address(email_raw);
        if !email.is_empty() {
            if let Err(why) = normalise::check_address(&email) {
                invalid_address(FILE, row, Field::Email, email_raw, why, findings);
            }
        }
        let mobile_raw = cells.get(Field::Mobile);
        let mobile = normalise::mobile(mobile_raw);
        check_mobile(FILE, row, mobile_raw, &mobile, None, findings);
        members.push(WecomMember {
            row,
            // Within u32: a table's rows are bounded by max_rows and its 32-bit offsets.
            index: cells.index as u32,
            userid,
            former_userid,
            name,
            mobile,
            email,
            biz_mail,
            wechat_id: normalise::text(cells.get(Field::WechatId)),
            department,
            status: Status::combine(
                Status::read(cells.get(Field::Status), status_column),
                Status::read(cells.get(Field::Activation), activation_column),
            ),
        });
    }
    members
}

/// What follows an address's last `@` (all of it when there is none), by a byte scan.
fn domain_of(address: &str) -> &str {
    let after = address
        .bytes()
        .rposition(|b| b == b'@')
        .map_or(0, |at| at + 1);
    address.get(after..).unwrap_or_default()
}

/// The organisation's domains: those given, else every domain that holds at least a tenth of
/// the accounts (and always the most common one), so a second company domain is not "foreign".
pub fn org_domains(accounts: &[ExmailAccount], given: &[String]) -> Vec<String> {
    if !given.is_empty() {
        return given
            .iter()
            .map(|d| normalise::address(d).trim_start_matches('@').to_string())
            .collect();
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    for a in accounts.iter().filter(|a| a.valid) {
        let domain = domain_of(&a.email);
        let i = *index.entry(domain).or_insert_with(|| {
            counts.push((domain, 0));
            counts.len() - 1
        });
        counts[i].1 += 1;
    }
    let total: usize = counts.iter().map(|c| c.1).sum();
    let top = counts.iter().map(|c| c.1).max().unwrap_or(0);
    counts
        .into_iter()
        .filter(|&(_, n)| n == top || n * 10 >= total)
        .map(|(d, _)| d.to_string())
        .collect()
}

/// `email-foreign-domain`: valid accounts outside the organisation's domains.
pub fn check_domains(accounts: &[ExmailAccount], domains: &[String], findings: &mut Findings) {
    if domains.is_empty() {
        return;
    }
    let listed = domains.join(", ");
    for a in accounts.iter().filter(|a| a.valid) {
        let domain = domain_of(&a.email);
        if !domains.iter().any(|d| d == domain) {
            let at = At::cell(FileKind::Exmail, a.row, Field::Email, &a.email).account(&a.email);
            let domains = listed.clone();
            findings.add(Args::EmailForeignDomain { domains }, at);
        }
    }
}
