//! `check`: the whole flow from bytes to report, and the handle that exports from it.

use crate::error::Error;
use crate::export::{self, ExportFormat, RosterTemplate};
use crate::options::Options;
use crate::report::Report;

/// The files of one check, as bytes. Each crosses into the engine once and is only borrowed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Inputs<'a> {
    pub exmail: &'a [u8],
    pub wecom: &'a [u8],
    /// A 邮箱名单 downloaded from the wizard: when given, the output keeps its layout.
    pub roster: Option<&'a [u8]>,
}

/// Stages reported to a progress callback, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Read,
    Match,
    Rules,
    Report,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::Match => "match",
            Stage::Rules => "rules",
            Stage::Report => "report",
        }
    }
}

/// A finished check: the report, and what exporting needs (the roster template).
#[derive(Debug, Clone)]
pub struct Checked {
    pub report: Report,
    pub(crate) template: Option<RosterTemplate>,
    pub(crate) options: Options,
}

impl Checked {
    /// The 邮箱名单 to import: the uploaded roster's layout filled in, or the default layout.
    pub fn export_roster(&self, format: ExportFormat) -> Result<Vec<u8>, Error> {
        export::write_roster(
            &self.report,
            self.template.as_ref(),
            self.options.lang,
            format,
        )
    }

    /// The findings with their rows (CSV for Excel, or the whole report as JSON).
    pub fn export_findings(&self, format: ExportFormat) -> Result<Vec<u8>, Error> {
        export::write_findings(&self.report, self.options.lang, format)
    }
}

/// Checks one upgrade: reads the files, matches accounts to members, applies every rule.
pub fn check(inputs: &Inputs, options: &Options) -> Result<Checked, Error> {
    check_with_progress(inputs, options, &mut |_| {})
}

/// [`check`], calling `progress` as each stage starts.
pub fn check_with_progress(
    inputs: &Inputs,
    options: &Options,
    progress: &mut dyn FnMut(Stage),
) -> Result<Checked, Error> {
    todo!("{inputs:?} {options:?} {:?}", progress as *const _)
}
