//! Path `new` (未注册企业微信，快速注册并升级) from the Exmail list alone: there is no WeCom yet, so
//! no contacts file; every account is proposed as a member unless the roster or an override
//! says other, and every other rule still runs. On path `bind` the WeCom file is required.

mod support;

use roster_check::{check, AssignmentType, Inputs, Lang, MatchedBy};
use support::*;

const NEW: &str = r#"{"path":"new","enterprise_name":"深圳市示达科技有限公司"}"#;

#[test]
fn every_account_is_proposed_as_a_member() {
    let r = run_exmail_only(&exmail_rows(), None, NEW);
    for a in &r.assignments {
        assert_eq!(
            (a.kind, a.matched_by, a.userid, a.evidence),
            (AssignmentType::Member, Some(MatchedBy::PathNew), None, None),
            "{}",
            a.email
        );
    }
    let s = &r.summary;
    assert_eq!((s.accounts, s.member, s.other, s.unassigned), (3, 3, 0, 0));
    assert_eq!(s.wecom_members, 0);
    assert!(r.inputs.wecom.is_none());
    assert!(s.importable, "{:?}", r.findings);
    assert!(r.to_json().contains("\"wecom\":null"));
    assert!(r.to_json().contains("\"matched_by\":\"path_new\""));
}

#[test]
fn a_wecom_file_on_path_new_still_matches_and_proposes_the_rest() {
    let r = run_rows(&exmail_rows(), &wecom_rows(), None, NEW);
    let z = assignment(&r, "zhang.wei@acme.cn");
    assert_eq!(
        (z.userid, z.matched_by),
        (Some("ZhangWei"), Some(MatchedBy::WechatId))
    );
    let p = assignment(&r, "partner.wang@acme.cn");
    assert_eq!(
        (p.kind, p.matched_by),
        (AssignmentType::Member, Some(MatchedBy::PathNew))
    );
}

#[test]
fn the_roster_and_overrides_make_other_mailboxes() {
    let roster = csv(
        "邮箱地址,姓名,邮箱类型",
        &[
            "zhang.wei@acme.cn,张伟,成员邮箱",
            "li.na@acme.cn,李娜,",
            "partner.wang@acme.cn,合作方-王,其他邮箱",
        ],
    );
    let r = run_exmail_only(&exmail_rows(), Some(&roster), NEW);
    let kinds: Vec<_> = r
        .assignments
        .iter()
        .map(|a| (a.kind, a.matched_by))
        .collect();
    assert_eq!(
        kinds,
        [
            (AssignmentType::Member, Some(MatchedBy::Roster)),
            (AssignmentType::Member, Some(MatchedBy::PathNew)), // an empty type cell
            (AssignmentType::Other, Some(MatchedBy::Roster)),
        ]
    );
    let opts = r#"{"path":"new","enterprise_name":"深圳市示达科技有限公司",
        "overrides":{"li.na@acme.cn":{"type":"other"}}}"#;
    let r = run_exmail_only(&exmail_rows(), None, opts);
    let li = assignment(&r, "li.na@acme.cn");
    assert_eq!(
        (li.kind, li.matched_by),
        (AssignmentType::Other, Some(MatchedBy::Override))
    );
    assert!(has(&r, "other-mailbox-login"));
}

#[test]
fn the_other_rules_run_on_path_new_too() {
    let roster = csv(
        "邮箱地址,姓名,邮箱类型",
        &[
            "zhang.wei@acme.cn,张伟,成员邮箱",
            "zhang.wei@acme.cn,张伟,其他邮箱",
            "li.na@acme.cn,李娜,其他邮箱",
            "partner.wang@acme.cn,合作方-王,其他邮箱",
            "bad..address@acme.cn,坏,其他邮箱",
            "mangled@acme.cn,某,其他邮箱",
            "off@acme.cn,停,成员邮箱",
        ],
    );
    let mut rows = exmail_rows();
    rows.push("bad..address@acme.cn,坏,,,,正常");
    rows.push("mangled@acme.cn,某,1.38E+10,,,正常");
    rows.push("off@acme.cn,停,,,,禁用");
    rows.push("Zhang.Wei@acme.cn,张伟,,,,正常");
    rows.push("elsewhere@other.com,外,,,,正常");
    let opts =
        r#"{"path":"new","enterprise_name":"示达","advanced_quota":2,"domains":["acme.cn"]}"#;
    let r = run_exmail_only(&rows, Some(&roster), opts);
    for code in [
        "listed-as-both",
        "quota-exceeded",
        "enterprise-name",
        "email-invalid",
        "mobile-mangled",
        "disabled-account",
        "email-duplicate",
        "email-foreign-domain",
        "unassigned-account",
        "irreversible",
    ] {
        assert!(has(&r, code), "{code}: {:?}", r.findings);
    }
    // Listed as both: path new keeps it other, as the guide says.
    assert_eq!(
        assignment(&r, "zhang.wei@acme.cn").kind,
        AssignmentType::Other
    );
    // Nothing about a target WeCom that does not exist.
    for code in [
        "member-not-in-wecom",
        "target-mail-deleted",
        "wecom-member-no-mailbox",
        "not-migrated",
    ] {
        assert!(!has(&r, code), "{code}");
    }
}

#[test]
fn path_bind_without_the_wecom_file_is_refused_saying_where_it_comes_from() {
    let e = csv(EXMAIL_HEADER, &exmail_rows());
    let inputs = Inputs {
        exmail: &e,
        wecom: None,
        roster: None,
    };
    let err = check(&inputs, &options("{}")).unwrap_err();
    assert_eq!(err.code(), "wecom-required");
    assert_eq!(err.file(), Some(roster_check::FileKind::Wecom));
    assert!(err.to_string().starts_with("wecom file: missing"), "{err}");
    let zh = err.message(Lang::Zh);
    assert!(
        zh.contains("通讯录 → 批量导入/导出 → 文件导出") && zh.contains("new"),
        "{zh}"
    );
    assert!(err
        .message(Lang::En)
        .contains("If the company has no WeCom yet"));
}
