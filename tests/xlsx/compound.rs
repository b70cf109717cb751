//! Damaged Compound Files (`.xls`): calamine 0.38 panics on some (fuzz/README.md, crash 5), so
//! `load` checks the container first (`src/ingest/cfb.rs`) and refuses a damaged one naming the
//! file. Every damage below is made from a real `.xls` (LibreOffice's, `fixtures/generate.py`).

use super::*;

fn xls() -> Vec<u8> {
    let path = format!(
        "{}/tests/xlsx/fixtures/libreoffice/exmail_two_sheets.xls",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn load_exmail(bytes: &[u8]) -> Result<Loaded, Error> {
    load(
        bytes,
        FileKind::Exmail,
        &ReadOptions::default(),
        &Limits::default(),
    )
}

/// What calamine alone does with `bytes`: reads it, refuses it, or panics.
#[derive(Debug, PartialEq)]
enum Calamine {
    Reads,
    Refuses,
    Panics,
}

fn calamine_alone(bytes: &[u8]) -> Calamine {
    use calamine::Reader;
    QUIET.with(|q| q.set(true));
    let outcome = std::panic::catch_unwind(|| {
        let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))?;
        for name in book.sheet_names() {
            book.worksheet_range(&name)?;
        }
        Ok::<_, calamine::Error>(())
    });
    QUIET.with(|q| q.set(false));
    match outcome {
        Ok(Ok(())) => Calamine::Reads,
        Ok(Err(_)) => Calamine::Refuses,
        Err(_) => Calamine::Panics,
    }
}

thread_local! {
    /// Set while calamine runs alone: its panics, hundreds on purpose, print nothing.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A panic hook that keeps quiet while `QUIET` is set on the panicking thread.
fn quiet_panics_on_this_thread() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                default(info)
            }
        }));
    });
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
}

#[test]
fn a_real_xls_passes_the_check() {
    let bytes = xls();
    assert_eq!(calamine_alone(&bytes), Calamine::Reads);
    let loaded = load_exmail(&bytes).unwrap();
    assert_eq!(loaded.sheets[0].sheet.as_deref(), Some("在职"));
    assert_eq!(loaded.sheets[0].row(1).cell(0), "zhang.wei@acme.cn");
}

/// The two panics of crash 5, made on purpose: calamine panics, `load` refuses saying why.
#[test]
fn the_panics_of_crash_5_are_refused_naming_the_file() {
    quiet_panics_on_this_thread();
    let bytes = xls();
    // The file cut inside its last sector: a FAT sector past the new end is read as a partial
    // sector (`utils.rs`: `s.len() % 4 == 0` fails) or sliced past the data read (`cfb.rs`).
    let fat_sector = u32_at(&bytes, 76) as usize;
    let cut = &bytes[..(fat_sector + 1) * 512 + 130];
    assert_eq!(calamine_alone(cut), Calamine::Panics);
    let e = load_exmail(cut).unwrap_err().to_string();
    assert!(
        e.starts_with("exmail file: cannot read the xls workbook: the Compound File is damaged: a FAT sector is in sector")
            && e.contains("cut short by the end of the file"),
        "{e}"
    );
    // The directory starting past the end of the file.
    let mut bent = bytes.clone();
    bent[48..52].copy_from_slice(&((bytes.len() / 512) as u32).to_le_bytes());
    assert_eq!(calamine_alone(&bent), Calamine::Panics);
    let e = load_exmail(&bent).unwrap_err().to_string();
    assert!(
        e.contains(
            "the Compound File is damaged: the directory is in sector 14, past the end of the file"
        ),
        "{e}"
    );
}

/// Every cut of the file and every 32-bit word of its header, FAT, directory and mini FAT set
/// to ids around the end of the file, past the tables and to the markers: `load` never panics,
/// and refuses each file on which calamine alone panics (`CFB_VERBOSE=1` prints the refusals
/// of files calamine alone reads).
#[test]
fn no_damage_makes_load_panic() {
    let bytes = xls();
    let sectors = (bytes.len() / 512) as u32;
    let mut files: Vec<(String, Vec<u8>)> = (0..bytes.len())
        .map(|n| (format!("cut to {n} bytes"), bytes[..n].to_vec()))
        .collect();
    let values = [
        0,
        1,
        sectors - 2,
        sectors - 1,
        sectors,
        sectors + 1,
        127,
        128,
        4096,
        0xFFFF_FFFA,
        0xFFFF_FFFC,
        0xFFFF_FFFD,
        0xFFFF_FFFE,
        0xFFFF_FFFF,
    ];
    // The header's numbers and the sectors of tables (the FAT, the mini FAT) and of the
    // directory: every word of them.
    let fat = u32_at(&bytes, 76);
    let directory = u32_at(&bytes, 48);
    let mini_fat = u32_at(&bytes, 60);
    let mut words: Vec<usize> = (44..76).step_by(4).collect();
    for sector in [fat, directory, mini_fat] {
        let start = (sector as usize + 1) * 512;
        words.extend((start..start + 512).step_by(4));
    }
    for &at in &words {
        for value in values {
            let mut bent = bytes.clone();
            bent[at..at + 4].copy_from_slice(&u32::to_le_bytes(value));
            files.push((format!("{value:#x} at {at}"), bent));
        }
    }
    quiet_panics_on_this_thread();
    let mut counts = std::collections::BTreeMap::new();
    for (damage, file) in &files {
        let ours = std::panic::catch_unwind(|| load_exmail(file).map(|_| ()))
            .unwrap_or_else(|_| panic!("load panicked on a damaged .xls"));
        // calamine alone only where the check refused: elsewhere `load` ran calamine already,
        // and on a cyclic chain calamine loops, allocating without end.
        let outcome = match ours {
            Ok(()) => "read".to_string(),
            Err(e) => {
                let e = e.to_string();
                assert!(e.starts_with("exmail file: "), "{e}");
                match e.contains("the Compound File is damaged") {
                    true if e.contains("loops") => "refused by the check: a cycle".into(),
                    true => {
                        let theirs = calamine_alone(file);
                        if theirs == Calamine::Reads && std::env::var_os("CFB_VERBOSE").is_some() {
                            eprintln!("{damage}: {e}");
                        }
                        format!("refused by the check; calamine alone: {theirs:?}")
                    }
                    false => "refused by calamine".into(),
                }
            }
        };
        *counts.entry(outcome).or_insert(0) += 1;
    }
    eprintln!("{} damaged files: {counts:?}", files.len());
    // The damage reaches calamine's panics, so the check is what stops them. It refuses some
    // files calamine alone reads, on purpose: their directory or a stream reaches past the end
    // of the file, and calamine reads zeros for what is missing (rows lost without a word).
    // That it refuses no intact file is the corpora's to show (27 real .xls in the registry's).
    assert!(counts.get("refused by the check; calamine alone: Panics") > Some(&100));
}

/// Crash 6 (fuzz/README.md): damaged BIFF records inside an intact Compound File. A record
/// shorter than calamine reads makes it panic: `load` refuses the file naming the damage.
#[test]
fn a_record_calamine_panics_on_is_refused_naming_the_file() {
    quiet_panics_on_this_thread();
    let path = format!(
        "{}/fuzz/known-crashes/xlsx/calamine-xls-biff-short-record",
        env!("CARGO_MANIFEST_DIR")
    );
    let input = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    // The fuzz target's first byte picks how it reads the rest (even: the file as it is).
    assert_eq!(input[0] & 1, 0);
    let bytes = &input[1..];
    assert_eq!(calamine_alone(bytes), Calamine::Panics);
    QUIET.with(|q| q.set(true));
    let e = load_exmail(bytes);
    QUIET.with(|q| q.set(false));
    let e = e.unwrap_err().to_string();
    assert!(
        e.starts_with("exmail file: cannot read the xls workbook: a record is damaged ("),
        "{e}"
    );
}

/// A `Dimensions` record declaring more cells than a sheet holds: calamine reserves them all
/// up front and the allocation aborts the process (so calamine alone is not run on it here);
/// `load` refuses the file before calamine sees it.
#[test]
fn a_sheet_declaring_too_many_cells_is_refused_before_calamine_reads_it() {
    let mut bytes = xls();
    // LibreOffice writes BIFF8 `Dimensions` (type 0x0200, 14 bytes); the first sheet's first.
    let at = bytes
        .windows(4)
        .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
        .expect("a Dimensions record");
    bytes[at + 8..at + 12].copy_from_slice(&u32::MAX.to_le_bytes()); // rows up to 2^32
    bytes[at + 14..at + 16].copy_from_slice(&0x00FFu16.to_le_bytes()); // 255 columns
    let e = load_exmail(&bytes).unwrap_err().to_string();
    assert!(
        e.contains("its records are damaged: sheet 1 declares")
            && e.contains("an .xls sheet holds at most 16777216"),
        "{e}"
    );
}
