//! The engine against the generator's truth: on companies with every fault kind planted, in
//! every layout and encoding, the assignments (type, member, key) and the row-level findings
//! (code, file, row) are exactly the truth's: 0 wrong, 0 missed, 0 extra.
#![cfg(feature = "synth")]

use std::collections::BTreeSet;

use roster_check::synth::{generate, Company, CompanySpec, HeaderStyle, TextEncoding, FAULT_CODES};
use roster_check::{check, Inputs, Options, Report};

#[derive(Clone, Copy)]
enum Files {
    Csv(TextEncoding),
    Xlsx,
}

/// The engine's report on the company's files; path `new` when the company is path new's,
/// and no WeCom file at all when it has no members.
fn run(c: &Company, files: Files, roster: bool) -> Report {
    let (exmail, wecom) = match files {
        Files::Csv(enc) => (c.exmail_csv(enc), c.wecom_csv(enc)),
        Files::Xlsx => (c.exmail_xlsx(), c.wecom_xlsx()),
    };
    let roster_bytes = c.roster_csv();
    let domains = serde_json::to_string(&c.truth.domains).unwrap();
    let path = if c.spec.path_new { "new" } else { "bind" };
    let json = format!(r#"{{"domains":{domains},"path":"{path}"}}"#);
    let inputs = Inputs {
        exmail: &exmail,
        wecom: (!c.wecom.is_empty() || !c.spec.path_new).then_some(&wecom[..]),
        roster: roster.then_some(&roster_bytes[..]),
    };
    check(&inputs, &Options::from_json(&json).unwrap())
        .unwrap()
        .report
}

/// Differences between the engine's report and the truth: wrong or missed assignments, and
/// missed or extra findings of the covered codes.
fn differences(c: &Company, r: &Report, roster: bool) -> Vec<String> {
    let mut out = Vec::new();
    assert_eq!(r.assignments.len(), c.truth.accounts.len());
    for (a, t) in r.assignments.iter().zip(&c.truth.accounts) {
        assert_eq!(a.email, t.email);
        let (kind, userid, by) = if roster {
            (t.roster_kind(), t.roster_userid.clone(), None)
        } else {
            (t.kind, t.userid.clone(), t.matched_by)
        };
        let got_by = a.matched_by.map(|m| m.as_str());
        let same =
            a.kind_str() == kind && a.userid == userid.as_deref() && (roster || got_by == by);
        if !same {
            out.push(format!(
                "{}: engine {} {:?} {:?}, truth {} {:?} {:?}",
                a.email,
                a.kind_str(),
                a.userid,
                got_by,
                kind,
                userid,
                by
            ));
        }
    }
    let covered = |code: &str| {
        FAULT_CODES.contains(&code)
            && (roster || !matches!(code, "roster-disagrees" | "alias-listed"))
    };
    // The truth lists a shared key on each later row, with the earlier ones in `related`; the
    // engine reports every row that shares it.
    let truth: BTreeSet<(String, String, u32)> = c
        .truth
        .faults
        .iter()
        .filter(|f| covered(f.code))
        .flat_map(|f| {
            let shared = f.code == "ambiguous-key";
            let related = f.related.iter().filter(move |_| shared);
            std::iter::once((f.file, f.row))
                .chain(related.map(|p| (p.file, p.row)))
                .map(|(file, row)| (f.code.to_string(), file.to_string(), row))
        })
        .collect();
    let engine: BTreeSet<(String, String, u32)> = r
        .findings
        .iter()
        .filter(|f| covered(f.code().as_str()))
        .map(|f| {
            let file = f.file.map(|k| k.as_str()).unwrap_or_default();
            (f.code().to_string(), file.to_string(), f.row.unwrap_or(0))
        })
        .collect();
    for missed in truth.difference(&engine) {
        out.push(format!("missed {missed:?}"));
    }
    for extra in engine.difference(&truth) {
        out.push(format!("extra {extra:?}"));
    }
    out
}

trait Kinds {
    fn kind_str(&self) -> &'static str;
}

impl Kinds for roster_check::Assignment<'_> {
    fn kind_str(&self) -> &'static str {
        match self.kind {
            roster_check::AssignmentType::Member => "member",
            roster_check::AssignmentType::Other => "other",
            roster_check::AssignmentType::Unassigned => "unassigned",
        }
    }
}

trait RosterKind {
    fn roster_kind(&self) -> &'static str;
}

impl RosterKind for roster_check::synth::TruthAccount {
    fn roster_kind(&self) -> &'static str {
        self.kind
    }
}

fn spec(headers: HeaderStyle, seed: u64) -> CompanySpec {
    CompanySpec {
        headers,
        seed,
        fault_rate: 1.0,
        members: 1900,
        ..CompanySpec::new(2000)
    }
}

/// The company plants `codes`: the comparison covers them.
fn assert_plants(name: &str, c: &Company, codes: &[&str]) {
    for code in codes {
        assert!(
            c.truth.faults.iter().any(|f| f.code == *code),
            "{name}: no {code}"
        );
    }
}

fn assert_agrees(name: &str, c: &Company, files: Files) {
    let r = run(c, files, false);
    let diff = differences(c, &r, false);
    assert!(
        diff.is_empty(),
        "{name}: {} differences: {diff:#?}",
        diff.len()
    );
}

#[test]
fn the_engine_agrees_with_the_truth_in_every_layout() {
    let console = generate(&spec(HeaderStyle::Console, 1));
    assert_agrees("console utf-8", &console, Files::Csv(TextEncoding::Utf8));
    let legacy = generate(&spec(HeaderStyle::Legacy, 2));
    assert_agrees("legacy gb18030", &legacy, Files::Csv(TextEncoding::Gb18030));
    let english = generate(&spec(HeaderStyle::English, 3));
    assert_agrees(
        "english utf-16",
        &english,
        Files::Csv(TextEncoding::Utf16Le),
    );
    let api = generate(&spec(HeaderStyle::Api, 4));
    assert_agrees("api utf-8", &api, Files::Csv(TextEncoding::Utf8));
    let xlsx = generate(&CompanySpec {
        instruction_rows: true,
        ..spec(HeaderStyle::Console, 5)
    });
    assert_agrees("console xlsx, instruction rows", &xlsx, Files::Xlsx);
    let no_wechat = generate(&CompanySpec {
        with_wechat_ids: false,
        ..spec(HeaderStyle::Console, 6)
    });
    assert_agrees("no wechat ids", &no_wechat, Files::Csv(TextEncoding::Utf8));
}

#[test]
fn the_engine_agrees_on_the_console_export_aliases_and_path_new() {
    let export = |seed| CompanySpec {
        headers: HeaderStyle::Export,
        aliases: true,
        ..spec(HeaderStyle::Export, seed)
    };
    let c = generate(&export(7));
    assert_plants("export", &c, &["member-inactive", "alias-collision"]);
    let statuses: BTreeSet<u8> = c.wecom.iter().map(|w| w.status).collect();
    assert!(
        statuses.is_superset(&BTreeSet::from([1, 2, 4, 5])),
        "{statuses:?}"
    );
    assert_agrees("export xlsx, aliases", &c, Files::Xlsx);
    assert_agrees(
        "export gb18030, aliases",
        &generate(&export(8)),
        Files::Csv(TextEncoding::Gb18030),
    );
    let aliases = generate(&CompanySpec {
        aliases: true,
        ..spec(HeaderStyle::Console, 9)
    });
    assert_agrees("console, aliases", &aliases, Files::Csv(TextEncoding::Utf8));
    let new_with_wecom = generate(&CompanySpec {
        path_new: true,
        aliases: true,
        ..spec(HeaderStyle::Console, 10)
    });
    assert_plants(
        "path new",
        &new_with_wecom,
        &["role-mailbox", "member-inactive"],
    );
    assert_agrees("path new with a WeCom file", &new_with_wecom, Files::Xlsx);
    let new_alone = generate(&CompanySpec {
        path_new: true,
        members: 0,
        ..spec(HeaderStyle::Console, 11)
    });
    assert_agrees(
        "path new, the Exmail list alone",
        &new_alone,
        Files::Csv(TextEncoding::Utf8),
    );
}

#[test]
fn roster_rows_naming_an_alias_are_found() {
    let c = generate(&CompanySpec {
        aliases: true,
        ..spec(HeaderStyle::Console, 12)
    });
    let r = run(&c, Files::Csv(TextEncoding::Utf8), true);
    let rows = |code: &str| -> BTreeSet<(String, u32)> {
        r.findings
            .iter()
            .filter(|f| f.code() == code)
            .map(|f| (f.email.clone().unwrap_or_default(), f.row.unwrap_or(0)))
            .collect()
    };
    let truth: BTreeSet<(String, u32)> = c
        .truth
        .faults
        .iter()
        .filter(|f| f.code == "alias-listed")
        .map(|f| (f.email.clone().unwrap_or_default(), f.row))
        .collect();
    assert!(!truth.is_empty());
    assert_eq!(rows("alias-listed"), truth);
    // Each such row counts for its account: none is unknown or unassigned.
    assert!(rows("unknown-account").is_empty() && rows("unassigned-account").is_empty());
}
