//! roster-bench-native: one run of the library's whole pipeline on two files, timed per stage.
//!
//! ```text
//! roster-bench-native --exmail A.csv --wecom B.csv [--out ROSTER.csv] [--report REPORT.json]
//! ```
//!
//! The files are read into memory first (not timed, as in the Node variants); then
//! `check_with_progress` (stages timed between the progress callbacks), `Report::to_json` and
//! `export_roster(Csv)` — what the JS API's `check` → `report()` → `exportRoster({format:"csv"})`
//! does. Prints one JSON line: milliseconds per stage, the total, the peak RSS (VmHWM) and the
//! summary counts, for `bench/run.mjs` to tabulate.

use std::path::PathBuf;
use std::time::Instant;

use roster_check::{check_with_progress, ExportFormat, Inputs, Options, Stage};

fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let mut exmail = None;
    let mut wecom = None;
    let mut out = None;
    let mut report_out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || PathBuf::from(args.next().unwrap_or_else(|| usage(&a)));
        match a.as_str() {
            "--exmail" => exmail = Some(value()),
            "--wecom" => wecom = Some(value()),
            "--out" => out = Some(value()),
            "--report" => report_out = Some(value()),
            _ => usage(&a),
        }
    }
    let (Some(exmail), Some(wecom)) = (exmail, wecom) else {
        usage("--exmail and --wecom are required")
    };
    let read = |p: &PathBuf| {
        std::fs::read(p).unwrap_or_else(|e| {
            eprintln!("roster-bench-native: {}: {e}", p.display());
            std::process::exit(2)
        })
    };
    let (exmail, wecom) = (read(&exmail), read(&wecom));
    let options = Options::default();

    let start = Instant::now();
    let mut marks: Vec<(Stage, Instant)> = Vec::with_capacity(6);
    let inputs = Inputs {
        exmail: &exmail,
        wecom: Some(&wecom),
        roster: None,
    };
    let checked = check_with_progress(&inputs, &options, &mut |s| marks.push((s, Instant::now())))
        .unwrap_or_else(|e| {
            eprintln!("roster-bench-native: {e}");
            std::process::exit(2)
        });
    let t_check = Instant::now();
    let json = checked.report.to_json();
    let t_json = Instant::now();
    let roster = checked
        .export_roster(ExportFormat::Csv)
        .unwrap_or_else(|e| {
            eprintln!("roster-bench-native: export: {e}");
            std::process::exit(2)
        });
    let t_export = Instant::now();

    let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1e3;
    let mut stages = String::new();
    for w in marks.windows(2) {
        stages.push_str(&format!(
            "\"{}\":{:.3},",
            w[0].0.as_str(),
            ms(w[0].1, w[1].1)
        ));
    }
    if let Some((_, first)) = marks.first() {
        // Before the first callback: validating the options (negligible).
        stages.push_str(&format!("\"setup\":{:.3},", ms(start, *first)));
    }
    stages.push_str(&format!(
        "\"report_json\":{:.3},\"export\":{:.3}",
        ms(t_check, t_json),
        ms(t_json, t_export)
    ));
    let s = &checked.report.summary;
    println!(
        "{{\"variant\":\"native\",\"total_ms\":{:.3},\"stages\":{{{stages}}},\"maxrss_kb\":{},\
         \"summary\":{{\"accounts\":{},\"member\":{},\"other\":{},\"unassigned\":{},\"findings\":{}}},\
         \"report_bytes\":{},\"roster_bytes\":{}}}",
        ms(start, t_export),
        vm_hwm_kb(),
        s.accounts,
        s.member,
        s.other,
        s.unassigned,
        checked.report.findings.len(),
        json.len(),
        roster.len()
    );
    if let Some(p) = out {
        std::fs::write(&p, &roster).unwrap_or_else(|e| eprintln!("{}: {e}", p.display()));
    }
    if let Some(p) = report_out {
        std::fs::write(&p, json.as_bytes()).unwrap_or_else(|e| eprintln!("{}: {e}", p.display()));
    }
    // Freeing a million small strings is not part of the pipeline: end here, as the CLI does.
    std::mem::forget(checked);
}

fn usage(what: &str) -> ! {
    eprintln!(
        "roster-bench-native: {what}\nusage: roster-bench-native --exmail A.csv --wecom B.csv \
         [--out ROSTER.csv] [--report REPORT.json]"
    );
    std::process::exit(2)
}
