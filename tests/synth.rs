//! The synthetic-company generator: determinism, sizes, planted faults, truth consistency.
#![cfg(feature = "synth")]

use std::collections::{HashMap, HashSet};

use roster_check::synth::{generate, CompanySpec, HeaderStyle, TextEncoding, FAULT_CODES};

fn spec(accounts: usize, members: usize, seed: u64, fault_rate: f64) -> CompanySpec {
    CompanySpec {
        accounts,
        members,
        seed,
        fault_rate,
        ..CompanySpec::new(accounts)
    }
}

const STYLES: [HeaderStyle; 5] = [
    HeaderStyle::Console,
    HeaderStyle::Api,
    HeaderStyle::English,
    HeaderStyle::Legacy,
    HeaderStyle::Export,
];

#[test]
fn same_seed_same_bytes() {
    for headers in STYLES {
        let s = CompanySpec {
            headers,
            instruction_rows: true,
            ..spec(300, 280, 42, 0.5)
        };
        let (a, b) = (generate(&s), generate(&s));
        for enc in [
            TextEncoding::Utf8,
            TextEncoding::Gb18030,
            TextEncoding::Utf16Le,
        ] {
            assert_eq!(a.exmail_csv(enc), b.exmail_csv(enc));
            assert_eq!(a.wecom_csv(enc), b.wecom_csv(enc));
        }
        assert_eq!(a.roster_csv(), b.roster_csv());
        assert_eq!(a.truth_json(), b.truth_json());
        #[cfg(feature = "xlsx")]
        {
            assert_eq!(a.exmail_xlsx(), b.exmail_xlsx());
            assert_eq!(a.wecom_xlsx(), b.wecom_xlsx());
        }
    }
    let other = generate(&spec(300, 280, 43, 0.5));
    assert_ne!(
        generate(&spec(300, 280, 42, 0.5)).exmail_csv(TextEncoding::Utf8),
        other.exmail_csv(TextEncoding::Utf8)
    );
}

#[test]
fn requested_sizes_are_honoured() {
    for (n, m) in [
        (0, 0),
        (1, 0),
        (0, 1),
        (3, 2),
        (40, 38),
        (100, 10),
        (10, 100),
        (2000, 1900),
    ] {
        for rate in [0.0, 0.3, 1.0] {
            let c = generate(&spec(n, m, 5, rate));
            assert_eq!((c.exmail.len(), c.wecom.len()), (n, m), "{n}/{m} at {rate}");
            let csv = String::from_utf8(c.exmail_csv(TextEncoding::Utf8)).unwrap();
            assert_eq!(csv.lines().count(), n + 1);
            let csv = String::from_utf8(c.wecom_csv(TextEncoding::Utf8)).unwrap();
            assert_eq!(csv.lines().count(), m + 1);
        }
    }
}

#[test]
fn every_fault_kind_is_planted_at_full_rate() {
    for seed in 0..5 {
        let c = generate(&CompanySpec {
            aliases: true,
            ..spec(200, 190, seed, 1.0)
        });
        let codes: HashSet<&str> = c.truth.faults.iter().map(|f| f.code).collect();
        // role-mailbox is path new's.
        for code in FAULT_CODES.iter().filter(|c| **c != "role-mailbox") {
            assert!(codes.contains(code), "seed {seed}: no {code}");
        }
        let new = generate(&CompanySpec {
            aliases: true,
            path_new: true,
            ..spec(200, 190, seed, 1.0)
        });
        let codes: HashSet<&str> = new.truth.faults.iter().map(|f| f.code).collect();
        // Path new's roster is the wizard's default there: it disagrees with nothing.
        for code in FAULT_CODES
            .iter()
            .filter(|c| !matches!(**c, "roster-disagrees" | "alias-listed"))
        {
            assert!(codes.contains(code), "path new, seed {seed}: no {code}");
        }
        let planted_roster = c
            .truth
            .faults
            .iter()
            .any(|f| f.code == "roster-disagrees" && f.planted);
        assert!(planted_roster);
    }
    // Both faces of a mangled mobile.
    let c = generate(&spec(40, 38, 7, 1.0));
    let mangled: Vec<&str> = c
        .truth
        .faults
        .iter()
        .filter(|f| f.code == "mobile-mangled")
        .map(|f| f.value.as_str())
        .collect();
    assert!(mangled.iter().any(|v| v.contains("E+")), "{mangled:?}");
    assert!(mangled.iter().any(|v| v.ends_with("00000")), "{mangled:?}");
}

#[test]
fn no_faults_without_fault_rate() {
    for headers in STYLES {
        let c = generate(&CompanySpec {
            headers,
            aliases: true,
            ..spec(500, 480, 9, 0.0)
        });
        for f in &c.truth.faults {
            assert!(
                f.code == "roster-disagrees" && !f.planted,
                "{headers:?}: unexpected {f:?}"
            );
        }
    }
}

#[test]
fn truth_is_consistent() {
    for headers in STYLES {
        for (seed, wechat) in [(1, true), (2, false), (3, true)] {
            let s = CompanySpec {
                headers,
                with_wechat_ids: wechat,
                instruction_rows: seed == 3,
                aliases: seed != 2,
                ..spec(600, 560, seed, 1.0)
            };
            let c = generate(&s);
            c.verify_truth()
                .unwrap_or_else(|e| panic!("{headers:?}/{seed}: {e}"));
            let t = &c.truth;
            // Every exmail address once, in file order.
            let addrs: Vec<String> = c
                .exmail
                .iter()
                .map(|r| r.address.trim().to_lowercase())
                .collect();
            let mut seen = HashSet::new();
            let distinct: Vec<&String> = addrs.iter().filter(|a| seen.insert(*a)).collect();
            let truth_addrs: Vec<&String> = t.accounts.iter().map(|a| &a.email).collect();
            assert_eq!(distinct, truth_addrs);
            assert_eq!(c.roster.len(), t.accounts.len());
            let userids: HashMap<&str, usize> = c
                .wecom
                .iter()
                .enumerate()
                .map(|(j, r)| (r.userid.as_str(), j))
                .collect();
            let mut expected = HashSet::new();
            for a in &t.accounts {
                let row = a.row as usize - t.exmail_header_row as usize - 1;
                assert_eq!(addrs[row], a.email);
                match a.kind {
                    "member" => {
                        let u = a.userid.as_deref().unwrap();
                        let j = userids[u];
                        assert_eq!(a.wecom_row, Some(t.wecom_header_row + 1 + j as u32));
                        assert!(a.matched_by.is_some());
                        assert!(expected.insert(u), "{u} expected twice");
                    }
                    "other" => {
                        assert!(a.userid.is_none() && a.matched_by.is_none());
                    }
                    k => panic!("type {k}"),
                }
            }
            // Fault rows point into the files.
            for f in &t.faults {
                let (header, n) = match f.file {
                    "exmail" => (t.exmail_header_row, c.exmail.len()),
                    "wecom" => (t.wecom_header_row, c.wecom.len()),
                    _ => (1, c.roster.len()),
                };
                assert!(f.row > header && f.row <= header + n as u32, "{f:?}");
                assert!(FAULT_CODES.contains(&f.code));
            }
            // What the layout cannot carry is not in the truth.
            let no_wechat = [HeaderStyle::Api, HeaderStyle::Legacy, HeaderStyle::Export];
            if !wechat || no_wechat.contains(&headers) {
                assert!(t.accounts.iter().all(|a| a.matched_by != Some("wechat_id")));
            }
            if no_wechat.contains(&headers) {
                assert!(t.accounts.iter().all(|a| a.matched_by != Some("biz_mail")));
            }
        }
    }
}

#[test]
fn every_key_matches_somewhere() {
    let c = generate(&spec(400, 380, 11, 0.2));
    for key in ["wechat_id", "biz_mail", "email", "mobile"] {
        assert!(
            c.truth.accounts.iter().any(|a| a.matched_by == Some(key)),
            "no match by {key}"
        );
    }
    assert!(c.truth.accounts.iter().any(|a| a.kind == "other"));
}

#[test]
fn encodings_and_layouts() {
    let c = generate(&CompanySpec {
        instruction_rows: true,
        ..spec(50, 45, 3, 1.0)
    });
    let utf8 = c.wecom_csv(TextEncoding::Utf8);
    let text = String::from_utf8(utf8.clone()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines[2].starts_with("姓名,账号,手机,个人邮箱,企业邮箱,微信ID,部门,状态"));
    assert_eq!(c.truth.wecom_header_row, 3);
    let bom = c.wecom_csv(TextEncoding::Utf8Bom);
    assert_eq!(&bom[..3], b"\xEF\xBB\xBF");
    assert_eq!(&bom[3..], &utf8[..]);
    let gb = c.exmail_csv(TextEncoding::Gb18030);
    let (decoded, _, bad) = encoding_rs::GB18030.decode(&gb);
    assert!(!bad);
    assert_eq!(decoded.as_bytes(), &c.exmail_csv(TextEncoding::Utf8)[..]);
    let u16 = c.exmail_csv(TextEncoding::Utf16Le);
    assert_eq!(&u16[..2], &[0xFF, 0xFE]);
    let (decoded, _, bad) = encoding_rs::UTF_16LE.decode(&u16);
    assert!(!bad);
    assert!(decoded.starts_with("邮箱帐号\t姓名\t手机\t微信ID\t部门\t状态\r\n"));

    let api = generate(&CompanySpec {
        headers: HeaderStyle::Api,
        ..spec(50, 45, 3, 1.0)
    });
    let text = String::from_utf8(api.wecom_csv(TextEncoding::Utf8)).unwrap();
    assert!(text.starts_with(
        "姓名,帐号,手机号,邮箱,所在部门,职位,性别,是否部门内领导,排序,别名,地址,座机,禁用,禁用项说明：(0-启用;1-禁用)\r\n"
    ));
    let roster = c.roster_csv();
    assert!(roster.starts_with("\u{FEFF}邮箱地址,姓名,邮箱类型,企业微信账号\r\n".as_bytes()));
}

#[test]
fn truth_json_parses() {
    let c = generate(&spec(60, 55, 4, 1.0));
    let v: serde_json::Value = serde_json::from_str(&c.truth_json()).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(
        v["accounts"].as_array().unwrap().len(),
        c.truth.accounts.len()
    );
    assert_eq!(v["faults"].as_array().unwrap().len(), c.truth.faults.len());
    assert_eq!(v["files"]["exmail"]["rows"], 60);
}

#[cfg(feature = "legacy-spreadsheets")] // calamine shows the cell types
#[test]
fn xlsx_phones_are_numbers() {
    use calamine::{Data, Reader, Xlsx};
    let c = generate(&CompanySpec {
        instruction_rows: true,
        ..spec(80, 75, 8, 1.0)
    });
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(c.wecom_xlsx())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<_> = range.rows().collect();
    assert_eq!(rows.len(), 2 + 1 + 75);
    assert_eq!(rows[2][0], Data::String("姓名".into()));
    let numbers = rows[3..]
        .iter()
        .filter(|r| matches!(r[2], Data::Float(_)))
        .count();
    assert!(numbers > 30, "{numbers}");
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(c.exmail_xlsx())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(range.rows().count(), 81);
}

#[test]
fn path_new_makes_every_account_a_member() {
    for members in [0, 180] {
        let c = generate(&CompanySpec {
            path_new: true,
            ..spec(200, members, 3, 1.0)
        });
        c.verify_truth().unwrap();
        assert!(c.truth.accounts.iter().all(|a| a.kind == "member"));
        let by_path = c
            .truth
            .accounts
            .iter()
            .filter(|a| a.matched_by == Some("path_new"))
            .count();
        assert!(by_path > 0);
        assert!(c
            .truth
            .accounts
            .iter()
            .filter(|a| a.matched_by == Some("path_new"))
            .all(|a| a.userid.is_none() && a.wecom_row.is_none()));
        if members == 0 {
            assert_eq!(by_path, c.truth.accounts.len());
        }
        assert!(c.roster.iter().all(|r| r.member && r.userid.is_empty()));
        assert!(c.truth.faults.iter().any(|f| f.code == "role-mailbox"));
    }
}

#[test]
fn aliases_are_written_and_link_pairs() {
    let c = generate(&CompanySpec {
        aliases: true,
        ..spec(600, 560, 5, 1.0)
    });
    let text = String::from_utf8(c.exmail_csv(TextEncoding::Utf8)).unwrap();
    assert!(
        text.starts_with("邮箱帐号,姓名,手机,微信ID,部门,状态,别名\r\n"),
        "{}",
        &text[..60]
    );
    assert!(c.exmail.iter().filter(|r| !r.aliases.is_empty()).count() > 20);
    // Some WeCom addresses name an alias, not the account's address.
    let addresses: HashSet<String> = c.exmail.iter().map(|r| r.address.to_lowercase()).collect();
    let by_alias = c.truth.accounts.iter().filter(|a| {
        a.wecom_row.is_some_and(|row| {
            let w = &c.wecom[(row - c.truth.wecom_header_row - 1) as usize];
            let key = match a.matched_by {
                Some("biz_mail") => w.biz_mail.to_lowercase(),
                Some("email") => w.email.to_lowercase(),
                _ => return false,
            };
            !addresses.contains(&key)
        })
    });
    assert!(by_alias.count() > 0);
    // Without aliases the company is the one it was: the random stream is not touched.
    let before = generate(&spec(600, 560, 5, 1.0));
    assert!(before.exmail.iter().all(|r| r.aliases.is_empty()));
}

#[test]
fn the_console_member_export() {
    let c = generate(&CompanySpec {
        headers: HeaderStyle::Export,
        ..spec(300, 280, 2, 1.0)
    });
    assert_eq!(c.truth.wecom_header_row, 9);
    let text = String::from_utf8(c.wecom_csv(TextEncoding::Utf8)).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines[0].starts_with("填写须知"));
    assert_eq!(
        lines[8],
        "姓名,账号,别名,职务,部门,性别,手机,座机,邮箱,地址,视频号,激活状态,禁用状态,微信插件"
    );
    for status in ["未激活", "已禁用", "已退出"] {
        assert!(text.contains(status), "{status}");
    }
}

/// `samples/demo/` (the page's built-in sample) is exactly what `samples/README.md`'s command
/// writes: a generator change that alters it must regenerate it, or the sample's truth lies.
#[test]
fn samples_demo_is_the_generators_output() {
    let out = std::env::temp_dir().join(format!("roster-synth-demo-{}", std::process::id()));
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_roster-synth"))
        .args([
            "--accounts",
            "40",
            "--members",
            "38",
            "--seed",
            "7",
            "--fault-rate",
            "1",
        ])
        .args([
            "--encoding",
            "gb18030",
            "--wecom-format",
            "xlsx",
            "--instruction-rows",
        ])
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/demo");
    for file in ["exmail.csv", "wecom.xlsx", "roster.csv", "truth.json"] {
        let made = std::fs::read(out.join(file)).unwrap();
        let kept = std::fs::read(committed.join(file)).unwrap();
        assert!(
            made == kept,
            "samples/demo/{file} differs from the generator's: regenerate it (samples/README.md)"
        );
    }
    std::fs::remove_dir_all(&out).unwrap();
}
