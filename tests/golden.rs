//! Golden outputs: the report JSON (zh, zh-TW and en) and the written roster (CSV and XLSX) of the
//! samples, the fixtures and a few generated companies, held to the sha256 digests in
//! `tests/golden/digests.txt`. A refactoring must leave every byte as it was; a change that is
//! meant updates the digests and says why in CHANGELOG.md.
//!
//! `GOLDEN_UPDATE=1 cargo test --test golden` rewrites the digests and keeps the outputs in
//! `target/golden/expected/`; on a mismatch the outputs are written to `target/golden/actual/`
//! and the first differing lines (JSON pretty-printed) are shown against the kept ones.
#![cfg(feature = "synth")]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use roster_check::synth::{generate, CompanySpec, HeaderStyle, TextEncoding};
use roster_check::{check, ExportFormat, Inputs, Lang, Options};
use sha2::{Digest, Sha256};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn file(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(ROOT).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// One check's files and options.
struct Case {
    name: String,
    exmail: Vec<u8>,
    wecom: Option<Vec<u8>>,
    roster: Option<Vec<u8>>,
    options: String,
}

fn case(
    name: &str,
    exmail: &str,
    wecom: Option<&str>,
    roster: Option<&str>,
    options: &str,
) -> Case {
    Case {
        name: name.to_string(),
        exmail: file(exmail),
        wecom: wecom.map(file),
        roster: roster.map(file),
        options: options.to_string(),
    }
}

/// Every option that changes a finding, on path bind and on path new.
const CONTEXT_BIND: &str = r#"{"advanced_quota":0,"target_paid":true,"wecom_api_email_param":true,
    "exmail_contacts_api":true,"wecom_contacts_api":true,"department_backup_rules":true,
    "features_in_use":["member_password","rtx","password_rotation","netdisk","announcements",
    "signature","public_address_book","business_card","sso"],"domains":["example.cn"]}"#;
const CONTEXT_NEW: &str = r#"{"path":"new","enterprise_name":"测试公司","advanced_quota":1,
    "features_in_use":["sso","rtx"]}"#;

fn fixture_cases() -> Vec<Case> {
    let js = |f: &str| format!("tests/js/fixtures/{f}");
    let console = |f: &str| format!("tests/fixtures/console/{f}");
    let ingest = |f: &str| format!("tests/fixtures/ingest/{f}");
    let xlsx = |f: &str| format!("tests/xlsx/fixtures/{f}");
    let overrides = String::from_utf8(file(&js("overrides.json"))).unwrap();
    let basic = (js("basic-exmail.csv"), js("basic-wecom.csv"));
    let mut cases = vec![
        case(
            "demo",
            "samples/demo/exmail.csv",
            Some("samples/demo/wecom.xlsx"),
            None,
            "{}",
        ),
        case(
            "demo-roster",
            "samples/demo/exmail.csv",
            Some("samples/demo/wecom.xlsx"),
            Some("samples/demo/roster.csv"),
            "{}",
        ),
        case("basic", &basic.0, Some(&basic.1), None, "{}"),
        case(
            "basic-overrides",
            &basic.0,
            Some(&basic.1),
            None,
            &format!(r#"{{"overrides":{overrides}}}"#),
        ),
        case(
            "basic-context",
            &basic.0,
            Some(&basic.1),
            None,
            CONTEXT_BIND,
        ),
        case("basic-context-new", &basic.0, None, None, CONTEXT_NEW),
        case("gbk", &js("gbk-exmail.csv"), Some(&basic.1), None, "{}"),
        case("utf16", &basic.0, Some(&js("utf16-wecom.txt")), None, "{}"),
        case(
            "instructions",
            &js("instructions-exmail.csv"),
            Some(&js("instructions-wecom.csv")),
            None,
            "{}",
        ),
        case(
            "new",
            &js("new-exmail.csv"),
            None,
            None,
            r#"{"path":"new"}"#,
        ),
    ];
    let console_pairs = [
        ("console", "exmail.csv", "wecom_console.xlsx"),
        ("console-lo", "exmail.csv", "wecom_console_libreoffice.xlsx"),
        ("console-api", "exmail.csv", "wecom_api_batch.csv"),
        ("console-old", "exmail_old_gbk.csv", "wecom_old_export.xlsx"),
        (
            "console-traditional",
            "exmail_traditional.csv",
            "wecom_traditional.csv",
        ),
    ];
    for (name, e, w) in console_pairs {
        cases.push(case(name, &console(e), Some(&console(w)), None, "{}"));
    }
    let ingest_pairs = [
        ("ingest-utf8", "exmail_utf8.csv", "wecom_template.csv"),
        ("ingest-gbk", "exmail_gbk.csv", "wecom_template.xlsx"),
        ("ingest-phones", "exmail_phones.xlsx", "wecom_api_batch.csv"),
        (
            "ingest-old",
            "exmail_old_template.csv",
            "wecom_utf16le_bom.txt",
        ),
    ];
    for (name, e, w) in ingest_pairs {
        cases.push(case(name, &ingest(e), Some(&ingest(w)), None, "{}"));
    }
    cases.push(case(
        "ingest-roster",
        &ingest("exmail_utf8.csv"),
        Some(&ingest("wecom_template.csv")),
        Some(&ingest("roster_by_content.csv")),
        "{}",
    ));
    let xlsx_pairs = [
        (
            "xlsx-sheets",
            "exmail_two_sheets.xlsx",
            "wecom_formulas.xlsx",
        ),
        ("xlsx-far", "exmail_far_cell.xlsx", "wecom_formats.xlsx"),
        (
            "xlsx-id-card",
            "exmail_two_sheets.xlsx",
            "wecom_id_card.xlsx",
        ),
        (
            "xlsx-hidden",
            "exmail_two_sheets.xlsx",
            "wecom_hidden_helper.xlsx",
        ),
        (
            "xlsx-chart",
            "exmail_two_sheets.xlsx",
            "wecom_chart_first.xlsx",
        ),
    ];
    for (name, e, w) in xlsx_pairs {
        cases.push(case(name, &xlsx(e), Some(&xlsx(w)), None, "{}"));
    }
    cases.extend(edge_cases(&basic));
    cases
}

/// Inline files for the codes no fixture triggers: a roster listing an address twice and
/// naming a member WeCom lacks, a WeCom file without its userid column or without rows, and
/// two overrides claiming one member.
fn edge_cases(basic: &(String, String)) -> Vec<Case> {
    let roster = "邮箱地址,姓名,邮箱类型,企业微信账号\n\
        zhang.wei@example.cn,张伟,成员邮箱,ZhangWei\n\
        zhang.wei@example.cn,张伟,其他邮箱,\n\
        li.na@example.cn,李娜,成员邮箱,NoSuchUser\n\
        partner1@example.cn,合作方1,成员邮箱,\n\
        ghost@example.cn,无,其他邮箱,\n";
    let inline = |name: &str, wecom: &str, roster: Option<&str>, options: &str| Case {
        name: name.to_string(),
        exmail: file(&basic.0),
        wecom: Some(wecom.as_bytes().to_vec()),
        roster: roster.map(|r| r.as_bytes().to_vec()),
        options: options.to_string(),
    };
    let wecom = String::from_utf8(file(&basic.1)).unwrap();
    vec![
        inline("edge-roster", &wecom, Some(roster), "{}"),
        inline("edge-roster-new", &wecom, Some(roster), r#"{"path":"new"}"#),
        inline(
            "edge-no-userid",
            "姓名,手机\n张伟,13800138000\n",
            None,
            "{}",
        ),
        inline("edge-wecom-empty", "姓名,账号,手机\n", None, "{}"),
        inline(
            "edge-claimed",
            &wecom,
            None,
            r#"{"overrides":{"partner1@example.cn":{"type":"member","userid":"SunLi"},
                "dup@example.cn":{"type":"member","userid":"SunLi"}}}"#,
        ),
    ]
}

fn synth_cases() -> Vec<Case> {
    let base = |headers| CompanySpec {
        headers,
        fault_rate: 1.0,
        seed: 13,
        ..CompanySpec::new(300)
    };
    let specs = [
        ("synth-console", base(HeaderStyle::Console), "csv", true),
        (
            "synth-console-aliases",
            CompanySpec {
                aliases: true,
                ..base(HeaderStyle::Console)
            },
            "csv",
            true,
        ),
        (
            "synth-export-aliases",
            CompanySpec {
                aliases: true,
                ..base(HeaderStyle::Export)
            },
            "xlsx",
            true,
        ),
        ("synth-legacy", base(HeaderStyle::Legacy), "gb18030", false),
        ("synth-english", base(HeaderStyle::English), "utf16", true),
        ("synth-api", base(HeaderStyle::Api), "csv", false),
        (
            "synth-instructions-no-wechat",
            CompanySpec {
                instruction_rows: true,
                with_wechat_ids: false,
                ..base(HeaderStyle::Console)
            },
            "xlsx",
            false,
        ),
        (
            "synth-path-new",
            CompanySpec {
                path_new: true,
                ..base(HeaderStyle::Console)
            },
            "csv",
            true,
        ),
        (
            "synth-path-new-no-wecom",
            CompanySpec {
                path_new: true,
                members: 0,
                ..base(HeaderStyle::Console)
            },
            "csv",
            true,
        ),
    ];
    let mut cases = Vec::new();
    for (name, spec, files, roster) in specs {
        let c = generate(&spec);
        let (exmail, wecom) = match files {
            "xlsx" => (c.exmail_xlsx(), c.wecom_xlsx()),
            "gb18030" => (
                c.exmail_csv(TextEncoding::Gb18030),
                c.wecom_csv(TextEncoding::Gb18030),
            ),
            "utf16" => (
                c.exmail_csv(TextEncoding::Utf16Le),
                c.wecom_csv(TextEncoding::Utf16Le),
            ),
            _ => (
                c.exmail_csv(TextEncoding::Utf8),
                c.wecom_csv(TextEncoding::Utf8),
            ),
        };
        let domains = serde_json::to_string(&c.truth.domains).unwrap();
        let path = if spec.path_new { "new" } else { "bind" };
        cases.push(Case {
            name: name.to_string(),
            exmail,
            wecom: (!(spec.path_new && spec.members == 0)).then_some(wecom),
            roster: roster.then(|| c.roster_csv()),
            options: format!(r#"{{"domains":{domains},"path":"{path}","advanced_quota":5}}"#),
        });
    }
    cases
}

/// The outputs of one case: name → bytes.
fn outputs(case: &Case) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for lang in [Lang::Zh, Lang::ZhTw, Lang::En] {
        let mut options = Options::from_json(&case.options).unwrap();
        options.lang = lang;
        let inputs = Inputs {
            exmail: &case.exmail,
            wecom: case.wecom.as_deref(),
            roster: case.roster.as_deref(),
        };
        let tag = lang.as_str();
        match check(&inputs, &options) {
            Ok(checked) => {
                let json = without_engine(&checked.report.to_json());
                out.push((format!("{tag}.json"), json.into_bytes()));
                if lang == Lang::Zh {
                    for (format, ext) in [(ExportFormat::Csv, "csv"), (ExportFormat::Xlsx, "xlsx")]
                    {
                        let bytes = checked
                            .export_roster(format)
                            .unwrap_or_else(|e| format!("refused: {e}").into_bytes());
                        out.push((format!("roster.{ext}"), bytes));
                    }
                }
            }
            Err(e) => {
                let text = format!("{}\n{}\n{e}\n", e.code(), e.message(lang));
                out.push((format!("{tag}.error"), text.into_bytes()));
            }
        }
    }
    out
}

/// The report JSON without its `engine` object, which must come right after `version`: the
/// digests hold what the report says, not the version number every release changes.
fn without_engine(json: &str) -> String {
    let engine = format!(
        r#","engine":{{"name":"roster-check","version":"{}"}}"#,
        env!("CARGO_PKG_VERSION")
    );
    let expected = format!(r#"{{"version":1{engine},"summary":"#);
    assert!(
        json.starts_with(&expected),
        "the report names its engine: {}",
        &json[..80.min(json.len())]
    );
    json.replacen(&engine, "", 1)
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

fn digests_path() -> PathBuf {
    Path::new(ROOT).join("tests/golden/digests.txt")
}

fn kept(dir: &str, key: &str) -> PathBuf {
    Path::new(ROOT)
        .join("target/golden")
        .join(dir)
        .join(key.replace(' ', "."))
}

/// Text to compare line by line: JSON pretty-printed, CSV as its lines, anything else by size.
fn lines(key: &str, bytes: &[u8]) -> Vec<String> {
    if key.ends_with(".json") {
        let value: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        return pretty.lines().map(str::to_string).collect();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) if !key.ends_with(".xlsx") => text.lines().map(str::to_string).collect(),
        _ => vec![format!("{} bytes, sha256 {}", bytes.len(), sha256(bytes))],
    }
}

/// The first differing lines of `expected` and `actual`.
fn diff(key: &str, expected: &[u8], actual: &[u8]) -> String {
    let (a, b) = (lines(key, expected), lines(key, actual));
    let mut out = String::new();
    let mut shown = 0;
    for i in 0..a.len().max(b.len()) {
        let (x, y) = (a.get(i), b.get(i));
        if x != y && shown < 12 {
            shown += 1;
            let _ = writeln!(out, "  line {}:\n    - {:?}\n    + {:?}", i + 1, x, y);
        }
    }
    let _ = writeln!(out, "  ({} vs {} lines)", a.len(), b.len());
    out
}

#[test]
fn outputs_are_as_they_were() {
    let mut actual = BTreeMap::new();
    let mut bytes = BTreeMap::new();
    for case in fixture_cases().into_iter().chain(synth_cases()) {
        for (kind, out) in outputs(&case) {
            let key = format!("{} {kind}", case.name);
            actual.insert(key.clone(), sha256(&out));
            bytes.insert(key, out);
        }
    }
    if std::env::var_os("GOLDEN_UPDATE").is_some() {
        let text: String = actual.iter().map(|(k, d)| format!("{k} {d}\n")).collect();
        std::fs::create_dir_all(digests_path().parent().unwrap()).unwrap();
        std::fs::write(digests_path(), text).unwrap();
        for (key, out) in &bytes {
            let path = kept("expected", key);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, out).unwrap();
        }
        return;
    }
    let stored = std::fs::read_to_string(digests_path())
        .expect("tests/golden/digests.txt (write it with GOLDEN_UPDATE=1)");
    let expected: BTreeMap<String, String> = stored
        .lines()
        .filter_map(|l| l.rsplit_once(' '))
        .map(|(k, d)| (k.to_string(), d.to_string()))
        .collect();
    let mut report = String::new();
    for key in expected.keys().chain(actual.keys()) {
        if expected.get(key) == actual.get(key) || report.contains(&format!("{key}:")) {
            continue;
        }
        let _ = writeln!(
            report,
            "{key}: stored {:?}, now {:?}",
            expected.get(key),
            actual.get(key)
        );
        if let Some(out) = bytes.get(key) {
            let path = kept("actual", key);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, out).unwrap();
            if let Ok(before) = std::fs::read(kept("expected", key)) {
                report.push_str(&diff(key, &before, out));
            }
        }
    }
    assert!(report.is_empty(), "golden outputs changed:\n{report}");
}
