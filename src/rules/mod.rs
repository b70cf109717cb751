//! The rules: the catalogue (code, severity, path, messages, typed arguments), findings as data
//! and the collector every stage adds to, and the checks that run once accounts are assigned.
//!
//! Each check lives in one place: field checks as rows are read (`model`), matching outcomes in
//! `matching`, roster decisions in `roster`, and the rest here — `columns` (how a file's columns
//! were found), `workbook` (how a workbook was read), `context` (the upgrade context from the
//! options) and `assignments` (what follows from who got which mailbox).

pub mod args;
pub mod assignments;
mod catalogue;
pub mod columns;
pub mod context;
mod finding;
pub mod role;
pub mod workbook;

pub use catalogue::{render_plain, Args, Code, Confirm, Rule, RulePath, RULES};
pub use finding::{At, Finding, Findings};
