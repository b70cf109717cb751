//! `roster-check`: the command line over the library. It parses arguments, reads and writes
//! files, and prints the summary; everything else is `roster_check`'s.
//!
//! Exit status: 0 no error findings, 1 error findings, 2 an input could not be read or the
//! arguments are wrong (with a one-line reason on stderr naming the file).

mod args;

use std::ffi::OsString;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use roster_check::export::write_summary;
use roster_check::host::Quiet;
use roster_check::{check_owned_in, Error, FileKind, Lang, OwnedInputs};

use args::{options, parse, Args, Command, HELP};

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

    // Handed over: the files' text becomes the tables' text, not a second copy.
    let inputs = OwnedInputs {
        exmail,
        wecom,
        roster,
    };
    let checked = check_owned_in(&mut Quiet, inputs, &options)
        .map_err(|e| refusal(&e, &args, options.lang))?;
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
    if let Some(path) = &args.support_summary {
        let summary = roster_check::support::summary(&checked);
        write("--support-summary", path, summary.as_bytes())?;
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
            Lang::ZhTw => "已寫入 ",
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

fn read(what: &str, path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{what} file {}: {e}", path.display()))
}

pub(crate) fn read_text(what: &str, path: &Path) -> Result<String, String> {
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
            Lang::ZhTw => "（命令列：--wecom 檔案，或 --path new）",
            Lang::En => " (command line: --wecom FILE, or --path new)",
        });
    }
    message
}
