//! One test per rule code that triggers it, and one that must not (`shared/spec/upgrade-rules.md`).

mod support;

use roster_check::{AssignmentType, MatchedBy, RULES};
use support::*;

/// Every code in the catalogue has a trigger test below: the names follow `<code>_triggers`.
#[test]
fn every_code_has_a_trigger_test() {
    let source = include_str!("rules.rs");
    for rule in RULES {
        let name = format!("fn {}_triggers", rule.name.replace('-', "_"));
        assert!(source.contains(&name), "no test named {name}");
        let quiet = format!("fn {}_quiet", rule.name.replace('-', "_"));
        assert!(source.contains(&quiet), "no test named {quiet}");
    }
}

#[test]
fn clean_company_matches_as_expected() {
    let r = run_base("{}");
    let z = assignment(&r, "zhang.wei@acme.cn");
    assert_eq!(
        (z.kind, z.userid, z.matched_by),
        (
            AssignmentType::Member,
            Some("ZhangWei"),
            Some(MatchedBy::WechatId)
        )
    );
    let l = assignment(&r, "li.na@acme.cn");
    assert_eq!(
        (l.kind, l.userid, l.matched_by),
        (
            AssignmentType::Member,
            Some("LiNa"),
            Some(MatchedBy::BizMail)
        )
    );
    let p = assignment(&r, "partner.wang@acme.cn");
    assert_eq!(
        (p.kind, p.userid, p.matched_by),
        (AssignmentType::Other, None, None)
    );
    assert_eq!(
        (
            r.summary.accounts,
            r.summary.member,
            r.summary.other,
            r.summary.unassigned
        ),
        (3, 2, 1, 0)
    );
    assert_eq!(r.summary.errors, 0, "{:?}", r.findings);
    assert!(r.summary.importable);
}

fn roster(rows: &[&str]) -> Vec<u8> {
    csv("邮箱地址,姓名,邮箱类型,企业微信账号", rows)
}

const FULL_ROSTER: [&str; 3] = [
    "zhang.wei@acme.cn,张伟,成员邮箱,ZhangWei",
    "li.na@acme.cn,李娜,成员邮箱,LiNa",
    "partner.wang@acme.cn,合作方-王,其他邮箱,",
];

// ---- guide rules ----

#[test]
fn unassigned_account_triggers() {
    let r = run_rows(
        &exmail_rows(),
        &wecom_rows(),
        Some(&roster(&FULL_ROSTER[..2])),
        "{}",
    );
    assert_eq!(
        rows_of(&r, "unassigned-account"),
        [("exmail".into(), Some(4))]
    );
    assert_eq!(
        assignment(&r, "partner.wang@acme.cn").kind,
        AssignmentType::Unassigned
    );
    assert_eq!(r.summary.unassigned, 1);
    assert!(!r.summary.importable);
}

#[test]
fn unassigned_account_quiet() {
    let r = run_rows(
        &exmail_rows(),
        &wecom_rows(),
        Some(&roster(&FULL_ROSTER)),
        "{}",
    );
    assert!(!has(&r, "unassigned-account"));
    assert_eq!(r.summary.errors, 0, "{:?}", r.findings);
    // An override settles an account the roster left out.
    let r = run_rows(
        &exmail_rows(),
        &wecom_rows(),
        Some(&roster(&FULL_ROSTER[..2])),
        r#"{"overrides":{"partner.wang@acme.cn":{"type":"other"}}}"#,
    );
    assert!(!has(&r, "unassigned-account"));
    assert_eq!(
        assignment(&r, "partner.wang@acme.cn").matched_by,
        Some(MatchedBy::Override)
    );
}

#[test]
fn unknown_account_triggers() {
    let mut rows = FULL_ROSTER.to_vec();
    rows.push("ghost@acme.cn,幽灵,其他邮箱,");
    let r = run_rows(&exmail_rows(), &wecom_rows(), Some(&roster(&rows)), "{}");
    assert_eq!(rows_of(&r, "unknown-account"), [("roster".into(), Some(5))]);
    let r = run_base(r#"{"overrides":{"ghost@acme.cn":{"type":"other"}}}"#);
    assert_eq!(rows_of(&r, "unknown-account"), [("options".into(), None)]);
}

#[test]
fn unknown_account_quiet() {
    let r = run_rows(
        &exmail_rows(),
        &wecom_rows(),
        Some(&roster(&FULL_ROSTER)),
        "{}",
    );
    assert!(!has(&r, "unknown-account"));
}

#[test]
fn member_not_in_wecom_triggers() {
    let mut rows = FULL_ROSTER.to_vec();
    rows[2] = "partner.wang@acme.cn,合作方-王,成员邮箱,NoSuchUser";
    let r = run_rows(&exmail_rows(), &wecom_rows(), Some(&roster(&rows)), "{}");
    assert_eq!(
        rows_of(&r, "member-not-in-wecom"),
        [("exmail".into(), Some(4))]
    );
    let r =
        run_base(r#"{"overrides":{"partner.wang@acme.cn":{"type":"member","userid":"Ghost"}}}"#);
    assert!(has(&r, "member-not-in-wecom"));
}

#[test]
fn member_not_in_wecom_quiet() {
    // Path new creates the members: nothing to look up.
    let r = run_base(
        r#"{"path":"new","enterprise_name":"深圳市示达科技有限公司","overrides":{"partner.wang@acme.cn":{"type":"member","userid":"Ghost"}}}"#,
    );
    assert!(!has(&r, "member-not-in-wecom"));
    // A userid differing only in case is the same WeCom member.
    let r =
        run_base(r#"{"overrides":{"partner.wang@acme.cn":{"type":"member","userid":"zhangwei"}}}"#);
    assert!(!has(&r, "member-not-in-wecom"));
}

#[test]
fn listed_as_both_triggers() {
    let mut rows = FULL_ROSTER.to_vec();
    rows.push("partner.wang@acme.cn,合作方-王,成员邮箱,");
    let r = run_rows(&exmail_rows(), &wecom_rows(), Some(&roster(&rows)), "{}");
    assert_eq!(rows_of(&r, "listed-as-both"), [("roster".into(), Some(5))]);
    assert_eq!(
        assignment(&r, "partner.wang@acme.cn").kind,
        AssignmentType::Member,
        "bind: ends as member"
    );
    let r = run_rows(
        &exmail_rows(),
        &wecom_rows(),
        Some(&roster(&rows)),
        r#"{"path":"new"}"#,
    );
    assert_eq!(
        assignment(&r, "partner.wang@acme.cn").kind,
        AssignmentType::Other,
        "new: ends as other"
    );
}

#[test]
fn listed_as_both_quiet() {
    let mut rows = FULL_ROSTER.to_vec();
    rows.push("partner.wang@acme.cn,合作方-王,其他邮箱,"); // listed twice, same list
    let r = run_rows(&exmail_rows(), &wecom_rows(), Some(&roster(&rows)), "{}");
    assert!(!has(&r, "listed-as-both"));
}

#[test]
fn quota_exceeded_triggers() {
    let r = run_base(r#"{"advanced_quota":0}"#);
    let f = r
        .findings
        .iter()
        .find(|f| f.code() == "quota-exceeded")
        .expect("quota-exceeded");
    assert_eq!(f.value.as_deref(), Some("1"));
    assert!(
        f.message(roster_check::Lang::Zh).contains('1'),
        "{}",
        f.message(roster_check::Lang::Zh)
    );
}

#[test]
fn quota_exceeded_quiet() {
    assert!(!has(&run_base(r#"{"advanced_quota":1}"#), "quota-exceeded"));
    assert!(
        !has(&run_base("{}"), "quota-exceeded"),
        "unknown quota: nothing to say"
    );
}

#[test]
fn department_settings_triggers() {
    let mut e = exmail_rows();
    e[2] = "partner.wang@acme.cn,合作方-王,,,公司/合作伙伴部,正常";
    let r = run_rows(&e, &wecom_rows(), None, "{}");
    let f = r
        .findings
        .iter()
        .find(|f| f.code() == "department-settings")
        .expect("department-settings");
    assert_eq!(f.value.as_deref(), Some("合作伙伴部"));
}

#[test]
fn department_settings_quiet() {
    assert!(!has(&run_base("{}"), "department-settings"));
    // WeCom API files hold department ids: nothing to compare.
    let w = [
        "张伟,ZhangWei,13800138000,,,wx_zhangwei,2,1",
        "李娜,LiNa,13900139000,,li.na@acme.cn,,3,1",
    ];
    assert!(!has(
        &run_rows(&exmail_rows(), &w, None, "{}"),
        "department-settings"
    ));
}

#[test]
fn feature_dropped_triggers() {
    let r = run_base(r#"{"features_in_use":["netdisk","rtx"]}"#);
    assert_eq!(rows_of(&r, "feature-dropped").len(), 2);
}

#[test]
fn unknown_feature_is_refused() {
    let e = csv(EXMAIL_HEADER, &exmail_rows());
    let w = csv(WECOM_HEADER, &wecom_rows());
    let inputs = roster_check::Inputs {
        exmail: &e,
        wecom: Some(&w),
        roster: None,
    };
    let err =
        roster_check::check(&inputs, &options(r#"{"features_in_use":["netdsk"]}"#)).unwrap_err();
    assert!(err.to_string().contains("netdsk"), "{err}");
}

#[test]
fn irreversible_triggers() {
    assert!(has(&run_base("{}"), "irreversible"));
    assert!(has(&run_base(r#"{"path":"new"}"#), "irreversible"));
}

#[test]
fn irreversible_quiet() {
    // Always on: its "quiet" case is that it is info, never blocking.
    let r = run_base("{}");
    assert!(r
        .findings
        .iter()
        .filter(|f| f.code() == "irreversible")
        .all(|f| f.severity() == roster_check::Severity::Info));
    assert!(r.summary.importable);
}

#[test]
fn enterprise_name_triggers() {
    assert!(has(&run_base(r#"{"path":"new"}"#), "enterprise-name"));
    assert!(has(
        &run_base(r#"{"path":"new","enterprise_name":"测试公司"}"#),
        "enterprise-name"
    ));
}

#[test]
fn enterprise_name_quiet() {
    assert!(!has(
        &run_base(r#"{"path":"new","enterprise_name":"深圳市示达科技有限公司"}"#),
        "enterprise-name"
    ));
    assert!(
        !has(&run_base("{}"), "enterprise-name"),
        "path bind: the name is the target's"
    );
}

#[test]
fn other_mailbox_login_triggers() {
    let r = run_base("{}");
    assert_eq!(
        rows_of(&r, "other-mailbox-login"),
        [("exmail".into(), Some(4))]
    );
}

#[test]
fn other_mailbox_login_quiet() {
    let e = &exmail_rows()[..2];
    assert!(!has(
        &run_rows(e, &wecom_rows(), None, "{}"),
        "other-mailbox-login"
    ));
}

#[test]
fn wecom_member_no_mailbox_triggers() {
    let mut w = wecom_rows();
    w.push("赵敏,ZhaoMin,13700137000,,,,研发部,1");
    let r = run_rows(&exmail_rows(), &w, None, "{}");
    assert_eq!(
        rows_of(&r, "wecom-member-no-mailbox"),
        [("wecom".into(), Some(4))]
    );
}

#[test]
fn wecom_member_no_mailbox_quiet() {
    assert!(!has(&run_base("{}"), "wecom-member-no-mailbox"));
    let mut w = wecom_rows();
    w.push("赵敏,ZhaoMin,13700137000,,,,研发部,1");
    assert!(!has(
        &run_rows(&exmail_rows(), &w, None, r#"{"path":"new"}"#),
        "wecom-member-no-mailbox"
    ));
}

// ---- the rules that follow from the options alone: one table, each code's two tests read it ----

/// Each code, the options that must trigger it and the options that must not.
const CONTEXT_RULES: &[(&str, &[&str], &[&str])] = &[
    (
        "target-is-paid",
        &[r#"{"target_paid":true}"#],
        &["{}", r#"{"target_paid":true,"path":"new"}"#],
    ),
    ("target-mail-deleted", &["{}"], &[r#"{"path":"new"}"#]),
    (
        "wecom-api-email-param",
        &[r#"{"wecom_api_email_param":true}"#],
        &["{}", r#"{"wecom_api_email_param":true,"path":"new"}"#],
    ),
    (
        "both-contacts-apis",
        &[r#"{"exmail_contacts_api":true,"wecom_contacts_api":true}"#],
        &[
            r#"{"wecom_contacts_api":true}"#,
            r#"{"exmail_contacts_api":true}"#,
        ],
    ),
    (
        "department-backup-rules",
        &[r#"{"department_backup_rules":true}"#],
        &["{}"],
    ),
    (
        "feature-dropped",
        &[r#"{"features_in_use":["rtx"]}"#],
        &[r#"{"features_in_use":["sso"]}"#],
    ),
    (
        "feature-pending",
        &[r#"{"features_in_use":["sso"]}"#],
        &[r#"{"features_in_use":["netdisk"]}"#],
    ),
    ("do-not-edit-contacts", &["{}"], &[r#"{"path":"new"}"#]),
];

/// `code` appears (`triggers`) or not under each of its options in [`CONTEXT_RULES`].
fn context_rule(code: &str, triggers: bool) {
    let (_, on, off) = CONTEXT_RULES
        .iter()
        .find(|(c, _, _)| *c == code)
        .unwrap_or_else(|| panic!("{code} is not in CONTEXT_RULES"));
    for options in if triggers { *on } else { *off } {
        assert_eq!(
            has(&run_base(options), code),
            triggers,
            "{code} with {options}"
        );
    }
}

#[test]
fn target_is_paid_triggers() {
    context_rule("target-is-paid", true);
}

#[test]
fn target_is_paid_quiet() {
    context_rule("target-is-paid", false);
}

#[test]
fn target_mail_deleted_triggers() {
    context_rule("target-mail-deleted", true);
}

#[test]
fn target_mail_deleted_quiet() {
    context_rule("target-mail-deleted", false);
}

#[test]
fn wecom_api_email_param_triggers() {
    context_rule("wecom-api-email-param", true);
}

#[test]
fn wecom_api_email_param_quiet() {
    context_rule("wecom-api-email-param", false);
}

#[test]
fn both_contacts_apis_triggers() {
    context_rule("both-contacts-apis", true);
}

#[test]
fn both_contacts_apis_quiet() {
    context_rule("both-contacts-apis", false);
}

#[test]
fn department_backup_rules_triggers() {
    context_rule("department-backup-rules", true);
}

#[test]
fn department_backup_rules_quiet() {
    context_rule("department-backup-rules", false);
}

#[test]
fn feature_dropped_quiet() {
    context_rule("feature-dropped", false);
}

#[test]
fn feature_pending_triggers() {
    context_rule("feature-pending", true);
}

#[test]
fn feature_pending_quiet() {
    context_rule("feature-pending", false);
}

#[test]
fn do_not_edit_contacts_triggers() {
    context_rule("do-not-edit-contacts", true);
}

#[test]
fn do_not_edit_contacts_quiet() {
    context_rule("do-not-edit-contacts", false);
}

// ---- data quality ----

#[test]
fn missing_column_triggers() {
    let e = csv("姓名,手机", &["张伟,13800138000"]);
    let w = csv(WECOM_HEADER, &wecom_rows());
    let r = run_bytes(&e, &w, None, "{}");
    let f = r
        .findings
        .iter()
        .find(|f| f.code() == "missing-column")
        .expect("missing-column");
    assert_eq!(f.file.map(|k| k.as_str()), Some("exmail"));
    assert!(
        f.value.as_deref().unwrap_or("").contains("姓名"),
        "lists the headers seen: {f:?}"
    );
    let w = csv("姓名,手机", &["张伟,13800138000"]);
    let e = csv(EXMAIL_HEADER, &exmail_rows());
    assert_eq!(
        rows_of(&run_bytes(&e, &w, None, "{}"), "missing-column"),
        [("wecom".into(), None)]
    );
}

#[test]
fn missing_column_quiet() {
    assert!(!has(&run_base("{}"), "missing-column"));
}

#[test]
fn email_invalid_triggers() {
    let mut e = exmail_rows();
    e.push("zhang..san@acme.cn,张三,,,,");
    e.push("-li@acme.cn,李四,,,,");
    e.push(",王五,13600136000,,,");
    e.push("wangwu-at-acme.cn,王五,,,,");
    let r = run_rows(&e, &wecom_rows(), None, "{}");
    let rows: Vec<_> = rows_of(&r, "email-invalid")
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    assert_eq!(rows, [Some(5), Some(6), Some(7), Some(8)]);
    // Kept as accounts (never lost), except the row with no address at all.
    assert_eq!(r.summary.accounts, 6);
    let mut w = wecom_rows();
    w.push("赵敏,ZhaoMin,13700137000,,zhao--min@acme.cn,,研发部,1");
    assert_eq!(
        rows_of(&run_rows(&exmail_rows(), &w, None, "{}"), "email-invalid"),
        [("wecom".into(), Some(4))]
    );
}

#[test]
fn email_invalid_quiet() {
    assert!(!has(&run_base("{}"), "email-invalid"));
}

#[test]
fn email_duplicate_triggers() {
    let mut e = exmail_rows();
    e.push("Zhang.Wei@ACME.cn,张伟,,,,");
    let r = run_rows(&e, &wecom_rows(), None, "{}");
    assert_eq!(rows_of(&r, "email-duplicate"), [("exmail".into(), Some(5))]);
    assert_eq!(r.summary.accounts, 3, "one assignment per distinct address");
}

#[test]
fn email_duplicate_quiet() {
    assert!(!has(&run_base("{}"), "email-duplicate"));
}

#[test]
fn email_foreign_domain_triggers() {
    let mut e = exmail_rows();
    e.extend([
        "a@acme.cn,甲,,,,",
        "b@acme.cn,乙,,,,",
        "c@acme.cn,丙,,,,",
        "d@acme.cn,丁,,,,",
        "e@acme.cn,戊,,,,",
        "f@acme.cn,己,,,,",
        "g@acme.cn,庚,,,,",
    ]);
    e.push("x@other-corp.com,外人,,,,");
    let r = run_rows(&e, &wecom_rows(), None, "{}");
    assert_eq!(
        rows_of(&r, "email-foreign-domain"),
        [("exmail".into(), Some(12))]
    );
    let r = run_base(r#"{"domains":["acme.com.cn"]}"#);
    assert_eq!(rows_of(&r, "email-foreign-domain").len(), 3);
}

#[test]
fn email_foreign_domain_quiet() {
    assert!(!has(&run_base("{}"), "email-foreign-domain"));
    assert!(!has(
        &run_base(r#"{"domains":["ACME.cn"]}"#),
        "email-foreign-domain"
    ));
}

#[test]
fn userid_duplicate_triggers() {
    let mut w = wecom_rows();
    w.push("张伟2,zhangwei,13700137000,,,,研发部,1");
    assert_eq!(
        rows_of(
            &run_rows(&exmail_rows(), &w, None, "{}"),
            "userid-duplicate"
        ),
        [("wecom".into(), Some(4))]
    );
}

#[test]
fn userid_duplicate_quiet() {
    assert!(!has(&run_base("{}"), "userid-duplicate"));
}

#[test]
fn userid_invalid_triggers() {
    let mut w = wecom_rows();
    w.push("赵敏,_zhaomin,13700137000,,,,研发部,1");
    w.push("钱七,钱七,13700137001,,,,研发部,1");
    let r = run_rows(&exmail_rows(), &w, None, "{}");
    assert_eq!(rows_of(&r, "userid-invalid").len(), 2);
}

#[test]
fn userid_invalid_quiet() {
    let mut w = wecom_rows();
    w.push("赵敏,zhao.min@acme-1,13700137000,,,,研发部,1");
    assert!(!has(
        &run_rows(&exmail_rows(), &w, None, "{}"),
        "userid-invalid"
    ));
}

#[test]
fn member_inactive_triggers() {
    let w = [
        "张伟,ZhangWei,13800138000,,,wx_zhangwei,研发部,5",
        "李娜,LiNa,13900139000,,li.na@acme.cn,,市场部,已禁用",
    ];
    let r = run_rows(&exmail_rows(), &w, None, "{}");
    assert_eq!(rows_of(&r, "member-inactive").len(), 2);
    // Not activated yet (status 4, 未激活): a member who cannot use the mailbox until they
    // join, said in its own words.
    let w = [
        "张伟,ZhangWei,13800138000,,,wx_zhangwei,研发部,4",
        "李娜,LiNa,13900139000,,li.na@acme.cn,,市场部,1",
    ];
    let r = run_rows(&exmail_rows(), &w, None, "{}");
    assert_eq!(rows_of(&r, "member-inactive"), [("wecom".into(), Some(2))]);
    let f = r
        .findings
        .iter()
        .find(|f| f.code() == "member-inactive")
        .unwrap();
    assert!(
        f.message(roster_check::Lang::Zh).contains("尚未激活"),
        "{}",
        f.message(roster_check::Lang::Zh)
    );
}

#[test]
fn member_inactive_quiet() {
    // Active members get mailboxes; a disabled member with none is no finding.
    let mut w = wecom_rows();
    w.push("赵敏,ZhaoMin,13700137000,,,,研发部,已禁用");
    assert!(!has(
        &run_rows(&exmail_rows(), &w, None, "{}"),
        "member-inactive"
    ));
}

#[test]
fn ambiguous_key_triggers() {
    // Two WeCom members share zhang's WeChat id: neither is matched by it.
    let mut w = wecom_rows();
    w.push("张伟,ZhangWei2,13700137000,,,wx_zhangwei,研发部,1");
    let r = run_rows(&exmail_rows(), &w, None, "{}");
    assert_eq!(
        rows_of(&r, "ambiguous-key"),
        [("wecom".into(), Some(2)), ("wecom".into(), Some(4))]
    );
    let z = assignment(&r, "zhang.wei@acme.cn");
    // The mobile still links zhang to exactly one member.
    assert_eq!(
        (z.userid, z.matched_by),
        (Some("ZhangWei"), Some(MatchedBy::Mobile))
    );
}

#[test]
fn ambiguous_key_on_the_exmail_side_triggers() {
    // Two accounts share zhang's WeChat id: the one member holding it matches neither by it.
    let mut e = exmail_rows();
    e.push("zw2@acme.cn,张伟二,,wx_zhangwei,研发部,正常");
    let r = run_rows(&e, &wecom_rows(), None, "{}");
    assert_eq!(
        rows_of(&r, "ambiguous-key"),
        [("exmail".into(), Some(2)), ("exmail".into(), Some(5))]
    );
    let z = assignment(&r, "zhang.wei@acme.cn");
    assert_eq!(
        (z.userid, z.matched_by),
        (Some("ZhangWei"), Some(MatchedBy::Mobile))
    );
    assert_eq!(assignment(&r, "zw2@acme.cn").kind, AssignmentType::Other);
}

#[test]
fn ambiguous_key_quiet() {
    assert!(!has(&run_base("{}"), "ambiguous-key"));
}

#[test]
fn member_claimed_twice_triggers() {
    // wang's address is ZhangWei's personal address, but zhang's WeChat id took ZhangWei first.
    let w = [
        "张伟,ZhangWei,13800138000,partner.wang@acme.cn,,wx_zhangwei,研发部,1",
        "李娜,LiNa,13900139000,,li.na@acme.cn,,市场部,1",
    ];
    let r = run_rows(&exmail_rows(), &w, None, "{}");
    assert_eq!(
        rows_of(&r, "member-claimed-twice"),
        [("exmail".into(), Some(4))]
    );
    assert_eq!(
        assignment(&r, "partner.wang@acme.cn").kind,
        AssignmentType::Other
    );
    // Two overrides naming one member.
    let r = run_base(
        r#"{"overrides":{"partner.wang@acme.cn":{"type":"member","userid":"LiNa"},"li.na@acme.cn":{"type":"member","userid":"LiNa"}}}"#,
    );
    assert!(has(&r, "member-claimed-twice"));
}

#[test]
fn member_claimed_twice_quiet() {
    assert!(!has(&run_base("{}"), "member-claimed-twice"));
    // An override that moves a member demotes the key match silently? No: it is reported,
    // unless the admin also settles the other account.
    let r = run_base(
        r#"{"overrides":{"partner.wang@acme.cn":{"type":"member","userid":"LiNa"},"li.na@acme.cn":{"type":"other"}}}"#,
    );
    assert!(!has(&r, "member-claimed-twice"), "{:?}", r.findings);
}

#[test]
fn name_mismatch_triggers() {
    let w = [
        "张伟,ZhangWei,13800138000,,,wx_zhangwei,研发部,1",
        "李丽,LiNa,13900139000,,li.na@acme.cn,,市场部,1",
    ];
    let r = run_rows(&exmail_rows(), &w, None, "{}");
    assert_eq!(rows_of(&r, "name-mismatch"), [("exmail".into(), Some(3))]);
}

#[test]
fn name_mismatch_quiet() {
    assert!(!has(&run_base("{}"), "name-mismatch"));
    let w = [
        "张 伟,ZhangWei,13800138000,,,wx_zhangwei,研发部,1",
        "李娜,LiNa,13900139000,,li.na@acme.cn,,市场部,1",
    ];
    assert!(!has(
        &run_rows(&exmail_rows(), &w, None, "{}"),
        "name-mismatch"
    ));
}

#[test]
fn mobile_invalid_triggers() {
    let mut e = exmail_rows();
    e[1] = "li.na@acme.cn,李娜,1390013,,市场部,正常";
    assert_eq!(
        rows_of(&run_rows(&e, &wecom_rows(), None, "{}"), "mobile-invalid"),
        [("exmail".into(), Some(3))]
    );
}

#[test]
fn mobile_invalid_quiet() {
    let mut e = exmail_rows();
    e[1] = "li.na@acme.cn,李娜,+86 139-0013-9000,,市场部,正常";
    assert!(!has(
        &run_rows(&e, &wecom_rows(), None, "{}"),
        "mobile-invalid"
    ));
}

#[test]
fn mobile_mangled_triggers() {
    let mut e = exmail_rows();
    e[1] = "li.na@acme.cn,李娜,1.39001E+10,,市场部,正常";
    e[2] = "partner.wang@acme.cn,合作方-王,13630600000,,,正常";
    let r = run_rows(&e, &wecom_rows(), None, "{}");
    assert_eq!(
        rows_of(&r, "mobile-mangled"),
        [("exmail".into(), Some(3)), ("exmail".into(), Some(4))]
    );
    assert!(!r.summary.importable);
}

#[test]
fn mobile_mangled_quiet() {
    let mut e = exmail_rows();
    e[1] = "li.na@acme.cn,李娜,13900139000.0,,市场部,正常";
    assert!(!has(
        &run_rows(&e, &wecom_rows(), None, "{}"),
        "mobile-mangled"
    ));
}

#[test]
fn mobile_duplicate_triggers() {
    let mut w = wecom_rows();
    w.push("赵敏,ZhaoMin,13900139000,,,,研发部,1");
    assert_eq!(
        rows_of(
            &run_rows(&exmail_rows(), &w, None, "{}"),
            "mobile-duplicate"
        ),
        [("wecom".into(), Some(4))]
    );
}

#[test]
fn mobile_duplicate_quiet() {
    // Same person, two mailboxes: one phone is fine (still ambiguous for matching).
    let mut e = exmail_rows();
    e.push("lina@acme.cn,李娜,13900139000,,市场部,正常");
    let r = run_rows(&e, &wecom_rows(), None, "{}");
    assert!(!has(&r, "mobile-duplicate"));
    assert!(has(&r, "ambiguous-key"));
}

#[test]
fn roster_disagrees_triggers() {
    // The wizard put zhang in 其他邮箱 (its default), but his WeChat id matches ZhangWei: the keys
    // win, and the disagreement is reported on the roster's row.
    let mut rows = FULL_ROSTER.to_vec();
    rows[0] = "zhang.wei@acme.cn,张伟,其他邮箱,";
    let r = run_rows(&exmail_rows(), &wecom_rows(), Some(&roster(&rows)), "{}");
    assert_eq!(
        rows_of(&r, "roster-disagrees"),
        [("roster".into(), Some(2))]
    );
    let z = assignment(&r, "zhang.wei@acme.cn");
    assert_eq!(
        (z.kind, z.userid, z.matched_by),
        (
            AssignmentType::Member,
            Some("ZhangWei"),
            Some(MatchedBy::WechatId)
        )
    );
    // The roster gives LiNa (li's by enterprise address) to the partner: the keys keep LiNa.
    let mut rows = FULL_ROSTER.to_vec();
    rows[2] = "partner.wang@acme.cn,合作方-王,成员邮箱,LiNa";
    let r = run_rows(&exmail_rows(), &wecom_rows(), Some(&roster(&rows)), "{}");
    assert_eq!(
        rows_of(&r, "roster-disagrees"),
        [("roster".into(), Some(4))]
    );
    assert_eq!(assignment(&r, "li.na@acme.cn").userid, Some("LiNa"));
    assert_eq!(
        assignment(&r, "partner.wang@acme.cn").kind,
        AssignmentType::Other
    );
    assert!(!has(&r, "member-claimed-twice"));
    // The roster pairs accounts whose WeChat ids we see and which differ.
    let mut e = exmail_rows();
    e[2] = "partner.wang@acme.cn,合作方-王,,wx_wang,,正常";
    let mut w = wecom_rows();
    w.push("赵敏,ZhaoMin,,,,wx_zhaomin,研发部,1");
    let mut rows = FULL_ROSTER.to_vec();
    rows[2] = "partner.wang@acme.cn,合作方-王,成员邮箱,ZhaoMin";
    let r = run_rows(&e, &w, Some(&roster(&rows)), "{}");
    assert_eq!(
        rows_of(&r, "roster-disagrees"),
        [("roster".into(), Some(4))]
    );
    assert_eq!(
        assignment(&r, "partner.wang@acme.cn").kind,
        AssignmentType::Other
    );
}

#[test]
fn roster_disagrees_quiet() {
    let r = run_rows(
        &exmail_rows(),
        &wecom_rows(),
        Some(&roster(&FULL_ROSTER)),
        "{}",
    );
    assert!(!has(&r, "roster-disagrees"));
    // Agreeing with the keys, the key is the explanation.
    assert_eq!(
        assignment(&r, "zhang.wei@acme.cn").matched_by,
        Some(MatchedBy::WechatId)
    );
    assert_eq!(
        assignment(&r, "partner.wang@acme.cn").matched_by,
        Some(MatchedBy::Roster)
    );
}

#[test]
fn roster_supplies_the_wechat_match_an_export_lacks() {
    // No key links the partner row to ZhaoMin, and no WeChat ids are visible: the wizard's own
    // match in the roster is the evidence.
    let mut w = wecom_rows();
    w.push("王五,ZhaoMin,,,,,研发部,1");
    let mut rows = FULL_ROSTER.to_vec();
    rows[2] = "partner.wang@acme.cn,合作方-王,成员邮箱,zhaomin";
    let r = run_rows(&exmail_rows(), &w, Some(&roster(&rows)), "{}");
    let p = assignment(&r, "partner.wang@acme.cn");
    assert_eq!(
        (p.kind, p.userid, p.matched_by),
        (
            AssignmentType::Member,
            Some("ZhaoMin"),
            Some(MatchedBy::Roster)
        )
    );
    assert!(!has(&r, "roster-disagrees"));
}

#[test]
fn disabled_account_triggers() {
    let mut e = exmail_rows();
    e[2] = "partner.wang@acme.cn,合作方-王,,,,已禁用";
    assert_eq!(
        rows_of(&run_rows(&e, &wecom_rows(), None, "{}"), "disabled-account"),
        [("exmail".into(), Some(4))]
    );
}

#[test]
fn disabled_account_quiet() {
    assert!(!has(&run_base("{}"), "disabled-account"));
}

// ---- matching cascade ----

#[test]
fn cascade_uses_personal_address_then_mobile() {
    let w = [
        "张伟,ZhangWei,,zhang.wei@acme.cn,,,研发部,1",
        "李娜,LiNa,+86 139 0013 9000,,,,市场部,1",
    ];
    let r = run_rows(&exmail_rows(), &w, None, "{}");
    let z = assignment(&r, "zhang.wei@acme.cn");
    assert_eq!(
        (z.userid, z.matched_by, z.evidence),
        (
            Some("ZhangWei"),
            Some(MatchedBy::Email),
            Some("zhang.wei@acme.cn")
        )
    );
    let l = assignment(&r, "li.na@acme.cn");
    assert_eq!(
        (l.userid, l.matched_by, l.evidence),
        (Some("LiNa"), Some(MatchedBy::Mobile), Some("13900139000"))
    );
}

#[test]
fn names_never_match() {
    let w = ["合作方-王,Wang,,,,,,1"];
    let r = run_rows(&exmail_rows(), &w, None, "{}");
    assert_eq!(
        assignment(&r, "partner.wang@acme.cn").kind,
        AssignmentType::Other
    );
}

#[test]
fn overrides_win_and_are_recorded() {
    let r = run_base(r#"{"overrides":{"zhang.wei@acme.cn":{"type":"other"}}}"#);
    let z = assignment(&r, "zhang.wei@acme.cn");
    assert_eq!(
        (z.kind, z.matched_by),
        (AssignmentType::Other, Some(MatchedBy::Override))
    );
}

#[test]
fn english_messages() {
    let r = run_base(r#"{"lang":"en","target_paid":true}"#);
    let f = r
        .findings
        .iter()
        .find(|f| f.code() == "target-is-paid")
        .expect("finding");
    assert!(
        f.message(roster_check::Lang::En)
            .starts_with("The target WeCom"),
        "{}",
        f.message(roster_check::Lang::En)
    );
}

#[test]
fn members_list_says_who_gets_a_mailbox() {
    let mut w = wecom_rows();
    w.push("赵敏,ZhaoMin,13700137000,,,,研发部,5");
    let e = csv(EXMAIL_HEADER, &exmail_rows());
    let w = csv(WECOM_HEADER, &w);
    let inputs = roster_check::Inputs {
        exmail: &e,
        wecom: Some(&w),
        roster: None,
    };
    let checked = roster_check::check(&inputs, &options("{}")).expect("check");
    let members = checked.members();
    let got: Vec<_> = members
        .iter()
        .map(|m| (m.userid.as_str(), m.mailbox.as_deref(), m.status))
        .collect();
    assert_eq!(
        got,
        [
            ("ZhangWei", Some("zhang.wei@acme.cn"), "active"),
            ("LiNa", Some("li.na@acme.cn"), "active"),
            ("ZhaoMin", None, "left")
        ]
    );
    assert!(checked
        .members_json()
        .starts_with("[{\"userid\":\"ZhangWei\""));
}

// ---- issue 12: path new from the Exmail list alone, and the merge ----

#[test]
fn role_mailbox_triggers() {
    let mut rows = exmail_rows();
    rows.push("hr@acme.cn,招聘专员,,,人力资源部,正常");
    rows.push("kf01@acme.cn,客服小王,,,客服部,正常");
    let r = run_exmail_only(&rows, None, r#"{"path":"new"}"#);
    assert_eq!(
        rows_of(&r, "role-mailbox"),
        [("exmail".into(), Some(5)), ("exmail".into(), Some(6))]
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.code() == "role-mailbox")
        .unwrap();
    assert_eq!(
        (f.field.map(|x| x.as_str()), f.value.as_deref()),
        (Some("email"), Some("hr@acme.cn"))
    );
    assert!(
        f.message(roster_check::Lang::Zh).contains("hr@"),
        "{}",
        f.message(roster_check::Lang::Zh)
    );
    let kf = r
        .findings
        .iter()
        .rfind(|f| f.code() == "role-mailbox")
        .unwrap();
    assert_eq!(
        (kf.field.map(|x| x.as_str()), kf.value.as_deref()),
        (Some("name"), Some("客服小王"))
    );
    // Info: the proposal stands until the admin decides.
    assert_eq!(assignment(&r, "hr@acme.cn").kind, AssignmentType::Member);
    assert!(r.summary.importable);
}

#[test]
fn role_mailbox_quiet() {
    let mut rows = exmail_rows();
    rows.push("hr@acme.cn,招聘专员,,,人力资源部,正常");
    rows.push("hrabowski@acme.cn,Anna Hrabowski,,,研发部,正常");
    // Listed as other by the admin, or made a member by hand: decided, nothing to ask.
    let r = run_exmail_only(
        &rows,
        None,
        r#"{"path":"new","overrides":{"hr@acme.cn":{"type":"other"}}}"#,
    );
    assert!(
        !has(&r, "role-mailbox"),
        "{:?}",
        rows_of(&r, "role-mailbox")
    );
    let r = run_exmail_only(
        &rows,
        None,
        r#"{"path":"new","overrides":{"hr@acme.cn":{"type":"member","userid":"hr"}}}"#,
    );
    assert!(!has(&r, "role-mailbox"));
    // On path bind a role mailbox no key matches is an other mailbox already.
    let mut w = wecom_rows();
    w.push("王芳,WangFang,,,,,市场部,1");
    let r = run_rows(&rows, &w, None, "{}");
    assert!(!has(&r, "role-mailbox"));
}

#[test]
fn not_migrated_triggers() {
    let r = run_base("{}");
    assert_eq!(rows_of(&r, "not-migrated"), [("options".into(), None)]);
    let f = r
        .findings
        .iter()
        .find(|f| f.code() == "not-migrated")
        .unwrap();
    assert!(
        f.message(roster_check::Lang::Zh).contains("通讯录标签")
            && f.message(roster_check::Lang::Zh).contains("微盘"),
        "{}",
        f.message(roster_check::Lang::Zh)
    );
}

#[test]
fn not_migrated_quiet() {
    let r = run_exmail_only(&exmail_rows(), None, r#"{"path":"new"}"#);
    assert!(!has(&r, "not-migrated"));
}

// ---- issue 12: honest columns ----

const UNNAMED_EXMAIL: [&str; 3] = [
    "1,zhang.wei@acme.cn,13800138000",
    "2,li.na@acme.cn,139 0013 9000",
    "3,partner.wang@acme.cn,",
];

#[test]
fn column_guessed_triggers() {
    let e = csv("A,B,C", &UNNAMED_EXMAIL);
    let w = csv(WECOM_HEADER, &wecom_rows());
    let r = run_bytes(&e, &w, None, "{}");
    let guessed: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.code() == "column-guessed")
        .map(|f| {
            (
                f.file.map(|k| k.as_str()),
                f.row,
                f.field.map(|x| x.as_str()),
                f.value.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        guessed,
        [
            (Some("exmail"), Some(1), Some("email"), Some("B")),
            (Some("exmail"), Some(1), None, Some("C")),
        ]
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.code() == "column-guessed")
        .unwrap();
    assert_eq!(f.severity(), roster_check::Severity::Warning);
    assert!(
        f.message(roster_check::Lang::Zh)
            .contains("企业邮箱账号文件的 B 列（表头“B”）")
            && f.message(roster_check::Lang::Zh).contains("邮箱地址"),
        "{}",
        f.message(roster_check::Lang::Zh)
    );
    // The report says which columns were guessed, so a host can open the mapping.
    let g = &r.inputs.exmail.guessed;
    assert_eq!(
        g.iter()
            .map(|g| (g.column.as_str(), g.field, g.looks_like))
            .collect::<Vec<_>>(),
        [("B", Some("email"), "email"), ("C", None, "mobile")]
    );
    // Warnings only: the accounts are read, the mobile column is not used for matching.
    assert_eq!(r.summary.accounts, 3);
    assert_eq!(
        assignment(&r, "li.na@acme.cn").matched_by,
        Some(MatchedBy::BizMail)
    );
    // In the WeCom file too: an unread column of addresses.
    let w = csv(
        "姓名,账号,联系方式",
        &["张伟,ZhangWei,zw@qq.com", "李娜,LiNa,ln@qq.com"],
    );
    let r = run_bytes(&csv(EXMAIL_HEADER, &exmail_rows()), &w, None, "{}");
    assert_eq!(rows_of(&r, "column-guessed"), [("wecom".into(), Some(1))]);
    assert_eq!(
        r.inputs.wecom.as_ref().unwrap().guessed[0].looks_like,
        "email"
    );
}

#[test]
fn column_guessed_quiet() {
    let r = run_base("{}");
    assert!(!has(&r, "column-guessed"));
    assert!(r.inputs.exmail.guessed.is_empty());
    // Mapped by hand: confirmed, nothing guessed.
    let e = csv("A,B,C", &UNNAMED_EXMAIL);
    let w = csv(WECOM_HEADER, &wecom_rows());
    let r = run_bytes(
        &e,
        &w,
        None,
        r#"{"exmail_file":{"columns":{"email":"B","mobile":"C"}}}"#,
    );
    assert!(
        !has(&r, "column-guessed"),
        "{:?}",
        rows_of(&r, "column-guessed")
    );
    // Known headers holding phones (座机, 手机 of the console export) are not "unread data".
    let w = csv(
        "姓名,账号,手机,座机,邮箱,地址",
        &["张伟,ZhangWei,13800138000,13900139000,zw@qq.com,深圳"],
    );
    let r = run_bytes(&csv(EXMAIL_HEADER, &exmail_rows()), &w, None, "{}");
    assert!(!has(&r, "column-guessed"));
}

// ---- issue 12: empty contacts ----

#[test]
fn wecom_empty_triggers() {
    let e = csv(EXMAIL_HEADER, &exmail_rows());
    // The header, then nothing (blank lines do not count).
    let w = format!("{WECOM_HEADER}\n\n,,\n").into_bytes();
    let r = run_bytes(&e, &w, None, "{}");
    assert_eq!(rows_of(&r, "wecom-empty"), [("wecom".into(), Some(1))]);
    assert!(!r.summary.importable);
    let f = r
        .findings
        .iter()
        .find(|f| f.code() == "wecom-empty")
        .unwrap();
    assert_eq!(f.severity(), roster_check::Severity::Error);
    assert!(
        f.message(roster_check::Lang::Zh).contains("第 1 行"),
        "{}",
        f.message(roster_check::Lang::Zh)
    );
}

#[test]
fn wecom_empty_quiet() {
    assert!(!has(&run_base("{}"), "wecom-empty"));
    // On path new a WeCom file is not needed at all.
    let e = csv(EXMAIL_HEADER, &exmail_rows());
    let w = csv(WECOM_HEADER, &[]);
    let r = run_bytes(&e, &w, None, r#"{"path":"new"}"#);
    assert!(!has(&r, "wecom-empty"));
}

// ---- issue 12: Exmail aliases ----

const ALIAS_EXMAIL: &str = "邮箱帐号,姓名,手机,别名";

fn alias_exmail() -> Vec<u8> {
    csv(
        ALIAS_EXMAIL,
        &[
            "zhang.wei@acme.cn,张伟,13800138000,zw@acme.cn;weizhang@acme.cn",
            "li.na@acme.cn,李娜,13900139000,",
            "partner.wang@acme.cn,合作方-王,,",
        ],
    )
}

#[test]
fn alias_listed_triggers() {
    let roster = roster(&[
        "zw@acme.cn,张伟,成员邮箱,ZhangWei",
        "li.na@acme.cn,李娜,成员邮箱,LiNa",
        "partner.wang@acme.cn,合作方-王,其他邮箱,",
    ]);
    let w = csv(WECOM_HEADER, &wecom_rows());
    let r = run_bytes(&alias_exmail(), &w, Some(&roster), "{}");
    assert_eq!(rows_of(&r, "alias-listed"), [("roster".into(), Some(2))]);
    let f = r
        .findings
        .iter()
        .find(|f| f.code() == "alias-listed")
        .unwrap();
    assert_eq!(
        (f.email.as_deref(), f.value.as_deref()),
        (Some("zhang.wei@acme.cn"), Some("zw@acme.cn"))
    );
    assert!(
        f.message(roster_check::Lang::Zh)
            .contains("zhang.wei@acme.cn"),
        "{}",
        f.message(roster_check::Lang::Zh)
    );
    // The row counts for the account: not unknown, not unassigned.
    assert!(!has(&r, "unknown-account") && !has(&r, "unassigned-account"));
    assert_eq!(
        assignment(&r, "zhang.wei@acme.cn").kind,
        AssignmentType::Member
    );
    assert!(!r.summary.importable);
}

#[test]
fn alias_listed_quiet() {
    let w = csv(WECOM_HEADER, &wecom_rows());
    let roster = roster(&FULL_ROSTER);
    let r = run_bytes(&alias_exmail(), &w, Some(&roster), "{}");
    assert!(!has(&r, "alias-listed"));
    assert_eq!(r.summary.errors, 0, "{:?}", r.findings);
}

#[test]
fn alias_collision_triggers() {
    let e = csv(
        ALIAS_EXMAIL,
        &[
            // An alias that is another account's address, and one alias on two accounts.
            "zhang.wei@acme.cn,张伟,,li.na@acme.cn shared@acme.cn",
            "li.na@acme.cn,李娜,,",
            "partner.wang@acme.cn,合作方-王,,shared@acme.cn",
        ],
    );
    let w = csv(
        WECOM_HEADER,
        &["王,Wang,,,shared@acme.cn,,,1", "张伟,ZhangWei,,,,,,1"],
    );
    let r = run_bytes(&e, &w, None, "{}");
    let got: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.code() == "alias-collision")
        .map(|f| (f.row, f.value.as_deref(), f.email.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(2), Some("li.na@acme.cn"), Some("zhang.wei@acme.cn")),
            (
                Some(4),
                Some("shared@acme.cn"),
                Some("partner.wang@acme.cn")
            ),
        ]
    );
    // A colliding alias points at nobody: the WeCom 企业邮箱 shared@ matches no account.
    assert_eq!(
        assignment(&r, "partner.wang@acme.cn").kind,
        AssignmentType::Other
    );
    assert_eq!(
        assignment(&r, "zhang.wei@acme.cn").kind,
        AssignmentType::Other
    );
}

#[test]
fn alias_collision_quiet() {
    let w = csv(WECOM_HEADER, &wecom_rows());
    let r = run_bytes(&alias_exmail(), &w, None, "{}");
    assert!(!has(&r, "alias-collision"));
}

// ---- how a workbook was read (src/rules/workbook.rs; fixtures in tests/xlsx/fixtures) ----

#[cfg(feature = "xlsx")]
fn workbook_fixture(path: &str) -> Vec<u8> {
    let path = format!("{}/tests/xlsx/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The findings with `code`: file, value and message.
#[cfg(feature = "xlsx")]
fn findings_of(report: &roster_check::Report, code: &str) -> Vec<(String, String, String)> {
    report
        .findings
        .iter()
        .filter(|f| f.code() == code)
        .map(|f| {
            (
                f.file.map(|k| k.as_str().to_string()).unwrap_or_default(),
                f.value.clone().unwrap_or_default(),
                f.message(report.lang),
            )
        })
        .collect()
}

#[cfg(feature = "xlsx")]
#[test]
fn sheet_chosen_triggers() {
    // Two visible worksheets with accounts (a third is empty): the active one is read.
    let exmail = workbook_fixture("exmail_two_sheets.xlsx");
    let r = run_bytes(
        &exmail,
        &csv(WECOM_HEADER, &wecom_rows()),
        None,
        r#"{"lang":"en"}"#,
    );
    assert_eq!(
        findings_of(&r, "sheet-chosen"),
        [(
            "exmail".to_string(),
            "在职".to_string(),
            "Read the worksheet \"在职\"; other worksheets with data: 离职".to_string()
        )]
    );
    assert_eq!(r.inputs.exmail.sheet.as_deref(), Some("在职"));
    assert_eq!(r.summary.accounts, 4);
}

#[cfg(feature = "xlsx")]
#[test]
fn sheet_chosen_quiet() {
    // Named by the admin: their choice.
    let exmail = workbook_fixture("exmail_two_sheets.xlsx");
    let wecom = csv(WECOM_HEADER, &wecom_rows());
    let r = run_bytes(&exmail, &wecom, None, r#"{"exmail_file":{"sheet":"离职"}}"#);
    assert!(!has(&r, "sheet-chosen"));
    assert_eq!(r.summary.accounts, 1);
    // A hidden helper sheet with rows is never a candidate.
    let helper = workbook_fixture("wecom_hidden_helper.xlsx");
    let r = run_bytes(&csv(EXMAIL_HEADER, &exmail_rows()), &helper, None, "{}");
    assert!(!has(&r, "sheet-chosen"));
    assert_eq!(
        r.inputs.wecom.as_ref().unwrap().sheet.as_deref(),
        Some("成员列表")
    );
}

#[test]
fn digits_lost_triggers() {
    // A CSV Excel saved: the 18-digit userid in E-notation.
    let w = ["张伟,1.10101E+17,13800138000,,,wx_zhangwei,研发部,1"];
    let r = run_rows(&exmail_rows(), &w, None, "{}");
    assert_eq!(rows_of(&r, "digits-lost"), [("wecom".into(), Some(2))]);
    let f = r
        .findings
        .iter()
        .find(|f| f.code() == "digits-lost")
        .unwrap();
    assert_eq!(
        (f.field.map(|x| x.as_str()), f.value.as_deref()),
        (Some("userid"), Some("1.10101E+17"))
    );
    assert!(r.summary.warnings > 0);
    // A workbook: an 18-digit userid and a 16-digit WeChat id typed as numbers.
    #[cfg(feature = "xlsx")]
    {
        let wecom = workbook_fixture("wecom_id_card.xlsx");
        let r = run_bytes(&csv(EXMAIL_HEADER, &exmail_rows()), &wecom, None, "{}");
        let cells: Vec<(Option<u32>, Option<&str>)> = r
            .findings
            .iter()
            .filter(|f| f.code() == "digits-lost")
            .map(|f| (f.row, f.field.map(|x| x.as_str())))
            .collect();
        assert_eq!(
            cells,
            [(Some(2), Some("userid")), (Some(2), Some("wechat_id"))]
        );
    }
}

#[test]
fn digits_lost_quiet() {
    // A mobile in E-notation is mobile-mangled's alone; `2e10` (no sign) may be a real id.
    let mut e = exmail_rows();
    e[1] = "li.na@acme.cn,李娜,1.39001E+10,2e10,市场部,正常";
    let mut w = wecom_rows();
    w.push("赵敏,2E10,,,,,研发部,1");
    let r = run_rows(&e, &w, None, "{}");
    assert!(has(&r, "mobile-mangled"));
    assert!(!has(&r, "digits-lost"), "{:?}", r.findings);
    // Zero-padded numeric userids read as Excel shows them: nothing lost.
    #[cfg(feature = "xlsx")]
    {
        let wecom = workbook_fixture("wecom_formats.xlsx");
        let r = run_bytes(&csv(EXMAIL_HEADER, &exmail_rows()), &wecom, None, "{}");
        assert!(!has(&r, "digits-lost"));
    }
}

#[cfg(feature = "xlsx")]
#[test]
fn formula_no_value_triggers() {
    // openpyxl writes formulas without results: the 企业邮箱 column reads empty.
    let wecom = workbook_fixture("wecom_formulas.xlsx");
    let r = run_bytes(
        &csv(EXMAIL_HEADER, &exmail_rows()),
        &wecom,
        None,
        r#"{"lang":"en"}"#,
    );
    assert_eq!(
        findings_of(&r, "formula-no-value"),
        [(
            "wecom".to_string(),
            "成员列表".to_string(),
            "4 formula cells on the sheet \"成员列表\" have no saved result and read as empty"
                .to_string()
        )]
    );
}

#[cfg(feature = "xlsx")]
#[test]
fn formula_no_value_quiet() {
    // The same workbook saved by LibreOffice, which calculated the formulas.
    let wecom = workbook_fixture("libreoffice/wecom_formulas.xlsx");
    let r = run_bytes(&csv(EXMAIL_HEADER, &exmail_rows()), &wecom, None, "{}");
    assert!(!has(&r, "formula-no-value"));
    assert_eq!(
        assignment(&r, "li.na@acme.cn").matched_by,
        Some(MatchedBy::BizMail)
    );
}

/// A bare list of accounts with no header row: its first row is an account, never a header
/// (taken for one, that account would vanish from the report without a word).
#[test]
fn a_file_without_a_header_row_keeps_its_first_account() {
    let e = UNNAMED_EXMAIL.join("\n").into_bytes();
    let w = csv(WECOM_HEADER, &wecom_rows());
    let r = run_bytes(&e, &w, None, "{}");
    let emails: Vec<_> = r.assignments.iter().map(|a| a.email).collect();
    assert_eq!(
        emails,
        ["zhang.wei@acme.cn", "li.na@acme.cn", "partner.wang@acme.cn"]
    );
    assert_eq!(r.assignments.get(0).map(|a| a.row), Some(1));
    assert_eq!(r.inputs.exmail.header_row, None);
    assert!(r.inputs.exmail.headers.is_empty());
    // Its address column is still said to be found by content, on the first row.
    assert!(r
        .findings
        .iter()
        .any(|f| f.code() == "column-guessed" && f.field.map(|x| x.as_str()) == Some("email")));
}

/// 王芳 has no key in either file (the console's contacts export without 企业邮箱 or WeChat id,
/// an Exmail list without phones): she becomes an other mailbox while member WangFang, of the
/// same name, gets none.
fn same_name_company(wecom_extra: &[&'static str]) -> (Vec<&'static str>, Vec<&'static str>) {
    let mut e = exmail_rows();
    e.push("wang.fang@acme.cn,王 芳,,,销售部,正常");
    let mut w = wecom_rows();
    w.push("王芳,WangFang,,,,,销售部,1");
    w.extend_from_slice(wecom_extra);
    (e, w)
}

#[test]
fn same_name_unmatched_triggers() {
    let (e, w) = same_name_company(&[]);
    let r = run_rows(&e, &w, None, "{}");
    assert_eq!(
        rows_of(&r, "same-name-unmatched"),
        [("exmail".into(), Some(5))]
    );
    assert_eq!(
        assignment(&r, "wang.fang@acme.cn").kind,
        AssignmentType::Other
    );
    // A guess the admin must confirm: not a plain "importable".
    assert_eq!(r.summary.confirm, 1);
}

#[test]
fn same_name_unmatched_quiet() {
    // Settled by hand (as other, or as that member), or listed so by the roster: quiet.
    let (e, w) = same_name_company(&[]);
    for overrides in [
        r#"{"overrides":{"wang.fang@acme.cn":{"type":"other"}}}"#,
        r#"{"overrides":{"wang.fang@acme.cn":{"type":"member","userid":"WangFang"}}}"#,
    ] {
        assert!(!has(
            &run_rows(&e, &w, None, overrides),
            "same-name-unmatched"
        ));
    }
    // Two members without a mailbox share the name: it names no one.
    let (e, w) = same_name_company(&["王芳,WangFang2,,,,,财务部,1"]);
    assert!(!has(&run_rows(&e, &w, None, "{}"), "same-name-unmatched"));
    // The member left, or has another name: quiet.
    let (e, mut w) = same_name_company(&[]);
    w[2] = "王芳,WangFang,,,,,销售部,已退出";
    assert!(!has(&run_rows(&e, &w, None, "{}"), "same-name-unmatched"));
    w[2] = "王方,WangFang,,,,,销售部,1";
    assert!(!has(&run_rows(&e, &w, None, "{}"), "same-name-unmatched"));
    // The clean company: the partner has no same-named member.
    assert!(!has(&run_base("{}"), "same-name-unmatched"));
}
