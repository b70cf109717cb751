//! Which findings leave the roster to be confirmed before it is imported (`summary.confirm`):
//! those of a rule flagged in the catalogue ([`Confirm`]), less the ones about an account the
//! admin has settled by hand — they looked and chose.

use rustc_hash::FxHashSet;

use super::{Assignments, Finding};
use crate::rules::Confirm;
use crate::vocab::MatchedBy;

/// The findings to confirm, in report order.
pub fn to_confirm<'f>(findings: &'f [Finding], assignments: &Assignments) -> Vec<&'f Finding> {
    let flagged = |f: &&Finding| f.code().rule().confirm != Confirm::No;
    if !findings.iter().any(|f| flagged(&f)) {
        return Vec::new();
    }
    let settled: FxHashSet<&str> = assignments
        .iter()
        .filter(|a| a.matched_by == Some(MatchedBy::Override))
        .map(|a| a.email)
        .collect();
    findings
        .iter()
        .filter(|f| match f.code().rule().confirm {
            Confirm::No => false,
            Confirm::Reading => true,
            Confirm::Account => f.email.as_deref().is_some_and(|e| !settled.contains(e)),
        })
        .collect()
}
