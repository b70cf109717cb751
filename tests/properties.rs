//! Properties of the whole check over generated rosters: no account lost, deterministic output,
//! idempotent normalisation, overrides always win, and the exported roster read back as the
//! wizard roster gives the same assignments.

use std::collections::BTreeMap;

use proptest::prelude::*;
use roster_check::model::normalise;
use roster_check::{
    check, AssignmentType, Checked, ExportFormat, Inputs, MatchedBy, Options, Override,
};

const EXMAIL_HEADER: [&str; 6] = ["邮箱帐号", "姓名", "手机", "微信ID", "部门", "状态"];
const WECOM_HEADER: [&str; 8] = [
    "姓名",
    "账号",
    "手机",
    "个人邮箱",
    "企业邮箱",
    "微信ID",
    "部门",
    "状态",
];

/// Local parts: a few shared so addresses repeat (in other case or spacing too).
fn local() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec!["zhang.wei", "li.na", "wang", "partner1", "a_b-c", "x"])
            .prop_map(str::to_string),
        "[a-z][a-z0-9._-]{0,8}",
    ]
}

fn domain() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "acme.cn",
        "acme.cn",
        "acme.cn",
        "other.com",
        "ACME.CN",
    ])
}

/// Address cells: plausible ones dressed up as people type them, and implausible ones.
fn address_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (local(), domain()).prop_map(|(l, d)| format!("{l}@{d}")),
        1 => (local(), domain()).prop_map(|(l, d)| format!("  {}@{d} ", l.to_uppercase())),
        1 => (local(), domain()).prop_map(|(l, d)| {
            format!("{l}@{d}")
                .chars()
                .map(|c| match c {
                    '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                    _ => c,
                })
                .collect()
        }),
        1 => prop::sample::select(vec![
            "",
            "   ",
            "no-at-sign",
            "a@@acme.cn",
            "=1+1@acme.cn",
            "-x@acme.cn",
            "@SUM(1)",
            "+1+1",
            "..@acme.cn",
            "张伟@acme.cn",
            "a b@acme.cn",
        ])
        .prop_map(str::to_string),
    ]
}

fn name_cell() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "张伟",
        "李娜",
        "王芳",
        "欧阳娜娜",
        "Zhang Wei",
        "zhangwei",
        "张 伟",
        "",
        "=HYPERLINK(\"http://x\")",
        "@SUM(1)",
        "+1+1",
        "-2+3",
        "合作方-王",
        "\"quoted\"",
        "two\nlines",
        "ＦＵＬＬ",
    ])
    .prop_map(str::to_string)
}

fn mobile_cell() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "13800138000",
        "13800138000",
        "+86 139 0013 9000",
        "0086-137-0013-7000",
        "13800138000.0",
        "1.38E+10",
        "13630600000",
        "",
        "",
        "12345",
        "phone",
        "+852 9123 4567",
    ])
    .prop_map(str::to_string)
}

fn wechat_cell() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["", "", "", "wx_a", "wx_b", "wx_c", "WX_A", " wx_b "])
        .prop_map(str::to_string)
}

fn status_cell() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["正常", "正常", "禁用", "", "1", "已离职"]).prop_map(str::to_string)
}

fn exmail_row() -> impl Strategy<Value = Vec<String>> {
    (
        address_cell(),
        name_cell(),
        mobile_cell(),
        wechat_cell(),
        prop::sample::select(vec!["研发部", "市场部", "", "=1+1"]),
        status_cell(),
    )
        .prop_map(|(a, n, m, w, d, s)| vec![a, n, m, w, d.to_string(), s])
}

fn userid_cell() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "ZhangWei", "zhangwei", "LiNa", "Wang", "P1", "u_2", "-bad", "", "张伟",
    ])
    .prop_map(str::to_string)
}

fn wecom_row() -> impl Strategy<Value = Vec<String>> {
    (
        name_cell(),
        userid_cell(),
        mobile_cell(),
        prop_oneof![Just(String::new()), address_cell()],
        prop_oneof![Just(String::new()), address_cell()],
        wechat_cell(),
        status_cell(),
    )
        .prop_map(|(n, u, m, e, b, w, s)| vec![n, u, m, e, b, w, "研发部".into(), s])
}

fn csv_bytes(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(header).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

/// An override for account `i % accounts` (addressed as the user might type it).
#[derive(Debug, Clone)]
struct PlannedOverride {
    pick: usize,
    shout: bool,
    member: Option<String>,
}

fn planned_override() -> impl Strategy<Value = PlannedOverride> {
    (
        any::<usize>(),
        any::<bool>(),
        prop::option::of(prop::sample::select(vec![
            "ZhangWei", "lina", "Nobody", " Wang ", "=1+2",
        ])),
    )
        .prop_map(|(pick, shout, member)| PlannedOverride {
            pick,
            shout,
            member: member.map(str::to_string),
        })
}

#[derive(Debug, Clone)]
struct Case {
    exmail: Vec<Vec<String>>,
    wecom: Vec<Vec<String>>,
    overrides: Vec<PlannedOverride>,
    /// For each account, a type for the roster: None member, Some(false) other, Some(true) skip.
    roster: Option<Vec<u8>>,
    lang_en: bool,
    path_new: bool,
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(exmail_row(), 1..14),
        prop::collection::vec(wecom_row(), 0..10),
        prop::collection::vec(planned_override(), 0..4),
        prop::option::of(prop::collection::vec(0u8..4, 0..14)),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(exmail, wecom, overrides, roster, lang_en, path_new)| Case {
                exmail,
                wecom,
                overrides,
                roster,
                lang_en,
                path_new,
            },
        )
}

/// The distinct non-empty addresses of the exmail rows, normalised, in order.
fn expected_accounts(rows: &[Vec<String>]) -> Vec<String> {
    let mut seen = Vec::new();
    for r in rows {
        let a = normalise::address(&r[0]).into_owned();
        if !a.is_empty() && !seen.contains(&a) {
            seen.push(a);
        }
    }
    seen
}

struct Built {
    exmail: Vec<u8>,
    wecom: Vec<u8>,
    roster: Option<Vec<u8>>,
    options: Options,
    /// Account → the override planned for it.
    overrides: BTreeMap<String, Override>,
}

fn build(c: &Case) -> Built {
    let accounts = expected_accounts(&c.exmail);
    let mut options = Options::default();
    if c.lang_en {
        options.lang = roster_check::Lang::En;
    }
    if c.path_new {
        options.path = roster_check::UpgradePath::New;
    }
    let mut planned = BTreeMap::new();
    if !accounts.is_empty() {
        for o in &c.overrides {
            let account = &accounts[o.pick % accounts.len()];
            let key = if o.shout {
                format!(" {} ", account.to_uppercase())
            } else {
                account.clone()
            };
            let decision = match &o.member {
                Some(u) => Override::Member { userid: u.clone() },
                None => Override::Other,
            };
            // One decision per account: the key as typed may differ, the account may not.
            if planned.contains_key(account) {
                continue;
            }
            planned.insert(account.clone(), decision.clone());
            options.overrides.insert(key, decision);
        }
    }
    let roster = c.roster.as_ref().map(|types| {
        let rows: Vec<Vec<String>> = accounts
            .iter()
            .zip(types)
            .filter(|(_, &t)| t != 3)
            .map(|(a, &t)| {
                let kind = match t {
                    0 => "成员邮箱",
                    1 => "其他邮箱",
                    _ => "",
                };
                vec![a.clone(), kind.to_string()]
            })
            .collect();
        csv_bytes(&["邮箱地址", "邮箱类型"], &rows)
    });
    Built {
        exmail: csv_bytes(&EXMAIL_HEADER, &c.exmail),
        wecom: csv_bytes(&WECOM_HEADER, &c.wecom),
        roster,
        options,
        overrides: planned,
    }
}

fn run(b: &Built, roster: Option<&[u8]>) -> Result<Checked, roster_check::Error> {
    let inputs = Inputs {
        exmail: &b.exmail,
        wecom: Some(&b.wecom),
        roster,
    };
    check(&inputs, &b.options)
}

/// What an assignment decides, without the evidence.
fn decisions(c: &Checked) -> Vec<(String, AssignmentType, Option<String>)> {
    c.report
        .assignments
        .iter()
        .map(|a| (a.email.to_string(), a.kind, a.userid.map(str::to_string)))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn no_account_is_lost(c in case()) {
        let b = build(&c);
        let expected = expected_accounts(&c.exmail);
        let checked = match run(&b, b.roster.as_deref()) {
            Ok(checked) => checked,
            Err(e) => {
                // Only a file with no data row at all is refused.
                prop_assert!(e.to_string().starts_with("exmail file: no rows"), "{}", e);
                prop_assert!(c.exmail.iter().all(|r| r.iter().all(|x| x.trim().is_empty())));
                return Ok(());
            }
        };
        let r = &checked.report;
        let s = &r.summary;
        prop_assert_eq!(s.accounts, s.member + s.other + s.unassigned);
        prop_assert_eq!(r.assignments.len(), s.accounts);
        let got: Vec<&str> = r.assignments.iter().map(|a| a.email).collect();
        prop_assert_eq!(got, expected.iter().map(String::as_str).collect::<Vec<_>>());
        for a in &r.assignments {
            match a.kind {
                AssignmentType::Member => prop_assert!(a.matched_by.is_some(), "{:?}", a),
                AssignmentType::Other | AssignmentType::Unassigned => {
                    prop_assert!(a.userid.is_none(), "{:?}", a)
                }
            }
            if a.kind == AssignmentType::Unassigned {
                prop_assert!(b.roster.is_some(), "unassigned without a roster: {:?}", a);
            }
        }
    }

    #[test]
    fn output_is_deterministic(c in case()) {
        let b = build(&c);
        let (Ok(one), Ok(two)) = (run(&b, b.roster.as_deref()), run(&b, b.roster.as_deref())) else {
            return Ok(());
        };
        prop_assert_eq!(one.report.to_json(), two.report.to_json());
        for format in [ExportFormat::Csv, ExportFormat::Xlsx] {
            if format == ExportFormat::Xlsx && !cfg!(feature = "xlsx") {
                continue;
            }
            prop_assert!(one.export_roster(format).unwrap() == two.export_roster(format).unwrap());
            prop_assert!(one.export_findings(format).unwrap() == two.export_findings(format).unwrap());
        }
    }

    #[test]
    fn overrides_always_win(c in case()) {
        let b = build(&c);
        let Ok(checked) = run(&b, b.roster.as_deref()) else {
            return Ok(());
        };
        for (account, decision) in &b.overrides {
            let a = checked.report.assignments.iter().find(|a| a.email == account);
            let a = a.unwrap_or_else(|| panic!("no assignment for overridden {account}"));
            prop_assert_eq!(a.matched_by, Some(MatchedBy::Override), "{:?}", a);
            match decision {
                Override::Other => prop_assert_eq!(a.kind, AssignmentType::Other),
                Override::Member { userid } => {
                    prop_assert_eq!(a.kind, AssignmentType::Member);
                    let got = a.userid.unwrap_or_default();
                    prop_assert!(
                        got.trim().eq_ignore_ascii_case(userid.trim()),
                        "{:?} for {:?}", got, userid
                    );
                }
            }
        }
    }

    #[test]
    fn the_exported_roster_reads_back_to_the_same_assignments(c in case(), xlsx in any::<bool>()) {
        let b = build(&c);
        let Ok(first) = run(&b, b.roster.as_deref()) else {
            return Ok(());
        };
        let format = if xlsx && cfg!(feature = "xlsx") { ExportFormat::Xlsx } else { ExportFormat::Csv };
        let exported = first.export_roster(format).unwrap();
        let second = run(&b, Some(&exported)).unwrap();
        // Every account the first check decided is decided the same way from its own roster.
        // (One it left unassigned is written with an empty type, for the keys to fill in.)
        let after = decisions(&second);
        let before: Vec<_> = decisions(&first)
            .into_iter()
            .filter(|d| d.1 != AssignmentType::Unassigned)
            .collect();
        let after: Vec<_> = after
            .into_iter()
            .filter(|d| before.iter().any(|b| b.0 == d.0))
            .collect();
        prop_assert_eq!(before, after);
        prop_assert!(
            !second.report.findings.iter().any(|f| f.code() == "unknown-account"),
            "{:?}", second.report.findings.iter().filter(|f| f.code() == "unknown-account").collect::<Vec<_>>()
        );
    }

    #[test]
    fn normalisation_is_idempotent(s in "\\PC{0,24}", pieces in prop::collection::vec(
        prop::sample::select(vec![" ", "\u{3000}", "Ａ", "ｂ", "＠", "１", "A", "z", "@", ".", "+", "86", "138", "0", "-", "İ", "Σ", "ß", "\u{a0}", "\t", "E+10", "'", "＇", "=", "\r"]),
        0..12,
    )) {
        for raw in [s.clone(), pieces.concat()] {
            let t = normalise::text(&raw).into_owned();
            prop_assert_eq!(normalise::text(&t).into_owned(), t.clone());
            let a = normalise::address(&raw).into_owned();
            prop_assert_eq!(normalise::address(&a).into_owned(), a.clone());
            if let Some(k) = normalise::mobile(&raw).key() {
                let k = k.to_string();
                let again = normalise::mobile(&k).key().map(str::to_string);
                prop_assert_eq!(again, Some(k.clone()));
            }
        }
    }
}
