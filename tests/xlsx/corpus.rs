//! Our reader against calamine on real workbooks from public projects' test suites
//! (`tests/xlsx/corpus/manifest.tsv`: source, commit, licence and producer of each; chosen by
//! `choose_corpus.py` there). The files are not in this repository: the corpus is read from
//! `$XLSX_CORPUS`, else `../shared/xlsx-corpus` beside the repository; without it the test says
//! so and compares nothing (`XLSX_CORPUS_REQUIRED=1` makes that a failure). `make xlsx-corpus`
//! runs it and prints the outcome counts.
//!
//! Every file is read by both; each one's outcome is one of `Outcome`. Differences our reader
//! makes on purpose are recognised cell by cell (`Deliberate`); any other difference must be
//! listed in `EXPECTED` with its reason, and a listed file that no longer differs fails too, so
//! the list stays true.

use std::collections::BTreeMap;
use std::time::Instant;

use super::differential::{calamine, ours, Sheets};

/// Files whose reading differs from calamine's beyond the deliberate differences: name in the
/// corpus → why.
const EXPECTED: &[(&str, &str)] = &[
    (
        "PhpSpreadsheet__tests__data__Reader__XLSX__utf16be.bom.xlsx",
        "parts in UTF-16BE: we decode them, calamine reads UTF-8 only",
    ),
    (
        "PhpSpreadsheet__tests__data__Reader__XLSX__utf16be.xlsx",
        "parts in UTF-16BE without a BOM: we decode them, calamine reads UTF-8 only",
    ),
    (
        "roo__test__files__Pfand_from_windows_phone.xlsm",
        "Excel Mobile (Windows Phone) writes UTF-16 parts: we decode them, calamine does not",
    ),
    (
        "exceljs__spec__integration__data__test-issue-176.xlsx",
        "a malformed <dimension> (no column): calamine refuses it, we never read <dimension>",
    ),
    (
        "poi__test-data__spreadsheet__clusterfuzz-testcase-minimized-POIXSSFFuzzer-5937385319563264.xlsx",
        "a fuzzed file: calamine's column arithmetic overflows (a panic in debug builds), we read what is there",
    ),
    (
        "roo__test__files__type_excel.xlsm",
        "an .xls (Compound File) named .xlsm: load reads it as XLS (calamine's XLS reader, natively); the test's calamine XLSX reader refuses it",
    ),
    (
        "poi__test-data__spreadsheet__53105.xlsx",
        "a row with more than 1,000 cells with text: over max_columns (options.limits), as a CSV row would be",
    ),
];

/// How a file came out.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    /// Every cell the same.
    Same,
    /// Only deliberate differences.
    Deliberate,
    /// Both refuse it (not a workbook either can read: encrypted, XLS renamed, broken): ours.
    BothRefuse(String),
    /// calamine refuses (or panics) and we read it: calamine's error.
    OnlyOursReads(String),
    /// We refuse it and calamine reads it.
    OnlyCalamineReads(String),
    /// Cells differ beyond the deliberate differences.
    Differs(String),
}

/// A cell we read differently from calamine on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Deliberate {
    /// An integer shown through its number format (`000123`, `+86 138…`, `(12)`).
    NumberFormat,
    /// 16 digits and more in E-notation.
    ENotation,
    /// A chart, dialog or macro sheet: we skip it, calamine lists it or refuses the file.
    NotAWorksheet,
}

fn corpus_dir() -> Option<std::path::PathBuf> {
    let dir = match std::env::var_os("XLSX_CORPUS") {
        Some(dir) => std::path::PathBuf::from(dir),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/xlsx-corpus"),
    };
    dir.is_dir().then_some(dir)
}

/// (name, bytes) of every file of the manifest.
fn manifest() -> Vec<(String, u64)> {
    let text = include_str!("corpus/manifest.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let fields: Vec<&str> = l.split('\t').collect();
            (fields[0].to_string(), fields[5].parse().unwrap())
        })
        .collect()
}

#[test]
#[ignore = "reads the external corpus: `make xlsx-corpus`"]
fn real_workbooks_read_as_calamine_reads_them() {
    let files = manifest();
    let Some(dir) = corpus_dir() else {
        let required = std::env::var_os("XLSX_CORPUS_REQUIRED").is_some();
        eprintln!(
            "xlsx corpus: not found (XLSX_CORPUS or ../shared/xlsx-corpus): 0 of {} files compared",
            files.len()
        );
        assert!(
            !required,
            "XLSX_CORPUS_REQUIRED is set and the corpus is missing"
        );
        return;
    };
    let started = Instant::now();
    let mut outcomes: BTreeMap<String, Outcome> = BTreeMap::new();
    let mut deliberate: BTreeMap<Deliberate, usize> = BTreeMap::new();
    let (mut bytes, mut cells, mut slowest) = (0u64, 0usize, (0f64, String::new()));
    for (name, size) in &files {
        let path = dir.join(name);
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            data.len() as u64,
            *size,
            "{name}: not the file of the manifest"
        );
        bytes += size;
        let start = Instant::now();
        let mine = ours(&data);
        let took = start.elapsed().as_secs_f64();
        if took > slowest.0 {
            slowest = (took, name.clone());
        }
        let theirs =
            std::panic::catch_unwind(|| calamine(&data)).unwrap_or_else(|_| Err("panic".into()));
        let outcome = match (mine, theirs) {
            (Ok(mine), Ok(theirs)) => {
                cells += mine.iter().map(|(_, c)| c.len()).sum::<usize>();
                compare(&data, &mine, &theirs, &mut deliberate)
            }
            (Err(e), Err(_)) => Outcome::BothRefuse(e),
            // calamine refuses the whole file for one chart, dialog or macro sheet.
            (Ok(_), Err(e))
                if ["chartsheet", "dialogsheet", "macrosheet"]
                    .iter()
                    .any(|k| e.contains(k)) =>
            {
                *deliberate.entry(Deliberate::NotAWorksheet).or_default() += 1;
                Outcome::Deliberate
            }
            (Ok(_), Err(e)) => Outcome::OnlyOursReads(e),
            (Err(e), Ok(_)) => Outcome::OnlyCalamineReads(e),
        };
        outcomes.insert(name.clone(), outcome);
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unexplained = Vec::new();
    for (name, outcome) in &outcomes {
        let kind = match outcome {
            Outcome::Same => "same",
            Outcome::Deliberate => "deliberate differences only",
            Outcome::BothRefuse(_) => "both refuse",
            Outcome::OnlyOursReads(_) => "only ours reads",
            Outcome::OnlyCalamineReads(_) => "only calamine reads",
            Outcome::Differs(_) => "cells differ",
        };
        *counts.entry(kind).or_default() += 1;
        let listed = EXPECTED.iter().any(|(n, _)| n == name);
        let needs_reason = matches!(
            outcome,
            Outcome::OnlyOursReads(_) | Outcome::OnlyCalamineReads(_) | Outcome::Differs(_)
        );
        if needs_reason != listed {
            unexplained.push(format!("{name}: {outcome:?} (listed: {listed})"));
        }
    }
    eprintln!(
        "xlsx corpus: {} files, {bytes} bytes, {cells} cells read by both, in {:.1} s (slowest: {:.2} s, {})",
        files.len(),
        started.elapsed().as_secs_f64(),
        slowest.0,
        slowest.1
    );
    eprintln!("outcomes: {counts:?}");
    if std::env::var_os("XLSX_CORPUS_VERBOSE").is_some() {
        for (name, outcome) in &outcomes {
            eprintln!("{name}\t{outcome:?}");
        }
    }
    eprintln!("deliberate differences (cells or sheets): {deliberate:?}");
    assert!(
        unexplained.is_empty(),
        "unexplained:\n{}",
        unexplained.join("\n")
    );
}

/// `Ok` when our reading of `data` differs from calamine's only on purpose.
pub(super) fn agrees_but_on_purpose(data: &[u8]) -> Result<(), String> {
    let (mine, theirs) = (ours(data)?, calamine(data)?);
    match compare(data, &mine, &theirs, &mut BTreeMap::new()) {
        Outcome::Same | Outcome::Deliberate => Ok(()),
        other => Err(format!("{other:?}")),
    }
}

/// The outcome of a file both read, counting its deliberate differences.
fn compare(
    data: &[u8],
    mine: &Sheets,
    theirs: &Sheets,
    deliberate: &mut BTreeMap<Deliberate, usize>,
) -> Outcome {
    let mut found = false;
    let not_worksheets = super::differential::not_worksheets(data);
    for (name, their_cells) in theirs {
        let Some((_, my_cells)) = mine.iter().find(|(n, _)| n == name) else {
            if not_worksheets.contains(name) {
                *deliberate.entry(Deliberate::NotAWorksheet).or_default() += 1;
                found = true;
                continue;
            }
            return Outcome::Differs(format!("sheet `{name}` not read"));
        };
        let positions = my_cells
            .keys()
            .chain(their_cells.keys())
            .collect::<std::collections::BTreeSet<_>>();
        for at in positions {
            let (a, b) = (my_cells.get(at), their_cells.get(at));
            if a == b {
                continue;
            }
            match why(
                a.map(String::as_str).unwrap_or(""),
                b.map(String::as_str).unwrap_or(""),
            ) {
                Some(kind) => {
                    if std::env::var_os("XLSX_CORPUS_VERBOSE").is_some() {
                        eprintln!("{kind:?} in `{name}` {at:?}: ours {a:?}, calamine {b:?}");
                    }
                    *deliberate.entry(kind).or_default() += 1;
                    found = true;
                }
                None => {
                    return Outcome::Differs(format!(
                        "sheet `{name}` {at:?}: ours {a:?}, calamine {b:?}"
                    ))
                }
            }
        }
    }
    if mine.len() > theirs.len() {
        return Outcome::Differs("more sheets than calamine".into());
    }
    match found {
        true => Outcome::Deliberate,
        false => Outcome::Same,
    }
}

/// Which deliberate difference makes our `mine` of calamine's `theirs`, if any.
fn why(mine: &str, theirs: &str) -> Option<Deliberate> {
    if let (Ok(a), Ok(b)) = (mine.parse::<f64>(), theirs.parse::<f64>()) {
        if a == b && mine.contains("E+") && b.abs() >= 1e15 {
            return Some(Deliberate::ENotation);
        }
    }
    let integer = theirs.strip_prefix('-').unwrap_or(theirs);
    if !integer.is_empty() && integer.bytes().all(|b| b.is_ascii_digit()) {
        let digits: String = mine.chars().filter(char::is_ascii_digit).collect();
        let wanted = integer.trim_start_matches('0');
        if digits.trim_start_matches('0').ends_with(wanted) {
            return Some(Deliberate::NumberFormat);
        }
    }
    None
}
