//! `roster-check`: the command line over the library. It parses arguments, reads and writes
//! files, and prints the summary; everything else is `roster_check`'s.
//!
//! Exit status: 0 no error findings, 1 error findings, 2 an input could not be read or the
//! arguments are wrong (with a one-line reason on stderr naming the file).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use roster_check::export::write_summary;
use roster_check::options::{DROPPED_FEATURES, PENDING_FEATURES};
use roster_check::{
    check, Error, ExportFormat, FileKind, Inputs, Lang, Options, Override, UpgradePath,
};

const HELP: &str = "\
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
  --lang zh|en                  language of messages and summary (default zh)

OUTPUTS:
  --out ROSTER.csv|ROSTER.xlsx  the 邮箱名单 to import
  --report REPORT.json          the full report
  --findings FILE.csv|.xlsx|.json  the findings with their rows

  -h, --help                    this help
  -V, --version                 the version

EXIT STATUS: 0 no error findings, 1 error findings, 2 unreadable input or wrong arguments.
";

/// What the command line asked for.
#[derive(Default)]
struct Args {
    exmail: Option<PathBuf>,
    wecom: Option<PathBuf>,
    roster: Option<PathBuf>,
    options: Option<PathBuf>,
    overrides: Option<PathBuf>,
    out: Option<(PathBuf, ExportFormat)>,
    report: Option<PathBuf>,
    findings: Option<(PathBuf, ExportFormat)>,
    path: Option<UpgradePath>,
    advanced_quota: Option<u64>,
    target_paid: bool,
    wecom_api_email_param: bool,
    exmail_contacts_api: bool,
    wecom_contacts_api: bool,
    department_backup_rules: bool,
    features_in_use: Option<Vec<String>>,
    enterprise_name: Option<String>,
    domains: Option<Vec<String>>,
    lang: Option<Lang>,
}

enum Command {
    Run(Box<Args>),
    Help,
    Version,
}

fn main() -> ExitCode {
    match run(std::env::args_os().skip(1).collect()) {
        Ok(code) => code,
        Err(reason) => {
            let _ = writeln!(std::io::stderr(), "roster-check: {reason}");
            ExitCode::from(2)
        }
    }
}

fn run(argv: Vec<OsString>) -> Result<ExitCode, String> {
    let args = match parse(argv).map_err(|e| format!("{e} (see --help)"))? {
        Command::Help => {
            print(HELP);
            return Ok(ExitCode::SUCCESS);
        }
        Command::Version => {
            print(&format!("roster-check {}\n", env!("CARGO_PKG_VERSION")));
            return Ok(ExitCode::SUCCESS);
        }
        Command::Run(args) => args,
    };
    let exmail_path = args
        .exmail
        .as_deref()
        .ok_or("missing --exmail FILE (see --help)")?;
    let options = options(&args)?;
    let exmail = read("exmail", exmail_path)?;
    let wecom = args
        .wecom
        .as_deref()
        .map(|p| read("wecom", p))
        .transpose()?;
    let roster = args
        .roster
        .as_deref()
        .map(|p| read("roster", p))
        .transpose()?;

    let inputs = Inputs {
        exmail: &exmail,
        wecom: wecom.as_deref(),
        roster: roster.as_deref(),
    };
    let checked = check(&inputs, &options).map_err(|e| refusal(&e, &args, options.lang))?;
    let report = &checked.report;

    let mut written = Vec::new();
    if let Some((path, format)) = &args.out {
        let bytes = checked
            .export_roster(*format)
            .map_err(|e| format!("--out {}: {}", path.display(), e.message(options.lang)))?;
        write("--out", path, &bytes)?;
        written.push(path);
    }
    if let Some(path) = &args.report {
        write("--report", path, report.to_json().as_bytes())?;
        written.push(path);
    }
    if let Some((path, format)) = &args.findings {
        let bytes = checked
            .export_findings(*format)
            .map_err(|e| format!("--findings {}: {}", path.display(), e.message(options.lang)))?;
        write("--findings", path, &bytes)?;
        written.push(path);
    }

    let mut text = write_summary(report, options.lang);
    if !written.is_empty() {
        text.push('\n');
    }
    for path in written {
        text.push_str(match options.lang {
            Lang::Zh => "已写入 ",
            Lang::En => "wrote ",
        });
        text.push_str(&path.display().to_string());
        text.push('\n');
    }
    print(&text);
    Ok(if report.summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Prints to stdout; a closed pipe is not worth a panic.
fn print(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn parse(argv: Vec<OsString>) -> Result<Command, lexopt::Error> {
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
                args.lang = Some(match parser.value()?.string()?.as_str() {
                    "zh" => Lang::Zh,
                    "en" => Lang::En,
                    other => return Err(format!("--lang {other}: use zh or en").into()),
                })
            }
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
                if let Some(bad) = features
                    .iter()
                    .find(|f| !DROPPED_FEATURES.contains(&f.as_str()))
                    .filter(|f| !PENDING_FEATURES.contains(&f.as_str()))
                {
                    return Err(format!(
                        "--features-in-use: unknown feature {bad:?} (known: {}, {})",
                        DROPPED_FEATURES.join(", "),
                        PENDING_FEATURES.join(", ")
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
fn options(args: &Args) -> Result<Options, String> {
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
        let overrides: BTreeMap<String, Override> = serde_json::from_str(&text)
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

fn read(what: &str, path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{what} file {}: {e}", path.display()))
}

fn read_text(what: &str, path: &Path) -> Result<String, String> {
    let bytes = read(what, path)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{what} file {}: not UTF-8 text", path.display()))?;
    Ok(text.trim_start_matches('\u{feff}').to_string())
}

fn write(flag: &str, path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{flag} {}: {e}", path.display()))
}

/// Why the check could not run, in `lang`, naming the file the user gave and its path.
fn refusal(error: &Error, args: &Args, lang: Lang) -> String {
    let path = error.file().and_then(|file| match file {
        FileKind::Exmail => args.exmail.as_deref(),
        FileKind::Wecom => args.wecom.as_deref(),
        FileKind::Roster => args.roster.as_deref(),
        FileKind::Options => args.options.as_deref(),
    });
    let path = path.map(|p| p.display().to_string());
    let mut message = error.message_naming(lang, path.as_deref());
    if error.code() == "wecom-required" {
        message.push_str(match lang {
            Lang::Zh => "（命令行：--wecom 文件，或 --path new）",
            Lang::En => " (command line: --wecom FILE, or --path new)",
        });
    }
    message
}
