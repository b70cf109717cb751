//! roster-check: checks a Tencent Exmail → WeCom mail upgrade roster (邮箱名单).
//!
//! A pure core — bytes and options in, a [`Report`] and files out — with no IO, clock or JS.
//! The flow, one module per arrow:
//!
//! ```text
//! bytes ─ingest─▶ tables ─model─▶ accounts + members ─matching─▶ assignments ─rules─▶ findings
//!       ─▶ Report ─export─▶ 邮箱名单 (CSV/XLSX) · findings CSV · report JSON
//! ```

// Input is hostile by default: no panicking shortcuts outside tests.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod assign;
pub mod error;
pub mod export;
pub mod ingest;
pub mod matching;
mod members;
pub mod model;
pub mod options;
pub mod report;
pub mod roster;
pub mod rules;
// The generator builds its own data (never user input) and is not part of the wasm: a failure
// there is a bug in it, so it may assert as tests do.
#[cfg(feature = "synth")]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
pub mod synth;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
#[cfg(target_arch = "wasm32")]
mod wasm_heap;
#[cfg(target_arch = "wasm32")]
mod wasm_report;

mod engine;

pub use engine::{check, check_with_progress, Checked, Inputs, Stage};
pub use error::{Error, ERROR_CODES};
pub use export::ExportFormat;
pub use options::{Lang, Options, Override, UpgradePath};
pub use report::{
    Assignment, AssignmentType, FileKind, Finding, MatchedBy, MemberInfo, Report, Summary,
};
pub use rules::{Code, Severity, RULES};
