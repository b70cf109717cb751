//! The command line's arguments: the help text, the flags, and the options they make.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use roster_check::{ExportFormat, Feature, Lang, Options, UpgradePath};

use super::read_text;

pub const HELP: &str = "\
roster-check: checks a Tencent Exmail → WeCom mail upgrade roster (邮箱名单) and writes the import file

USAGE:
  roster-check --exmail FILE [--wecom FILE] [OPTIONS]

INPUTS (CSV/TSV in UTF-8, GBK or UTF-16, or XLSX):
  --exmail FILE                 the Exmail account list (required)
  --wecom FILE                  the target WeCom contacts (required on path bind; path new has no
                                WeCom yet: without it every account is proposed as a member)
  --roster FILE                 a 邮箱名单 downloaded from the upgrade wizard: the output keeps its layout
  --options FILE.json           the full options JSON; the flags below override it
  --overrides FILE.json         your own decisions: {\"addr\": {\"type\": \"member\", \"userid\": \"…\"} | {\"type\": \"other\"}}

UPGRADE CONTEXT:
  --path new|bind               upgrade path (default bind)
  --advanced-quota N            paid advanced-feature seats
  --target-paid                 the target WeCom bought advanced mail features or opened the trial
  --wecom-api-email-param       WeCom contacts are synced by API using `email`
  --exmail-contacts-api         the Exmail contacts API is in use
  --wecom-contacts-api          the WeCom contacts API is in use
  --department-backup-rules     backup rules use departments as source
  --features-in-use a,b         member_password, rtx, password_rotation, netdisk, announcements,
                                signature, public_address_book, business_card, sso
  --enterprise-name NAME        the enterprise name (path new)
  --domains a.cn,b.cn           the organisation's mail domains (default: inferred)
  --lang zh|zh-TW|en            language of messages and summary (default zh; zh-CN = zh)

OUTPUTS:
  --out ROSTER.csv|ROSTER.xlsx  the 邮箱名单 to import
  --report REPORT.json          the full report
  --findings FILE.csv|.xlsx|.json  the findings with their rows
  --support-summary FILE.json   what a support desk needs to help, without a name, address,
                                phone or userid in it (codes, counts, file shapes, options)

  -h, --help                    this help
  -V, --version                 the version

EXIT STATUS: 0 no error findings, 1 error findings, 2 unreadable input or wrong arguments.
";

/// What the command line asked for.
#[derive(Default)]
pub struct Args {
    pub exmail: Option<PathBuf>,
    pub wecom: Option<PathBuf>,
    pub roster: Option<PathBuf>,
    pub options: Option<PathBuf>,
    pub overrides: Option<PathBuf>,
    pub out: Option<(PathBuf, ExportFormat)>,
    pub report: Option<PathBuf>,
    pub findings: Option<(PathBuf, ExportFormat)>,
    pub support_summary: Option<PathBuf>,
    pub path: Option<UpgradePath>,
    pub advanced_quota: Option<u64>,
    pub target_paid: bool,
    pub wecom_api_email_param: bool,
    pub exmail_contacts_api: bool,
    pub wecom_contacts_api: bool,
    pub department_backup_rules: bool,
    pub features_in_use: Option<Vec<String>>,
    pub enterprise_name: Option<String>,
    pub domains: Option<Vec<String>>,
    pub lang: Option<Lang>,
}

pub enum Command {
    Run(Box<Args>),
    Help,
    Version,
}

pub fn parse(argv: Vec<OsString>) -> Result<Command, lexopt::Error> {
    use lexopt::prelude::*;
    let mut args = Args::default();
    let mut parser = lexopt::Parser::from_args(argv);
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Short('V') | Long("version") => return Ok(Command::Version),
            Long("exmail") => args.exmail = Some(parser.value()?.into()),
            Long("wecom") => args.wecom = Some(parser.value()?.into()),
            Long("roster") => args.roster = Some(parser.value()?.into()),
            Long("options") => args.options = Some(parser.value()?.into()),
            Long("overrides") => args.overrides = Some(parser.value()?.into()),
            Long("report") => args.report = Some(parser.value()?.into()),
            Long("out") => {
                let path: PathBuf = parser.value()?.into();
                let format = output_format(&path)
                    .filter(|f| *f != ExportFormat::Json)
                    .ok_or_else(|| {
                        format!(
                            "--out {}: the roster is written as .csv or .xlsx",
                            path.display()
                        )
                    })?;
                args.out = Some((path, format));
            }
            Long("findings") => {
                let path: PathBuf = parser.value()?.into();
                let format = output_format(&path).ok_or_else(|| {
                    format!(
                        "--findings {}: use a .csv, .xlsx or .json file name",
                        path.display()
                    )
                })?;
                args.findings = Some((path, format));
            }
            Long("path") => {
                args.path = Some(match parser.value()?.string()?.as_str() {
                    "new" => UpgradePath::New,
                    "bind" => UpgradePath::Bind,
                    other => return Err(format!("--path {other}: use new or bind").into()),
                })
            }
            Long("lang") => {
                let value = parser.value()?.string()?;
                let lang = Lang::parse(&value)
                    .ok_or_else(|| format!("--lang {value}: use zh, zh-TW or en"))?;
                args.lang = Some(lang);
            }
            Long("support-summary") => args.support_summary = Some(parser.value()?.into()),
            Long("advanced-quota") => {
                let value = parser.value()?.string()?;
                let quota = value.trim().parse().map_err(|_| {
                    format!("--advanced-quota {value}: not a whole number of seats")
                })?;
                args.advanced_quota = Some(quota);
            }
            Long("target-paid") => args.target_paid = true,
            Long("wecom-api-email-param") => args.wecom_api_email_param = true,
            Long("exmail-contacts-api") => args.exmail_contacts_api = true,
            Long("wecom-contacts-api") => args.wecom_contacts_api = true,
            Long("department-backup-rules") => args.department_backup_rules = true,
            Long("features-in-use") => {
                let features = list(&parser.value()?.string()?);
                if let Some(bad) = features.iter().find(|f| Feature::parse(f).is_none()) {
                    let known: Vec<&str> = Feature::ALL.iter().map(|f| f.as_str()).collect();
                    let known = known.join(", ");
                    return Err(format!(
                        "--features-in-use: unknown feature {bad:?} (known: {known})"
                    )
                    .into());
                }
                args.features_in_use = Some(features);
            }
            Long("enterprise-name") => args.enterprise_name = Some(parser.value()?.string()?),
            Long("domains") => args.domains = Some(list(&parser.value()?.string()?)),
            _ => return Err(arg.unexpected()),
        }
    }
    Ok(Command::Run(Box::new(args)))
}

/// `a, b,,c` → `[a, b, c]`.
fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn output_format(path: &Path) -> Option<ExportFormat> {
    ExportFormat::parse(path.extension()?.to_str()?)
}

/// The options: the `--options` file if any, then the flags over it.
pub fn options(args: &Args) -> Result<Options, String> {
    let mut options = match &args.options {
        Some(path) => {
            let text = read_text("options", path)?;
            Options::from_json(&text).map_err(|e| {
                let reason = e.strip_prefix("options: ").unwrap_or(&e);
                format!("options file {}: {reason}", path.display())
            })?
        }
        None => Options::default(),
    };
    if let Some(path) = &args.overrides {
        let text = read_text("overrides", path)?;
        let overrides = Options::overrides_from_json(&text)
            .map_err(|e| format!("overrides file {}: {e}", path.display()))?;
        options.overrides.extend(overrides);
    }
    if let Some(path) = args.path {
        options.path = path;
    }
    if let Some(quota) = args.advanced_quota {
        options.advanced_quota = Some(quota);
    }
    options.target_paid |= args.target_paid;
    options.wecom_api_email_param |= args.wecom_api_email_param;
    options.exmail_contacts_api |= args.exmail_contacts_api;
    options.wecom_contacts_api |= args.wecom_contacts_api;
    options.department_backup_rules |= args.department_backup_rules;
    if let Some(features) = &args.features_in_use {
        options.features_in_use = features.clone();
    }
    if let Some(name) = &args.enterprise_name {
        options.enterprise_name = Some(name.clone());
    }
    if let Some(domains) = &args.domains {
        options.domains = domains.clone();
    }
    if let Some(lang) = args.lang {
        options.lang = lang;
    }
    Ok(options)
}
