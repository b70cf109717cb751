//! Files laid out the way the consoles write them (`tests/fixtures/console/make.py`, formats.md):
//! the WeCom member export (instruction rows, 激活状态 and 禁用状态, numeric phones) as openpyxl and
//! LibreOffice write it, the API batch CSV, an older export with coded status, Traditional
//! headers, and the older GBK Exmail template.

use roster_check::report::Report;
use roster_check::{check, AssignmentType, Inputs, MatchedBy, Options};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/console/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn run(exmail: &str, wecom: &str) -> Report {
    let (e, w) = (fixture(exmail), fixture(wecom));
    let inputs = Inputs {
        exmail: &e,
        wecom: Some(&w),
        roster: None,
    };
    check(&inputs, &Options::default())
        .unwrap_or_else(|e| panic!("{exmail} + {wecom}: {e}"))
        .report
}

/// (WeCom row, value) of each `member-inactive`.
fn inactive(r: &Report) -> Vec<(u32, String)> {
    r.findings
        .iter()
        .filter(|f| f.code() == "member-inactive")
        .map(|f| (f.row.unwrap(), f.value.clone().unwrap_or_default()))
        .collect()
}

fn member(r: &Report, email: &str) -> (AssignmentType, Option<String>, Option<MatchedBy>) {
    let a = r.assignments.iter().find(|a| a.email == email).unwrap();
    (a.kind, a.userid.map(str::to_string), a.matched_by)
}

fn columns(r: &Report) -> Vec<(String, String)> {
    r.inputs.wecom.as_ref().unwrap().columns.clone()
}

#[test]
fn the_console_export_as_openpyxl_and_libreoffice_write_it() {
    for file in ["wecom_console.xlsx", "wecom_console_libreoffice.xlsx"] {
        let r = run("exmail.csv", file);
        let w = r.inputs.wecom.as_ref().unwrap();
        assert_eq!(
            (w.sheet.as_deref(), w.header_row, w.rows),
            (Some("成员列表"), Some(9), 6),
            "{file}"
        );
        assert_eq!(w.headers.len(), 14);
        let owned = columns(&r);
        let mapped: Vec<(&str, &str)> = owned
            .iter()
            .map(|(f, h)| (f.as_str(), h.as_str()))
            .collect();
        for pair in [
            ("userid", "账号"),
            ("mobile", "手机"),
            ("email", "邮箱"),
            ("status", "禁用状态"),
            ("activation", "激活状态"),
            ("department", "部门"),
        ] {
            assert!(mapped.contains(&pair), "{file}: {pair:?} in {mapped:?}");
        }
        // 微信插件 is the plugin's state, not a WeChat id.
        assert!(
            !mapped.iter().any(|(f, _)| *f == "wechat_id"),
            "{file}: {mapped:?}"
        );
        // Numeric phone cells match as text.
        for (email, userid) in [
            ("zhang.wei@example.cn", "ZhangWei"),
            ("li.na@example.cn", "LiNa"),
            ("wang.fang@example.cn", "WangFang"),
            ("liu.yang@example.cn", "LiuYang"),
        ] {
            let m = member(&r, email);
            assert_eq!(
                m,
                (
                    AssignmentType::Member,
                    Some(userid.into()),
                    Some(MatchedBy::Mobile)
                ),
                "{file}"
            );
        }
        // 已禁用 (禁用状态), 未激活 and 已退出 (激活状态): each decides; 未激活 is said apart.
        assert_eq!(
            inactive(&r),
            [
                (11, "已禁用".into()),
                (
                    12,
                    "尚未激活（还没有加入企业微信，加入后才能使用该邮箱）".into()
                ),
                (14, "已离职（已退出企业）".into()),
            ],
            "{file}"
        );
        // Department paths, several separated by `；`, are read leaf by leaf.
        assert!(
            !r.findings.iter().any(|f| f.code() == "department-settings"),
            "{file}"
        );
        assert!(
            !r.findings.iter().any(|f| f.code() == "column-guessed"),
            "{file}"
        );
    }
}

#[test]
fn a_renamed_userid_is_the_new_one_and_the_old_one_still_names_the_member() {
    let r = run("exmail.csv", "wecom_console.xlsx");
    assert_eq!(
        member(&r, "zhao.min@example.cn"),
        (
            AssignmentType::Member,
            Some("ZhaoMin2".into()),
            Some(MatchedBy::Mobile)
        )
    );
    // A roster (or an override) naming the member by its old userid finds it, and the
    // assignment carries the new one.
    let (e, w) = (fixture("exmail.csv"), fixture("wecom_console.xlsx"));
    let opts = Options::from_json(
        r#"{"overrides":{"partner@example.cn":{"type":"member","userid":"zhaomin"}}}"#,
    )
    .unwrap();
    let inputs = Inputs {
        exmail: &e,
        wecom: Some(&w),
        roster: None,
    };
    let r = check(&inputs, &opts).unwrap().report;
    let p = r
        .assignments
        .iter()
        .find(|a| a.email == "partner@example.cn")
        .unwrap();
    assert_eq!(p.userid, Some("ZhaoMin2"));
    assert!(r
        .findings
        .iter()
        .any(|f| f.code() == "member-claimed-twice"));
}

#[test]
fn each_part_of_a_rename_follows_the_userid_rule() {
    let e = "邮箱帐号,姓名\na@example.cn,甲\n";
    let w = "姓名,账号\n甲,_old:NewId\n乙,Good:坏\n丙,Fine:Fine2\n";
    let inputs = Inputs {
        exmail: e.as_bytes(),
        wecom: Some(w.as_bytes()),
        roster: None,
    };
    let r = check(&inputs, &Options::default()).unwrap().report;
    let invalid: Vec<(Option<u32>, String)> = r
        .findings
        .iter()
        .filter(|f| f.code() == "userid-invalid")
        .map(|f| (f.row, f.message(roster_check::Lang::Zh)))
        .collect();
    assert_eq!(invalid.len(), 2, "{invalid:?}");
    assert_eq!(invalid[0].0, Some(2));
    assert!(invalid[0].1.contains("冒号前的原账号"), "{}", invalid[0].1);
    assert_eq!(invalid[1].0, Some(3));
    assert!(invalid[1].1.contains("冒号后的新账号"), "{}", invalid[1].1);
}

#[test]
fn the_api_batch_csv() {
    let r = run("exmail.csv", "wecom_api_batch.csv");
    let mapped = columns(&r);
    assert!(
        mapped.contains(&("status".into(), "禁用".into())),
        "{mapped:?}"
    );
    assert!(
        mapped.contains(&("userid".into(), "帐号".into())),
        "{mapped:?}"
    );
    // 禁用 = 1 is a disabled member; 所在部门 holds ids, never compared as names.
    assert_eq!(inactive(&r), [(3, "已禁用".into())]);
    assert!(!r.findings.iter().any(|f| f.code() == "department-settings"));
}

#[test]
fn an_older_export_with_coded_activation_and_status_words() {
    let r = run("exmail.csv", "wecom_old_export.xlsx");
    let mapped = columns(&r);
    assert!(
        mapped.contains(&("userid".into(), "成员帐号".into())),
        "{mapped:?}"
    );
    assert!(
        mapped.contains(&("biz_mail".into(), "企业邮箱".into())),
        "{mapped:?}"
    );
    assert!(
        mapped.contains(&("activation".into(), "激活状态,0:已激活,9:未激活".into())),
        "{mapped:?}"
    );
    assert_eq!(
        member(&r, "zhang.wei@example.cn"),
        (
            AssignmentType::Member,
            Some("ZhangWei".into()),
            Some(MatchedBy::BizMail)
        )
    );
    // 退出企业 and 离职 are gone; the code 9 is 未激活.
    let rows: Vec<u32> = inactive(&r).into_iter().map(|(row, _)| row).collect();
    assert_eq!(rows, [3, 4, 5]);
}

#[test]
fn traditional_headers_and_status_words() {
    let r = run("exmail_traditional.csv", "wecom_traditional.csv");
    let e = &r.inputs.exmail.columns;
    for pair in [
        ("email", "郵箱帳號"),
        ("mobile", "手機"),
        ("department", "部門"),
        ("alias", "別名"),
    ] {
        assert!(e.contains(&(pair.0.into(), pair.1.into())), "{e:?}");
    }
    let mapped = columns(&r);
    for pair in [
        ("userid", "帳號"),
        ("status", "禁用狀態"),
        ("activation", "激活狀態"),
    ] {
        assert!(
            mapped.contains(&(pair.0.into(), pair.1.into())),
            "{mapped:?}"
        );
    }
    assert_eq!(r.summary.member, 3);
    // 已禁用 and 已離職; the Exmail account 已停用 is a disabled account.
    assert_eq!(inactive(&r).len(), 2);
    assert!(r.findings.iter().any(|f| f.code() == "disabled-account"));
    assert!(!r.findings.iter().any(|f| f.code() == "name-mismatch"));
}

#[test]
fn the_older_exmail_template_in_gbk() {
    let r = run("exmail_old_gbk.csv", "wecom_console.xlsx");
    let e = &r.inputs.exmail;
    assert_eq!(e.encoding.as_deref(), Some("gb18030"));
    assert!(
        e.columns.contains(&("email".into(), "帐号".into())),
        "{:?}",
        e.columns
    );
    // The first of the two 电话 columns, the mobile one.
    assert!(e.columns.contains(&("mobile".into(), "电话".into())));
    assert_eq!(r.summary.member, 3);
}
