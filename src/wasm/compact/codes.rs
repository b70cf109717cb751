//! The numbers `compact.js` maps back to strings (its `TYPES`, `MATCHED_BY`, `SEVERITIES` and
//! `FILES` tables, in the same order).

use crate::vocab::{AssignmentType, FileKind, MatchedBy, Severity};

/// The codes `compact.js` maps back to strings; 0 is `null` where a field may be.
pub(super) fn kind_code(kind: AssignmentType) -> u32 {
    match kind {
        AssignmentType::Member => 0,
        AssignmentType::Other => 1,
        AssignmentType::Unassigned => 2,
    }
}

pub(super) fn matched_by_code(by: Option<MatchedBy>) -> u32 {
    match by {
        None => 0,
        Some(MatchedBy::WechatId) => 1,
        Some(MatchedBy::BizMail) => 2,
        Some(MatchedBy::Email) => 3,
        Some(MatchedBy::Mobile) => 4,
        Some(MatchedBy::Roster) => 5,
        Some(MatchedBy::Override) => 6,
        Some(MatchedBy::PathNew) => 7,
    }
}

pub(super) fn severity_code(severity: Severity) -> u32 {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

pub(super) fn file_code(file: Option<FileKind>) -> u32 {
    match file {
        None => 0,
        Some(FileKind::Exmail) => 1,
        Some(FileKind::Wecom) => 2,
        Some(FileKind::Roster) => 3,
        Some(FileKind::Options) => 4,
    }
}
