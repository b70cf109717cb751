//! `check`: the whole flow from bytes to report, and the handle that exports from it.
//!
//! ```text
//! read (ingest + how each file was read) → records (model) → match (keys, roster, assign)
//!   → rules → report::build
//! ```

mod read;

use std::borrow::Cow;

use rustc_hash::FxHashSet;

use crate::error::{Error, Problem};
use crate::export::{self, ExportFormat, RosterTemplate};
use crate::host::{Host, Progress, Quiet, Stage};
use crate::matching::{self, roster};
use crate::model;
use crate::options::Options;
use crate::report::members::MemberTable;
use crate::report::{self, InputsInfo, MemberInfo, Report};
use crate::rules::{self, context, Findings};
use crate::vocab::{FileKind, Lang, UpgradePath};
use read::{read_template, Sheet};

/// The files of one check, as bytes. Each crosses into the engine once and is only borrowed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Inputs<'a> {
    pub exmail: &'a [u8],
    /// The target WeCom's contacts: required on path `bind`; on path `new` there is no WeCom yet.
    pub wecom: Option<&'a [u8]>,
    /// A 邮箱名单 downloaded from the wizard: when given, the output keeps its layout.
    pub roster: Option<&'a [u8]>,
}

/// A finished check: the report, and what exporting needs (the roster template).
#[derive(Debug, Clone)]
pub struct Checked {
    pub report: Report,
    members: MemberTable,
    pub(crate) template: Option<RosterTemplate>,
    pub(crate) options: Options,
}

impl Checked {
    /// The WeCom members, in file order, with the mailbox each gets (made on each call).
    pub fn members(&self) -> Vec<MemberInfo> {
        self.members.infos(&self.report)
    }

    /// [`Checked::members`] borrowed from the check, and how many there are.
    pub fn member_views(&self) -> (impl Iterator<Item = report::members::MemberView<'_>>, usize) {
        (self.members.views(&self.report), self.members.len())
    }

    /// The WeCom members as JSON (an array of [`MemberInfo`]), for a host's member picker.
    pub fn members_json(&self) -> String {
        serde_json::to_string(&self.members()).unwrap_or_else(|_| "[]".to_string())
    }

    /// The options the check ran with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The 邮箱名单 to import: the uploaded roster's layout filled in, or the default layout.
    pub fn export_roster(&self, format: ExportFormat) -> Result<Vec<u8>, Error> {
        export::write_roster(&self.report, self.template.as_ref(), format)
    }

    /// The findings with their rows (CSV for Excel, or the whole report as JSON), in the
    /// check's language.
    pub fn export_findings(&self, format: ExportFormat) -> Result<Vec<u8>, Error> {
        self.export_findings_in(format, self.report.lang)
    }

    /// [`Checked::export_findings`] in `lang`.
    pub fn export_findings_in(&self, format: ExportFormat, lang: Lang) -> Result<Vec<u8>, Error> {
        export::write_findings(&self.report, lang, format)
    }
}

/// Checks one upgrade: reads the files, matches accounts to members, applies every rule.
pub fn check(inputs: &Inputs, options: &Options) -> Result<Checked, Error> {
    check_in(&mut Quiet, inputs, options)
}

/// [`check`], calling `progress` as each stage starts.
pub fn check_with_progress(
    inputs: &Inputs,
    options: &Options,
    progress: &mut dyn FnMut(Stage),
) -> Result<Checked, Error> {
    check_in(&mut Progress(progress), inputs, options)
}

/// The files of one check, handed over: what the engine can keep as it is (delimited UTF-8
/// text) becomes its tables' text without a copy.
#[derive(Debug, Clone, Default)]
pub struct OwnedInputs {
    pub exmail: Vec<u8>,
    pub wecom: Option<Vec<u8>>,
    pub roster: Option<Vec<u8>>,
}

/// [`check`] with the services of `host` (a legacy decoder, progress).
pub fn check_in(host: &mut dyn Host, inputs: &Inputs, options: &Options) -> Result<Checked, Error> {
    let files = Files {
        exmail: Cow::Borrowed(inputs.exmail),
        wecom: inputs.wecom.map(Cow::Borrowed),
        roster: inputs.roster,
    };
    run(host, files, options)
}

/// [`check_in`] with the files handed over (the JS module's, which copied them in anyway).
pub fn check_owned_in(
    host: &mut dyn Host,
    inputs: OwnedInputs,
    options: &Options,
) -> Result<Checked, Error> {
    let files = Files {
        exmail: Cow::Owned(inputs.exmail),
        wecom: inputs.wecom.map(Cow::Owned),
        roster: inputs.roster.as_deref(),
    };
    run(host, files, options)
}

struct Files<'a> {
    exmail: Cow<'a, [u8]>,
    wecom: Option<Cow<'a, [u8]>>,
    roster: Option<&'a [u8]>,
}

fn run(host: &mut dyn Host, inputs: Files, options: &Options) -> Result<Checked, Error> {
    context::validate(options)?;
    let legacy = host.legacy_decoder();
    host.progress(Stage::Read);
    let mut findings = Findings::new(options.path);
    let exmail = Sheet::read(
        inputs.exmail,
        FileKind::Exmail,
        &options.exmail_file,
        options,
        legacy,
        &mut findings,
    )?;
    exmail.require_rows()?;
    let wecom = match inputs.wecom {
        Some(bytes) => Some(Sheet::read(
            bytes,
            FileKind::Wecom,
            &options.wecom_file,
            options,
            legacy,
            &mut findings,
        )?),
        None if options.path == UpgradePath::Bind => {
            return Err(Error::refused(FileKind::Wecom, Problem::WecomRequired {}));
        }
        None => None,
    };
    if let Some(w) = &wecom {
        w.check_members(&mut findings);
    }
    let template = match inputs.roster {
        Some(bytes) => Some(read_template(bytes, options, legacy, &mut findings)?),
        None => None,
    };

    host.progress(Stage::Records);
    let mut accounts = match exmail.usable {
        true => model::read_exmail(&exmail.table, &exmail.layout, &mut findings),
        false => Vec::new(),
    };
    model::aliases::check(&mut accounts, &mut findings);
    let members = match &wecom {
        Some(w) if w.usable => model::read_wecom(&w.table, &w.layout, &mut findings),
        _ => Vec::new(),
    };
    let domains = model::org_domains(&accounts, &options.domains);
    model::check_domains(&accounts, &domains, &mut findings);

    host.progress(Stage::Match);
    let matching = matching::match_keys(&accounts, &members, &mut findings);
    let account_set: FxHashSet<&str> = match template {
        Some(_) => accounts.iter().map(|a| a.email.as_ref()).collect(),
        None => FxHashSet::default(), // only a roster asks "is this an account?"
    };
    let alias_owners = match template {
        Some(_) => model::aliases::owners(&accounts),
        None => Default::default(),
    };
    let roster = template.as_ref().map(|t| {
        let account_of = |e: &str| match account_set.contains(e) {
            true => Some(roster::Named::Account),
            false => alias_owners
                .get(e)
                .map(|&a| roster::Named::AliasOf(accounts[a].email.as_ref())),
        };
        roster::read_roster(&t.template.sheets, account_of, options.path, &mut findings)
    });
    let resolved = matching::assign(
        &accounts,
        &members,
        &matching,
        roster.as_ref(),
        &options.overrides,
        options.path,
        &mut findings,
    );
    // Done with: freed before the rules and the report allocate (at 1M accounts, tens of MB).
    drop((matching, roster, account_set, alias_owners));

    host.progress(Stage::Rules);
    rules::assignments::check(
        &accounts,
        &members,
        &resolved,
        options.advanced_quota,
        &mut findings,
    );
    rules::assignments::check_departments(&accounts, &members, &mut findings);
    context::check(options, &mut findings);

    host.progress(Stage::Report);
    let inputs_info = InputsInfo {
        exmail: exmail.info(),
        wecom: wecom.as_ref().map(Sheet::info),
        roster: template.as_ref().map(|t| t.info.clone()),
    };
    let (report, entries) = report::build(
        &accounts,
        &resolved,
        &members,
        findings,
        inputs_info,
        options.lang,
    );
    host.progress(Stage::Done);
    Ok(Checked {
        report,
        members: match wecom {
            Some(w) => MemberTable::new(entries, w.table, w.layout),
            None => MemberTable::default(),
        },
        template: template.map(|t| t.template),
        options: options.clone(),
    })
}
