//! roster-check: checks a Tencent Exmail → WeCom mail upgrade roster (邮箱名单).
//!
//! A pure core — bytes and options in, a [`Report`] and files out — with no IO, clock or JS.
//! The flow, one module per arrow:
//!
//! ```text
//! bytes ─ingest─▶ tables ─model─▶ accounts + members ─matching─▶ assignments ─rules─▶ findings
//!       ─report::build─▶ Report ─export─▶ 邮箱名单 (CSV/XLSX) · findings CSV · report JSON
//! ```
//!
//! `vocab` (the shared words), `message` (templates and typed arguments), `host` (what the core
//! asks of its host) and `error` sit below all of them; `rules` holds the catalogue every stage
//! reports to. ARCHITECTURE.md has the map.

// Input is hostile by default: no panicking shortcuts outside tests.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

// From the bottom of the module graph up (`tests/module_graph.rs` holds it to no cycle):
#[cfg(feature = "xlsx")]
mod crc32;
mod engine;
pub mod error;
pub mod export;
pub mod host;
pub mod ingest;
pub mod matching;
pub mod message;
pub mod model;
pub mod options;
pub mod report;
pub mod rules;
pub mod support;
pub mod vocab;
// The generator builds its own data (never user input) and is not part of the wasm: a failure
// there is a bug in it, so it may assert as tests do.
#[cfg(feature = "synth")]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
pub mod synth;
// The JS shell; its compact report form is tested natively too. Public in wasm32 so that the
// boundary's own tests (tests/wasm_boundary.rs, wasm-bindgen-test) call it as JS does.
#[cfg(any(target_arch = "wasm32", test))]
pub mod wasm;

pub use engine::{
    check, check_in, check_owned_in, check_with_progress, Checked, Inputs, OwnedInputs,
};
pub use error::{Error, ERROR_CODES};
pub use export::ExportFormat;
pub use host::{Host, Stage};
pub use options::{Options, Override};
pub use report::{Assignment, Finding, MemberInfo, Report, Summary, Verdict};
pub use rules::{Args, Code, Confirm, RULES};
pub use vocab::{
    AssignmentType, Feature, Field, FileKind, Lang, MatchedBy, Severity, Status, UpgradePath,
};
