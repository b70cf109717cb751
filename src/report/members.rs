//! The WeCom member list a host shows for picking a member by hand, built only when asked for:
//! most checks never ask, and at 100k members it is as many strings again.

use std::borrow::Cow;

use crate::ingest::{Layout, Table};
use crate::model::{self, WecomMember};
use crate::report::{MemberInfo, Report};
use crate::vocab::Status;

/// What the list needs, kept from the check: the WeCom table and, for each member, its row and
/// status and the assignment whose address becomes its mailbox.
#[derive(Debug, Clone, Default)]
pub(crate) struct MemberTable {
    table: Table,
    layout: Layout,
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    /// Position of the member's row in the table.
    index: u32,
    status: Status,
    /// Index into the report's assignments.
    mailbox: Option<u32>,
}

impl MemberTable {
    /// `entries` from [`MemberTable::entries`]; the table and layout the members were read from.
    pub(crate) fn new(entries: Vec<Entry>, table: Table, layout: Layout) -> MemberTable {
        MemberTable {
            table,
            layout,
            entries,
        }
    }

    /// What is kept of each member; `mailboxes[m]`: the assignment of member `m` (the first
    /// account resolved to it).
    pub(crate) fn entries(members: &[WecomMember], mailboxes: Vec<Option<u32>>) -> Vec<Entry> {
        members
            .iter()
            .zip(mailboxes)
            .map(|(m, mailbox)| Entry {
                index: m.index,
                status: m.status,
                mailbox,
            })
            .collect()
    }

    /// The members in file order, with the mailbox each gets, borrowed from the check.
    pub(crate) fn views<'a>(&'a self, report: &'a Report) -> impl Iterator<Item = MemberView<'a>> {
        self.entries.iter().map(move |e| {
            let labels = model::member_labels(&self.table, &self.layout, e.index as usize);
            MemberView {
                userid: labels.userid,
                name: labels.name,
                row: self.table.row(e.index as usize).number,
                department: labels.department,
                status: e.status.as_str(),
                mailbox: e
                    .mailbox
                    .and_then(|a| report.assignments.get(a as usize))
                    .map(|a| a.email),
            }
        })
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The members in file order, with the mailbox each gets.
    pub(crate) fn infos(&self, report: &Report) -> Vec<MemberInfo> {
        self.views(report)
            .map(|m| MemberInfo {
                userid: m.userid.into_owned(),
                name: m.name.into_owned(),
                row: m.row,
                department: m.department.to_string(),
                status: m.status,
                mailbox: m.mailbox.map(str::to_string),
            })
            .collect()
    }
}

/// A [`MemberInfo`] borrowed from the check, for building the list without copying it first.
#[derive(Clone)]
pub struct MemberView<'a> {
    pub userid: Cow<'a, str>,
    pub name: Cow<'a, str>,
    pub row: u32,
    pub department: &'a str,
    pub status: &'static str,
    pub mailbox: Option<&'a str>,
}
