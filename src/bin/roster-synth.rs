//! roster-synth: writes a synthetic company (exmail, wecom, roster.csv, truth.json) into a folder.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use roster_check::synth::{generate, CompanySpec, HeaderStyle, TextEncoding};

const USAGE: &str = "usage: roster-synth --accounts N [--members M] [--seed S] [--fault-rate F]
                    [--encoding utf8|utf8bom|gb18030|utf16le] [--format csv|xlsx]
                    [--exmail-format csv|xlsx] [--wecom-format csv|xlsx]
                    [--headers console|api|english|legacy|export] [--instruction-rows]
                    [--no-wechat-ids] [--wechat-share F] [--aliases] [--path new] --out DIR

Writes DIR/exmail.{csv|xlsx}, DIR/wecom.{csv|xlsx}, DIR/roster.csv and DIR/truth.json.
--members defaults to 95% of --accounts; --fault-rate to 0.05 (1.0 plants each fault kind on
~2% of the accounts); --encoding applies to the CSV exports (roster.csv is always UTF-8 with BOM).
--headers export writes the WeCom console's member export (sheet 成员列表, 8 instruction rows);
--aliases gives Exmail accounts aliases (别名); --path new makes the truth path new's (the keys
still pair what a WeCom file links; everything else is a member).";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Csv,
    Xlsx,
}

struct Args {
    spec: CompanySpec,
    encoding: TextEncoding,
    exmail_format: Format,
    wecom_format: Format,
    out: PathBuf,
}

fn parse_format(s: &str) -> Result<Format, String> {
    match s {
        "csv" => Ok(Format::Csv),
        "xlsx" => Ok(Format::Xlsx),
        _ => Err(format!("unknown format {s:?} (csv or xlsx)")),
    }
}

fn value(parser: &mut lexopt::Parser, name: &str) -> Result<String, String> {
    parser
        .value()
        .map_err(|e| format!("{name}: {e}"))?
        .into_string()
        .map_err(|_| format!("{name}: not UTF-8"))
}

fn parse_args() -> Result<Args, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let mut accounts: Option<usize> = None;
    let mut members: Option<usize> = None;
    let mut spec = CompanySpec::new(0);
    let mut encoding = TextEncoding::Utf8;
    let (mut format, mut exmail_format, mut wecom_format) = (Format::Csv, None, None);
    let mut out = None;
    let e = |err: lexopt::Error| err.to_string();
    while let Some(arg) = parser.next().map_err(e)? {
        match arg {
            Long("accounts") => {
                accounts = Some(
                    value(&mut parser, "--accounts")?
                        .parse()
                        .map_err(|_| "--accounts: a count")?,
                )
            }
            Long("members") => {
                members = Some(
                    value(&mut parser, "--members")?
                        .parse()
                        .map_err(|_| "--members: a count")?,
                )
            }
            Long("seed") => {
                spec.seed = value(&mut parser, "--seed")?
                    .parse()
                    .map_err(|_| "--seed: an integer")?
            }
            Long("fault-rate") => {
                let f: f64 = value(&mut parser, "--fault-rate")?
                    .parse()
                    .map_err(|_| "--fault-rate: 0..1")?;
                if !(0.0..=1.0).contains(&f) {
                    return Err("--fault-rate: 0..1".into());
                }
                spec.fault_rate = f;
            }
            Long("wechat-share") => {
                let f: f64 = value(&mut parser, "--wechat-share")?
                    .parse()
                    .map_err(|_| "--wechat-share: 0..1")?;
                spec.wechat_share = f.clamp(0.0, 1.0);
            }
            Long("no-wechat-ids") => spec.with_wechat_ids = false,
            Long("encoding") => {
                let v = value(&mut parser, "--encoding")?;
                encoding = TextEncoding::parse(&v).ok_or(format!("unknown encoding {v:?}"))?;
            }
            Long("format") => format = parse_format(&value(&mut parser, "--format")?)?,
            Long("exmail-format") => {
                exmail_format = Some(parse_format(&value(&mut parser, "--exmail-format")?)?)
            }
            Long("wecom-format") => {
                wecom_format = Some(parse_format(&value(&mut parser, "--wecom-format")?)?)
            }
            Long("headers") => {
                let v = value(&mut parser, "--headers")?;
                spec.headers = HeaderStyle::parse(&v).ok_or(format!("unknown headers {v:?}"))?;
            }
            Long("instruction-rows") => spec.instruction_rows = true,
            Long("aliases") => spec.aliases = true,
            Long("path") => match value(&mut parser, "--path")?.as_str() {
                "new" => spec.path_new = true,
                "bind" => spec.path_new = false,
                v => return Err(format!("--path {v}: new or bind")),
            },
            Long("out") => out = Some(PathBuf::from(value(&mut parser, "--out")?)),
            Short('h') | Long("help") => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    let accounts = accounts.ok_or("--accounts is required")?;
    spec.accounts = accounts;
    spec.members = members.unwrap_or(accounts * 95 / 100);
    Ok(Args {
        spec,
        encoding,
        exmail_format: exmail_format.unwrap_or(format),
        wecom_format: wecom_format.unwrap_or(format),
        out: out.ok_or("--out is required")?,
    })
}

fn run(args: Args) -> Result<(), String> {
    let t0 = Instant::now();
    let company = generate(&args.spec);
    let t_gen = t0.elapsed();
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let write = |name: &str, bytes: &[u8]| {
        let path = args.out.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    };
    let xlsx = |f: Format| -> Result<(), String> {
        if f == Format::Xlsx && !cfg!(feature = "xlsx") {
            return Err("xlsx output needs the `xlsx` feature".into());
        }
        Ok(())
    };
    xlsx(args.exmail_format)?;
    xlsx(args.wecom_format)?;
    match args.exmail_format {
        Format::Csv => write("exmail.csv", &company.exmail_csv(args.encoding))?,
        #[cfg(feature = "xlsx")]
        Format::Xlsx => write("exmail.xlsx", &company.exmail_xlsx())?,
        #[cfg(not(feature = "xlsx"))]
        Format::Xlsx => unreachable!(),
    }
    match args.wecom_format {
        Format::Csv => write("wecom.csv", &company.wecom_csv(args.encoding))?,
        #[cfg(feature = "xlsx")]
        Format::Xlsx => write("wecom.xlsx", &company.wecom_xlsx())?,
        #[cfg(not(feature = "xlsx"))]
        Format::Xlsx => unreachable!(),
    }
    write("roster.csv", &company.roster_csv())?;
    write("truth.json", company.truth_json().as_bytes())?;
    let member = company
        .truth
        .accounts
        .iter()
        .filter(|a| a.kind == "member")
        .count();
    eprintln!(
        "roster-synth: {} exmail rows, {} wecom rows, {} accounts ({} member, {} other), {} faults; generated in {:.2?}, total {:.2?}",
        company.exmail.len(),
        company.wecom.len(),
        company.truth.accounts.len(),
        member,
        company.truth.accounts.len() - member,
        company.truth.faults.len(),
        t_gen,
        t0.elapsed()
    );
    // The process ends here: freeing millions of small strings would only cost time.
    std::mem::forget(company);
    Ok(())
}

fn main() -> ExitCode {
    match parse_args().and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("roster-synth: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
