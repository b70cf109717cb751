//! The whole check on arbitrary inputs: `options JSON \x1e exmail \x1e wecom [\x1e roster]`.
//!
//! Invariants: no panic; a refusal names its file; no account is lost
//! (`accounts == member + other + unassigned == assignments.len()`, one assignment per
//! distinct address); the report is deterministic; every export succeeds (the roster may be
//! refused with a reason) and no exported CSV cell starts a formula.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roster_check::{check, AssignmentType, Error, ExportFormat, Inputs, Options};

#[path = "shared.rs"]
mod shared;

const SEPARATOR: u8 = 0x1e;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(4, |&b| b == SEPARATOR);
    let options_json = parts.next().unwrap_or_default();
    let exmail = parts.next().unwrap_or_default();
    let wecom = parts.next();
    let roster = parts.next();
    let mut options = std::str::from_utf8(options_json)
        .ok()
        .and_then(|t| Options::from_json(t).ok())
        .unwrap_or_default();
    // Keep each run small whatever the options say (the input is small anyway).
    options.limits.max_input_bytes = options.limits.max_input_bytes.min(1 << 20);
    let inputs = Inputs {
        exmail,
        wecom,
        roster,
    };
    let checked = match check(&inputs, &options) {
        Ok(c) => c,
        Err(e) => {
            shared::assert_refusal_names(&e, None);
            return;
        }
    };
    let r = &checked.report;
    let s = &r.summary;
    assert_eq!(s.accounts, s.member + s.other + s.unassigned, "{s:?}");
    assert_eq!(r.assignments.len(), s.accounts);
    let mut emails: Vec<&str> = r.assignments.iter().map(|a| a.email).collect();
    emails.sort_unstable();
    let before = emails.len();
    emails.dedup();
    assert_eq!(before, emails.len(), "an address assigned twice");
    for a in &r.assignments {
        assert!(!a.email.is_empty());
        if a.kind != AssignmentType::Member {
            assert!(a.userid.is_none(), "{a:?}");
        }
    }
    assert_eq!(s.errors + s.warnings + s.infos, r.findings.len());

    // Deterministic: the same inputs give the same bytes.
    let again = check(&inputs, &options).map(|c| c.report.to_json());
    assert_eq!(again.as_deref(), Ok(r.to_json().as_str()));

    // The roster export may refuse (an uploaded roster without an address column), with a
    // reason; the findings always export.
    match checked.export_roster(ExportFormat::Csv) {
        Ok(bytes) => assert_safe_csv("roster csv", &bytes),
        Err(e @ Error::Refused { file: None, .. }) => {
            assert!(!e.to_string().is_empty() && roster.is_some())
        }
        Err(e) => panic!("roster csv: {e:?}"),
    }
    match checked.export_findings(ExportFormat::Csv) {
        Ok(bytes) => assert_safe_csv("findings csv", &bytes),
        Err(e) => panic!("findings csv: {e}"),
    }
    if let Err(e) = checked.export_findings(ExportFormat::Json) {
        panic!("findings json: {e}");
    }
    // Writing XLSX (zip + deflate) costs many times a whole check: one input in eight.
    if data.len() % 8 == 0 {
        match checked.export_roster(ExportFormat::Xlsx) {
            Ok(_) => {}
            Err(e @ Error::Refused { file: None, .. }) => {
                assert!(!e.to_string().is_empty() && roster.is_some())
            }
            Err(e) => panic!("roster xlsx: {e:?}"),
        }
        if let Err(e) = checked.export_findings(ExportFormat::Xlsx) {
            panic!("findings xlsx: {e}");
        }
    }
});

/// No cell of an exported CSV starts a formula.
fn assert_safe_csv(what: &str, bytes: &[u8]) {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    for record in reader.byte_records() {
        let record = record.unwrap_or_else(|e| panic!("{what}: unreadable CSV: {e}"));
        for cell in record.iter() {
            if let Some(first) = cell.first() {
                assert!(
                    !matches!(first, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'),
                    "{what}: live cell {:?}",
                    String::from_utf8_lossy(cell)
                );
            }
        }
    }
}
