//! The report: what one check found, as plain serialisable data (JSON `version: 1`).
//!
//! Field names and values are a public contract (`shared/spec/interfaces.md`): the CLI, the JS
//! module and the page all read this shape.

use serde::Serialize;

use crate::rules::Severity;

// The form `report()` of the JS module is built from.
#[cfg(any(target_arch = "wasm32", test))]
pub(crate) mod compact;
mod json;

/// Which input a finding or a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Exmail,
    Wecom,
    Roster,
    /// The check's options (upgrade context, overrides): findings that concern no file row.
    Options,
}

impl FileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Exmail => "exmail",
            FileKind::Wecom => "wecom",
            FileKind::Roster => "roster",
            FileKind::Options => "options",
        }
    }
}

/// Where an exmail account ends up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AssignmentType {
    /// 成员邮箱: the mailbox of one WeCom member.
    Member,
    /// 其他邮箱: kept for a partner; cannot log in to WeCom.
    Other,
    /// In neither list of the uploaded roster: the wizard would refuse it.
    Unassigned,
}

/// The evidence an assignment rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    WechatId,
    BizMail,
    Email,
    Mobile,
    Roster,
    Override,
    /// Path `new`: no key, roster row or override placed the account, and on that path every
    /// account becomes a member of the new WeCom unless listed as other.
    PathNew,
}

impl MatchedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedBy::WechatId => "wechat_id",
            MatchedBy::BizMail => "biz_mail",
            MatchedBy::Email => "email",
            MatchedBy::Mobile => "mobile",
            MatchedBy::Roster => "roster",
            MatchedBy::Override => "override",
            MatchedBy::PathNew => "path_new",
        }
    }
}

/// One exmail account and where it goes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assignment {
    /// The address, trimmed and lower-cased.
    pub email: String,
    #[serde(rename = "type")]
    pub kind: AssignmentType,
    /// The WeCom member (`userid`) for a member mailbox, when known.
    pub userid: Option<String>,
    pub matched_by: Option<MatchedBy>,
    /// The key value that made the match (a WeChat id, an address, a mobile): the "why".
    pub evidence: Option<String>,
    /// 1-based row of the account in the exmail file.
    pub row: u32,
    /// The account's name in the exmail file.
    pub name: String,
    /// The matched member's name in the WeCom file.
    pub wecom_name: Option<String>,
}

/// One rule violation or fact to acknowledge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub file: Option<FileKind>,
    /// 1-based row as a spreadsheet shows it; `None` for findings about a whole file or run.
    pub row: Option<u32>,
    pub field: Option<&'static str>,
    /// The offending cell as it was read (for rows), so a person can find it.
    pub value: Option<String>,
    /// The exmail account this finding concerns, when there is one.
    pub email: Option<String>,
    pub message: String,
}

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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub version: u32,
    pub summary: Summary,
    pub assignments: Vec<Assignment>,
    pub findings: Vec<Finding>,
    pub inputs: InputsInfo,
}

impl Report {
    /// The report as JSON: the same inputs give byte-identical output, the bytes
    /// `serde_json::to_string` gives for this type.
    pub fn to_json(&self) -> String {
        json::write(self)
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
