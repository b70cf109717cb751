//! Timings of the writers on a million rows: `cargo test --release --lib export::perf -- --ignored --nocapture`.

use std::time::Instant;

use super::test_support::*;
use super::{write_findings, write_roster, ExportFormat, RosterTemplate};
use crate::ingest::Format;
use crate::rules::Args;
use crate::vocab::Field;
use crate::vocab::Lang;
use crate::vocab::{FileKind, MatchedBy};

const N: usize = 1_000_000;

/// CPU time of this thread in ms (Linux; the machine may be shared, so wall time misleads).
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, s)| s);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of stat: 11 and 12 after the command name.
    (ticks(11) + ticks(12)) * 10.0
}

fn time<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let (start, cpu) = (Instant::now(), cpu_ms());
    let out = f();
    eprintln!(
        "{what}: {:.0} ms wall, {:.0} ms cpu",
        start.elapsed().as_secs_f64() * 1e3,
        cpu_ms() - cpu
    );
    out
}

#[test]
#[ignore = "a timing, run in release"]
fn one_million_rows() {
    let emails: Vec<String> = (0..N).map(|i| format!("user.{i:07}@example.cn")).collect();
    let userids: Vec<String> = (0..N).map(|i| format!("User{i:07}")).collect();
    let assignments = (0..N)
        .map(|i| {
            if i % 5 == 0 {
                other(&emails[i], "合作方")
            } else {
                member(&emails[i], "张伟", &userids[i], MatchedBy::WechatId)
            }
        })
        .collect();
    let findings = (0..N)
        .map(|i| {
            finding(
                Args::OtherMailboxLogin {},
                Some(FileKind::Exmail),
                Some(i as u32 + 2),
                Some(Field::Email),
                None,
                Some("user@example.cn"),
            )
        })
        .collect();
    let report = report(assignments, findings);

    let csv = time("roster csv, default layout", || {
        write_roster(&report, None, ExportFormat::Csv).unwrap()
    });
    eprintln!("  {} MB", csv.len() >> 20);

    let rows: Vec<[String; 4]> = (0..N)
        .map(|i| {
            [
                format!("{}", i + 1),
                format!("USER.{i:07}@example.cn"),
                String::new(),
                "备注".to_string(),
            ]
        })
        .collect();
    // The template in the report's order, then reversed (every row found by hashing).
    for (what, reversed) in [("in order", false), ("reversed", true)] {
        let mut t = table(Some("名单"), &[&["序号", "邮箱账号", "邮箱类型", "备注"]]);
        for i in 0..N {
            let r = &rows[if reversed { N - 1 - i } else { i }];
            for c in r {
                t.push_cell(c);
            }
            t.end_row(i as u32 + 2);
        }
        let l = layout(&t, 0, &[(Field::Email, 1), (Field::MailboxType, 2)]);
        let template = RosterTemplate {
            format: Format::Xlsx,
            sheets: vec![(t, l)],
        };
        time(&format!("roster csv, template {what}"), || {
            write_roster(&report, Some(&template), ExportFormat::Csv).unwrap()
        });
    }
    time("findings csv", || {
        write_findings(&report, Lang::Zh, ExportFormat::Csv).unwrap()
    });
    #[cfg(feature = "xlsx")]
    {
        let xlsx = time("roster xlsx, default layout", || {
            write_roster(&report, None, ExportFormat::Xlsx).unwrap()
        });
        eprintln!("  {} MB", xlsx.len() >> 20);
    }
}

/// Where the XLSX time goes: cells into the sheet (XML and compression as they come), then the
/// package (the other parts and the zip).
#[cfg(feature = "xlsx")]
#[test]
#[ignore = "a timing, run in release"]
fn xlsx_split() {
    use super::xlsx::{SheetLook, Style, Workbook};
    let start = Instant::now();
    let mut book = Workbook::new();
    book.sheet("Sheet1").unwrap();
    for r in 0..N as u32 {
        book.cell(r, 0, &format!("user.{r:07}@example.cn"), Style::Text)
            .unwrap();
        book.cell(r, 1, "张伟", Style::Text).unwrap();
        book.cell(r, 2, "成员邮箱", Style::Text).unwrap();
        book.cell(r, 3, &format!("User{r:07}"), Style::Text)
            .unwrap();
        book.cell(r, 4, "微信ID", Style::Text).unwrap();
    }
    book.close_sheet(&SheetLook::default()).unwrap();
    let cells = start.elapsed();
    let bytes = book.finish().unwrap();
    eprintln!(
        "cells {:.0} ms, save {:.0} ms, {} MB",
        cells.as_secs_f64() * 1e3,
        (start.elapsed() - cells).as_secs_f64() * 1e3,
        bytes.len() >> 20
    );
}
