//! roster-bench-native: one run of the library's whole pipeline on two files, timed per stage;
//! or, with `--bare`, the bare parse of the same bytes that the pipeline is measured against.
//!
//! ```text
//! roster-bench-native --exmail A.csv --wecom B.csv [--bare] [--out ROSTER.csv] [--report REPORT.json]
//! ```
//!
//! The files are read into memory first (not timed, as in the Node variants); then
//! `check_owned_in` (the files handed over, as the command line does; stages timed between the
//! progress callbacks), `Report::to_json` and
//! `export_roster(Csv)` — what the JS API's `check` → `report()` → `exportRoster({format:"csv"})`
//! does. Prints one JSON line: milliseconds per stage, allocations per stage (a counting global
//! allocator), the total, the peak RSS (VmHWM), the most heap bytes live at once, the summary
//! counts and the SHA-256 of the report JSON and of the roster (taken after the clock stops),
//! for `bench/run.mjs` to tabulate and to hold to `bench/golden.json`.
//!
//! `--bare`: both files through the `csv` crate's `ByteRecord` reader (csv-core underneath,
//! one record buffer reused: no allocation per cell, no UTF-8 validation) — the least any
//! reader of these files does.

mod alloc;

use std::path::PathBuf;
use std::time::Instant;

use roster_check::host::Progress;
use roster_check::{check_owned_in, ExportFormat, Options, OwnedInputs, Stage};
use sha2::{Digest, Sha256};

#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting;

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

/// The report JSON without its `engine` object: bench/golden.json holds what the report says, not
/// the version number every release changes (tests/golden.rs does the same).
fn without_engine(json: &str) -> String {
    let engine = format!(
        r#","engine":{{"name":"{}","version":"{}"}}"#,
        roster_check::report::ENGINE_NAME,
        roster_check::report::ENGINE_VERSION
    );
    json.replacen(&engine, "", 1)
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn main() {
    let mut exmail = None;
    let mut wecom = None;
    let mut out = None;
    let mut report_out = None;
    let mut bare = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || PathBuf::from(args.next().unwrap_or_else(|| usage(&a)));
        match a.as_str() {
            "--exmail" => exmail = Some(value()),
            "--wecom" => wecom = Some(value()),
            "--out" => out = Some(value()),
            "--report" => report_out = Some(value()),
            "--bare" => bare = true,
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
    match bare {
        true => bare_parse(&exmail, &wecom),
        false => pipeline(exmail, wecom, out, report_out),
    }
}

/// Records and fields of `bytes` as the `csv` crate reads them, one `ByteRecord` reused.
fn parse(bytes: &[u8]) -> (u64, u64) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let (mut records, mut fields) = (0u64, 0u64);
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        records += 1;
        fields += record.len() as u64;
    }
    (records, fields)
}

fn bare_parse(exmail: &[u8], wecom: &[u8]) {
    let before = alloc::snapshot();
    let start = Instant::now();
    let (er, ef) = parse(exmail);
    let t_exmail = Instant::now();
    let (wr, wf) = parse(wecom);
    let end = Instant::now();
    let allocs = alloc::snapshot().count - before.count;
    let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1e3;
    println!(
        "{{\"variant\":\"bare\",\"total_ms\":{:.3},\"stages\":{{\"exmail\":{:.3},\"wecom\":{:.3}}},\
         \"records\":{},\"fields\":{},\"allocs\":{allocs},\"maxrss_kb\":{}}}",
        ms(start, end),
        ms(start, t_exmail),
        ms(t_exmail, end),
        er + wr,
        ef + wf,
        vm_hwm_kb(),
    );
}

fn pipeline(exmail: Vec<u8>, wecom: Vec<u8>, out: Option<PathBuf>, report_out: Option<PathBuf>) {
    let options = Options::default();
    let start_allocs = alloc::snapshot();
    let start = Instant::now();
    let mut marks: Vec<(&'static str, Instant, alloc::Snapshot)> = Vec::with_capacity(10);
    // Handed over, as the command line and the JS module do: the text becomes the tables'.
    let inputs = OwnedInputs {
        exmail,
        wecom: Some(wecom),
        roster: None,
    };
    let mut progress = |s: Stage| marks.push((s.as_str(), Instant::now(), alloc::snapshot()));
    let checked =
        check_owned_in(&mut Progress(&mut progress), inputs, &options).unwrap_or_else(|e| {
            eprintln!("roster-bench-native: {e}");
            std::process::exit(2)
        });
    // "done" is called last in check: the report JSON starts here.
    marks.push(("report_json", Instant::now(), alloc::snapshot()));
    let json = checked.report.to_json();
    marks.push(("export", Instant::now(), alloc::snapshot()));
    let roster = checked
        .export_roster(ExportFormat::Csv)
        .unwrap_or_else(|e| {
            eprintln!("roster-bench-native: export: {e}");
            std::process::exit(2)
        });
    let end = Instant::now();
    marks.push(("end", end, alloc::snapshot()));
    let maxrss_kb = vm_hwm_kb();
    let peak_live = alloc::peak_live();

    let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1e3;
    let (mut stages, mut allocs, mut alloc_mb) = (String::new(), String::new(), String::new());
    // Heap bytes live as each stage ends, and the most live during it (the inputs, read before
    // the clock, included).
    let (mut live_mb, mut peak_mb) = (String::new(), String::new());
    if let Some((_, first, a)) = marks.first() {
        // Before the first callback: validating the options (negligible).
        stages.push_str(&format!("\"setup\":{:.3}", ms(start, *first)));
        allocs.push_str(&format!("\"setup\":{}", a.count - start_allocs.count));
        alloc_mb.push_str(&format!(
            "\"setup\":{:.3}",
            (a.bytes - start_allocs.bytes) as f64 / 1e6
        ));
    }
    for w in marks.windows(2) {
        let ((name, t0, a0), (_, t1, a1)) = (w[0], w[1]);
        if name == "done" {
            continue; // from "done" to check() returning: nothing
        }
        stages.push_str(&format!(",\"{name}\":{:.3}", ms(t0, t1)));
        let comma = if live_mb.is_empty() { "" } else { "," };
        live_mb.push_str(&format!("{comma}\"{name}\":{:.1}", a1.live as f64 / 1e6));
        peak_mb.push_str(&format!("{comma}\"{name}\":{:.1}", a1.stage_peak as f64 / 1e6));
        allocs.push_str(&format!(",\"{name}\":{}", a1.count - a0.count));
        alloc_mb.push_str(&format!(
            ",\"{name}\":{:.3}",
            (a1.bytes - a0.bytes) as f64 / 1e6
        ));
    }
    let s = &checked.report.summary;
    println!(
        "{{\"variant\":\"native\",\"total_ms\":{:.3},\"stages\":{{{stages}}},\"allocs\":{{{allocs}}},\
         \"alloc_mb\":{{{alloc_mb}}},\"live_mb\":{{{live_mb}}},\"peak_mb\":{{{peak_mb}}},\"maxrss_kb\":{maxrss_kb},\"peak_live_mb\":{:.3},\
         \"summary\":{{\"accounts\":{},\"member\":{},\"other\":{},\"unassigned\":{},\"findings\":{}}},\
         \"report_bytes\":{},\"roster_bytes\":{},\"report_sha256\":\"{}\",\"roster_sha256\":\"{}\"}}",
        ms(start, end),
        peak_live as f64 / 1e6,
        s.accounts,
        s.member,
        s.other,
        s.unassigned,
        checked.report.findings.len(),
        json.len(),
        roster.len(),
        sha256(without_engine(&json).as_bytes()),
        sha256(&roster),
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
         [--bare] [--out ROSTER.csv] [--report REPORT.json]"
    );
    std::process::exit(2)
}
