//! Exmail aliases (别名): parsed as people separate them, validated, matched against WeCom
//! addresses with the alias as evidence; never accounts of their own.

mod support;

use roster_check::{AssignmentType, MatchedBy};
use support::*;

#[test]
fn separators_people_use() {
    let e = csv(
        "邮箱帐号,姓名,别名",
        &["a@acme.cn,甲,\"b1@acme.cn; b2@acme.cn，b3@acme.cn,b4@acme.cn；b5@acme.cn  \""],
    );
    // Each alias is found: a WeCom 企业邮箱 equal to the last one matches the account.
    let w = csv(WECOM_HEADER, &["甲,Jia,,,B5@Acme.cn,,,1"]);
    let r = run_bytes(&e, &w, None, "{}");
    let a = assignment(&r, "a@acme.cn");
    assert_eq!(
        (a.kind, a.userid, a.matched_by, a.evidence),
        (
            AssignmentType::Member,
            Some("Jia"),
            Some(MatchedBy::BizMail),
            Some("b5@acme.cn")
        )
    );
}

#[test]
fn a_personal_address_equal_to_an_alias_matches_too() {
    let e = csv("邮箱帐号,姓名,别名", &["a@acme.cn,甲,jia@acme.cn"]);
    let w = csv(WECOM_HEADER, &["甲,Jia,,jia@acme.cn,,,,1"]);
    let r = run_bytes(&e, &w, None, "{}");
    let a = assignment(&r, "a@acme.cn");
    assert_eq!(
        (a.matched_by, a.evidence),
        (Some(MatchedBy::Email), Some("jia@acme.cn"))
    );
}

#[test]
fn the_address_itself_comes_before_an_alias() {
    let e = csv(
        "邮箱帐号,姓名,别名",
        &["a@acme.cn,甲,", "b@acme.cn,乙,a2@acme.cn"],
    );
    // Jia's 企业邮箱 is a@, Yi's is a2@ (b's alias): each finds its own.
    let w = csv(
        WECOM_HEADER,
        &["甲,Jia,,,a@acme.cn,,,1", "乙,Yi,,,a2@acme.cn,,,1"],
    );
    let r = run_bytes(&e, &w, None, "{}");
    assert_eq!(assignment(&r, "a@acme.cn").userid, Some("Jia"));
    assert_eq!(assignment(&r, "b@acme.cn").userid, Some("Yi"));
}

#[test]
fn invalid_aliases_are_reported_and_not_used() {
    let e = csv(
        "邮箱帐号,姓名,别名",
        &["a@acme.cn,甲,bad..alias@acme.cn;noat"],
    );
    let w = csv(WECOM_HEADER, &["甲,Jia,,,bad..alias@acme.cn,,,1"]);
    let r = run_bytes(&e, &w, None, "{}");
    let invalid: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.code() == "email-invalid" && f.field.map(|x| x.as_str()) == Some("alias"))
        .map(|f| f.value.as_deref())
        .collect();
    assert_eq!(invalid, [Some("bad..alias@acme.cn"), Some("noat")]);
    assert_eq!(assignment(&r, "a@acme.cn").kind, AssignmentType::Other);
}

#[test]
fn a_wecom_alias_is_a_display_name() {
    // WeCom's 别名 column holds a display name, even one that looks like an address.
    let e = csv("邮箱帐号,姓名", &["a@acme.cn,甲"]);
    let w = csv("姓名,账号,别名", &["甲,Jia,a@acme.cn"]);
    let r = run_bytes(&e, &w, None, "{}");
    assert_eq!(assignment(&r, "a@acme.cn").kind, AssignmentType::Other);
    assert!(!has(&r, "column-guessed"));
    assert!(!has(&r, "email-invalid"));
}

#[test]
fn the_written_roster_keeps_an_alias_row_and_appends_its_account() {
    let e = csv(
        "邮箱帐号,姓名,别名",
        &["a@acme.cn,甲,jia@acme.cn", "b@acme.cn,乙,"],
    );
    let w = csv(WECOM_HEADER, &["乙,Yi,,,b@acme.cn,,,1"]);
    let roster = csv(
        "邮箱地址,邮箱类型",
        &["jia@acme.cn,其他邮箱", "b@acme.cn,成员邮箱"],
    );
    let inputs = roster_check::Inputs {
        exmail: &e,
        wecom: Some(&w),
        roster: Some(&roster),
    };
    let checked = roster_check::check(&inputs, &options("{}")).unwrap();
    assert!(has(&checked.report, "alias-listed"));
    assert_eq!(
        assignment(&checked.report, "a@acme.cn").kind,
        AssignmentType::Other
    );
    let out = checked
        .export_roster(roster_check::ExportFormat::Csv)
        .unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    // The alias row as it was (the wizard would refuse it: the finding says to correct it),
    // then the account itself, appended with the decision the alias row made.
    assert_eq!(lines[1], "jia@acme.cn,其他邮箱");
    assert_eq!(lines.last().copied(), Some("a@acme.cn,其他邮箱"));
}
