//! The report: what one check found, as plain data (JSON `version: 1`), assembled from the
//! stages' results by [`build`].
//!
//! Field names and values are a public contract (`shared/spec/interfaces.md`): the CLI, the JS
//! module and the page all read this shape.

use serde::Serialize;

pub use crate::rules::Finding;
use crate::vocab::Lang;

mod assignments;
mod build;
mod confirm;
mod json;
pub mod members;
pub mod view;

pub use assignments::{Assignment, Assignments};
pub(crate) use build::build;
pub use build::input_info;
pub use json::escape_json;
pub use json::write_args;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub accounts: usize,
    pub member: usize,
    pub other: usize,
    pub unassigned: usize,
    pub wecom_members: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// No error findings: the wizard should accept the roster.
    pub importable: bool,
    /// Findings that leave the roster to be confirmed (their rule's [`Confirm`]), not counting
    /// those about an account the admin settled by hand.
    ///
    /// [`Confirm`]: crate::rules::Confirm
    pub confirm: usize,
    /// What to tell the admin: `importable` only when nothing is in error or in doubt.
    pub verdict: Verdict,
}

/// The verdict on a roster. The upgrade cannot be undone, so a roster the wizard would accept
/// is still not "importable" while it rests on a guess of the tool's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// No error, nothing to confirm.
    Importable,
    /// No error, but findings to confirm first (`Summary::confirm`).
    Confirm,
    /// An error finding: the wizard would refuse the roster, or it would lose data.
    #[default]
    NotImportable,
}

impl Verdict {
    pub fn of(errors: usize, confirm: usize) -> Verdict {
        match (errors, confirm) {
            (0, 0) => Verdict::Importable,
            (0, _) => Verdict::Confirm,
            _ => Verdict::NotImportable,
        }
    }

    /// The JSON value.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Importable => "importable",
            Verdict::Confirm => "confirm",
            Verdict::NotImportable => "not-importable",
        }
    }
}

impl Summary {
    /// Every count with its name in the report JSON, in the JSON's order.
    pub fn counts(&self) -> [(&'static str, usize); 8] {
        [
            ("accounts", self.accounts),
            ("member", self.member),
            ("other", self.other),
            ("unassigned", self.unassigned),
            ("wecom_members", self.wecom_members),
            ("errors", self.errors),
            ("warnings", self.warnings),
            ("infos", self.infos),
        ]
    }
}

/// How one input file was read: shown to the user so a wrong guess can be corrected.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct InputInfo {
    /// `csv`, `tsv`, `xlsx`, `xls`, `ods`.
    pub format: String,
    /// `utf-8`, `gb18030`, `utf-16le`, `utf-16be`; `None` for spreadsheets.
    pub encoding: Option<String>,
    pub sheet: Option<String>,
    /// 1-based row of the header.
    pub header_row: Option<u32>,
    pub headers: Vec<String>,
    /// Recognised field → the header it was read from.
    pub columns: Vec<(String, String)>,
    /// Data rows below the header (blank rows excluded).
    pub rows: usize,
    /// Columns read because of what their cells hold rather than their header, and unread
    /// columns that look like phones or addresses (each also a `column-guessed` finding): the
    /// mapping to confirm.
    pub guessed: Vec<GuessedColumn>,
}

/// A column recognised by its content (see [`InputInfo::guessed`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuessedColumn {
    /// Spreadsheet letter (`B`).
    pub column: String,
    pub header: String,
    /// The field it is read as (`email`, `type`); `None`: it is not read.
    pub field: Option<&'static str>,
    /// What its cells look like: `email`, `mobile` or `type`.
    pub looks_like: &'static str,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct InputsInfo {
    pub exmail: InputInfo,
    /// `None`: no WeCom file (path `new`).
    pub wecom: Option<InputInfo>,
    pub roster: Option<InputInfo>,
}

/// The engine that writes every report, named in the report JSON (`engine`) and the support
/// summary: the same inputs give byte-identical reports from the same engine version.
pub const ENGINE_NAME: &str = "roster-check";
/// The crate's version (Cargo.toml; the npm package carries the same).
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub version: u32,
    /// The language of the findings' `message` in the JSON (the check's `lang`); any finding
    /// renders in any language ([`Finding::message`]).
    pub lang: Lang,
    pub summary: Summary,
    pub assignments: Assignments,
    pub findings: Vec<Finding>,
    pub inputs: InputsInfo,
}

impl Report {
    /// The report as JSON: the same inputs give byte-identical output.
    pub fn to_json(&self) -> String {
        json::write(self)
    }

    /// The findings that leave the roster to be confirmed (`summary.confirm` of them).
    pub fn to_confirm(&self) -> Vec<&Finding> {
        confirm::to_confirm(&self.findings, &self.assignments)
    }

    /// The report as JSON with its assignments and findings left empty (`[]`).
    pub fn head_json(&self) -> String {
        json::write_head(self)
    }
}

/// One WeCom member, for choosing a member by hand (the page's picker). Kept out of the report
/// so the report stays the size of the exmail file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberInfo {
    pub userid: String,
    pub name: String,
    /// 1-based row in the WeCom file.
    pub row: u32,
    pub department: String,
    /// `active`, `disabled`, `left`, `not_activated` or `unknown`.
    pub status: &'static str,
    /// The exmail address that becomes this member's mailbox, if any.
    pub mailbox: Option<String>,
}
