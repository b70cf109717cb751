//! `check`: the whole flow from bytes to report, and the handle that exports from it.

use rustc_hash::FxHashSet;

use crate::error::column_letter;
use crate::error::{Error, Problem};
use crate::export::{self, ExportFormat, RosterTemplate};
use crate::ingest::{self, Field, Layout, Loaded, Table};
use crate::members::MemberList;
use crate::options::{Options, ReadOptions, UpgradePath};
use crate::report::{
    Assignment, AssignmentType, FileKind, GuessedColumn, InputInfo, InputsInfo, MemberInfo, Report,
    Summary,
};
use crate::rules::{self, context, At, Code, Findings, Severity};
use crate::{assign, matching, model, roster};

/// The files of one check, as bytes. Each crosses into the engine once and is only borrowed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Inputs<'a> {
    pub exmail: &'a [u8],
    /// The target WeCom's contacts: required on path `bind`; on path `new` there is no WeCom yet.
    pub wecom: Option<&'a [u8]>,
    /// A 邮箱名单 downloaded from the wizard: when given, the output keeps its layout.
    pub roster: Option<&'a [u8]>,
}

/// Stages reported to a progress callback as each starts, in order. The core keeps no clock:
/// a host that wants per-stage timings measures between callbacks (the CLI's `--timings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Decode the bytes, parse rows, find headers and columns.
    Read,
    /// Normalise rows into accounts and members, with their field checks.
    Records,
    /// Index the keys and match.
    Match,
    /// Apply the roster and overrides, then the rules.
    Rules,
    /// Sort findings and build the report.
    Report,
    /// Finished.
    Done,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::Read,
        Stage::Records,
        Stage::Match,
        Stage::Rules,
        Stage::Report,
        Stage::Done,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::Records => "records",
            Stage::Match => "match",
            Stage::Rules => "rules",
            Stage::Report => "report",
            Stage::Done => "done",
        }
    }
}

/// A finished check: the report, and what exporting needs (the roster template).
#[derive(Debug, Clone)]
pub struct Checked {
    pub report: Report,
    members: MemberList,
    pub(crate) template: Option<RosterTemplate>,
    pub(crate) options: Options,
}

impl Checked {
    /// The WeCom members, in file order, with the mailbox each gets (made on each call).
    pub fn members(&self) -> Vec<MemberInfo> {
        self.members.infos(&self.report)
    }

    /// [`Checked::members`] borrowed from the check, and how many there are.
    #[cfg(any(target_arch = "wasm32", test))]
    pub(crate) fn member_views(
        &self,
    ) -> (impl Iterator<Item = crate::members::MemberView<'_>>, usize) {
        (self.members.views(&self.report), self.members.len())
    }

    /// The WeCom members as JSON (an array of [`MemberInfo`]), for a host's member picker.
    pub fn members_json(&self) -> String {
        serde_json::to_string(&self.members()).unwrap_or_else(|_| "[]".to_string())
    }

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
    context::validate(options)?;
    progress(Stage::Read);
    let mut findings = Findings::new(options.lang, options.path);
    let exmail = Sheet::read(
        inputs.exmail,
        FileKind::Exmail,
        &options.exmail_file,
        options,
        &mut findings,
    )?;
    exmail.require_rows()?;
    let wecom = match inputs.wecom {
        Some(bytes) => Some(Sheet::read(
            bytes,
            FileKind::Wecom,
            &options.wecom_file,
            options,
            &mut findings,
        )?),
        None if options.path == UpgradePath::Bind => {
            return Err(Error::refused(FileKind::Wecom, Problem::WecomRequired {}));
        }
        None => None,
    };
    if let Some(w) = wecom.as_ref().filter(|w| !w.has_data_rows()) {
        let mut at = At::file(FileKind::Wecom);
        at.row = Some(w.layout.header_row);
        at.value = Some(w.layout.header_row.to_string());
        findings.add(Code::WecomEmpty, at, &[]);
    }
    let template = match inputs.roster {
        Some(bytes) => Some(read_template(bytes, options, &mut findings)?),
        None => None,
    };
    progress(Stage::Records);
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

    progress(Stage::Match);
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
    let resolved = assign::assign(
        &accounts,
        &members,
        &matching,
        roster.as_ref(),
        &options.overrides,
        options.path,
        &mut findings,
    );

    progress(Stage::Rules);
    rules::assignments::check(
        &accounts,
        &members,
        &resolved,
        options.advanced_quota,
        &mut findings,
    );
    rules::assignments::check_departments(&accounts, &members, &mut findings);
    context::check(options, &mut findings);

    progress(Stage::Report);
    let findings = findings.into_sorted();
    let mut mailboxes: Vec<Option<u32>> = vec![None; members.len()];
    for (a, r) in resolved.iter().enumerate() {
        if let Some(m) = r.member {
            // Within u32: accounts are table rows.
            mailboxes[m].get_or_insert(a as u32);
        }
    }
    let member_entries = MemberList::entries(&members, mailboxes);
    let assignments: Vec<Assignment> = resolved.into_iter().map(|r| r.assignment).collect();
    let count = |kind: AssignmentType| assignments.iter().filter(|a| a.kind == kind).count();
    let severity = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let summary = Summary {
        accounts: assignments.len(),
        member: count(AssignmentType::Member),
        other: count(AssignmentType::Other),
        unassigned: count(AssignmentType::Unassigned),
        wecom_members: member_entries.len(),
        errors: severity(Severity::Error),
        warnings: severity(Severity::Warning),
        infos: severity(Severity::Info),
        importable: severity(Severity::Error) == 0,
    };
    let inputs_info = InputsInfo {
        exmail: exmail.info(),
        wecom: wecom.as_ref().map(Sheet::info),
        roster: template.as_ref().map(|t| t.info.clone()),
    };
    drop(roster);
    let report = Report {
        version: 1,
        summary,
        assignments,
        findings,
        inputs: inputs_info,
    };
    progress(Stage::Done);
    Ok(Checked {
        report,
        members: match wecom {
            Some(w) => MemberList::new(member_entries, w.table, w.layout),
            None => MemberList::default(),
        },
        template: template.map(|t| t.template),
        options: options.clone(),
    })
}

/// One exmail or WeCom file, read, with its layout.
struct Sheet {
    loaded: Loaded,
    table: Table,
    layout: Layout,
    /// The required column is there.
    usable: bool,
}

impl Sheet {
    fn read(
        bytes: &[u8],
        file: FileKind,
        read: &ReadOptions,
        options: &Options,
        findings: &mut Findings,
    ) -> Result<Sheet, Error> {
        let mut loaded = ingest::load(bytes, file, read, &options.limits)?;
        if loaded.sheets.is_empty() {
            return Err(Error::refused(file, Problem::NoSheet {}));
        }
        let table = loaded.sheets.swap_remove(0);
        let layout = ingest::find_layout(&table, file, read)?;
        let required = if file == FileKind::Wecom {
            Field::Userid
        } else {
            Field::Email
        };
        let usable = layout.column(required).is_some();
        if !usable {
            missing_column(file, required, &layout.headers, findings);
        }
        report_guesses(file, &layout, findings);
        rules::workbook::check_notes(file, &loaded.notes, table.sheet.as_deref(), findings);
        rules::workbook::check_digits(file, &table, &layout, findings);
        Ok(Sheet {
            loaded,
            table,
            layout,
            usable,
        })
    }

    fn info(&self) -> InputInfo {
        input_info(&self.loaded, &self.table, &self.layout)
    }

    /// A row below the header that is not blank.
    fn has_data_rows(&self) -> bool {
        (self.layout.header_index + 1..self.table.len()).any(|i| !self.table.row(i).is_blank())
    }

    /// Refuses a file with no data row: an exmail file without accounts has nothing to check,
    /// and an empty report would read as "importable".
    fn require_rows(&self) -> Result<(), Error> {
        let file = FileKind::Exmail;
        if self.table.rows().all(|r| r.is_blank()) {
            return Err(Error::refused(file, Problem::BlankFile {}));
        }
        if !self.has_data_rows() {
            let header_row = self.layout.header_row;
            return Err(Error::refused(file, Problem::NoDataRows { header_row }));
        }
        Ok(())
    }
}

fn input_info(loaded: &Loaded, table: &Table, layout: &Layout) -> InputInfo {
    let rows = (layout.header_index + 1..table.len())
        .filter(|&i| !table.row(i).is_blank())
        .count();
    InputInfo {
        format: loaded.format.as_str().to_string(),
        encoding: loaded.encoding.map(str::to_string),
        sheet: table.sheet.clone(),
        header_row: (!table.is_empty()).then_some(layout.header_row),
        headers: layout.headers.clone(),
        columns: layout.mapping(),
        rows,
        guessed: layout
            .guessed
            .iter()
            .map(|g| GuessedColumn {
                column: column_letter(g.column),
                header: layout.headers.get(g.column).cloned().unwrap_or_default(),
                field: g.field.map(Field::as_str),
                looks_like: g.looks_like.as_str(),
            })
            .collect(),
    }
}

/// `column-guessed`: each column read for what its cells hold, and each unread one that looks
/// like phones or addresses.
fn report_guesses(file: FileKind, layout: &Layout, findings: &mut Findings) {
    let (file_zh, file_en) = rules::file_names(file);
    for g in &layout.guessed {
        let header = layout.headers.get(g.column).map_or("", String::as_str);
        let (like_zh, like_en) = rules::field_names(g.looks_like);
        let (what_zh, what_en) = match g.field {
            Some(field) => {
                let (zh, en) = rules::field_names(field);
                (
                    format!("不是可识别的表头，按内容被当作「{zh}」读取"),
                    format!(
                        "has no header we know: it is read as the {en} for what its cells hold"
                    ),
                )
            }
            None => (
                format!("看起来是{like_zh}，但表头不认识，没有被读取"),
                format!(
                    "looks like {like_en} values but is not read (its header is not one we know)"
                ),
            ),
        };
        let mut at = At::file(file);
        at.row = Some(layout.header_row);
        at.field = g.field;
        at.value = Some(header.to_string());
        let column = column_letter(g.column);
        let args = [
            ("file_zh", file_zh),
            ("file", file_en),
            ("column", column.as_str()),
            ("what_zh", what_zh.as_str()),
            ("what_en", what_en.as_str()),
        ];
        findings.add(Code::ColumnGuessed, at, &args);
    }
}

fn missing_column(file: FileKind, field: Field, headers: &[String], findings: &mut Findings) {
    let (file_zh, file_en) = rules::file_names(file);
    let (field_zh, field_en) = rules::field_names(field);
    let seen = headers
        .iter()
        .filter(|h| !h.trim().is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let mut at = At::file(file);
    at.field = Some(field);
    at.value = Some(seen);
    let args = [
        ("file_zh", file_zh),
        ("file", file_en),
        ("field_zh", field_zh),
        ("field", field_en),
    ];
    findings.add(Code::MissingColumn, at, &args);
}

/// The uploaded roster: every sheet with its layout, kept as the output's template.
struct ReadTemplate {
    template: RosterTemplate,
    info: InputInfo,
}

fn read_template(
    bytes: &[u8],
    options: &Options,
    findings: &mut Findings,
) -> Result<ReadTemplate, Error> {
    let loaded = ingest::load(
        bytes,
        FileKind::Roster,
        &options.roster_file,
        &options.limits,
    )?;
    let mut sheets = Vec::with_capacity(loaded.sheets.len());
    for table in &loaded.sheets {
        let layout = ingest::find_layout(table, FileKind::Roster, &options.roster_file)?;
        rules::workbook::check_digits(FileKind::Roster, table, &layout, findings);
        sheets.push((table.clone(), layout));
    }
    for (_, layout) in &sheets {
        report_guesses(FileKind::Roster, layout, findings);
    }
    rules::workbook::check_notes(FileKind::Roster, &loaded.notes, None, findings);
    let Some((first_table, first_layout)) = sheets.first() else {
        return Err(Error::refused(FileKind::Roster, Problem::NoSheet {}));
    };
    if sheets.iter().all(|(_, l)| l.column(Field::Email).is_none()) {
        missing_column(
            FileKind::Roster,
            Field::Email,
            &first_layout.headers,
            findings,
        );
    }
    let info = input_info(&loaded, first_table, first_layout);
    Ok(ReadTemplate {
        template: RosterTemplate {
            format: loaded.format,
            sheets,
        },
        info,
    })
}
