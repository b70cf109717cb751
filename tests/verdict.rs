//! The verdict (`summary.verdict`, `summary.confirm`): a roster the wizard would accept is
//! still to be confirmed while it rests on a guess — a column or sheet read without the admin's
//! word, a match whose names differ, a key several rows share — until the admin settles it.

mod support;

use roster_check::{Confirm, Verdict, RULES};
use support::*;

/// Two WeCom rows name li.na's member differently: li.na is matched by address to 李丽.
fn mismatched_wecom() -> Vec<&'static str> {
    vec![
        "张伟,ZhangWei,13800138000,,,wx_zhangwei,研发部,1",
        "李丽,LiNa,13900139000,,li.na@acme.cn,,市场部,1",
    ]
}

#[test]
fn the_catalogue_flags_the_guesses_and_nothing_else() {
    let flagged: Vec<(&str, Confirm)> = RULES
        .iter()
        .filter(|r| r.confirm != Confirm::No)
        .map(|r| (r.name, r.confirm))
        .collect();
    assert_eq!(
        flagged,
        [
            ("ambiguous-key", Confirm::Account),
            ("name-mismatch", Confirm::Account),
            ("column-guessed", Confirm::Reading),
            ("sheet-chosen", Confirm::Reading),
            ("same-name-unmatched", Confirm::Account),
        ]
    );
}

#[test]
fn confirm_triggers_on_a_name_mismatch() {
    let r = run_rows(&exmail_rows(), &mismatched_wecom(), None, "{}");
    assert!(has(&r, "name-mismatch"));
    assert!(r.summary.importable, "{:?}", r.findings);
    assert_eq!(
        (r.summary.confirm, r.summary.verdict),
        (1, Verdict::Confirm)
    );
    let json = r.to_json();
    assert!(
        json.contains(r#""importable":true,"confirm":1,"verdict":"confirm"}"#),
        "{json}"
    );
    assert!(r
        .head_json()
        .contains(r#""confirm":1,"verdict":"confirm"}"#));
}

#[test]
fn confirm_quiet_once_the_admin_settles_the_account() {
    let settled = r#"{"overrides":{"li.na@acme.cn":{"type":"member","userid":"LiNa"}}}"#;
    let r = run_rows(&exmail_rows(), &mismatched_wecom(), None, settled);
    assert_eq!(
        (r.summary.confirm, r.summary.verdict),
        (0, Verdict::Importable)
    );
    assert!(r
        .to_json()
        .contains(r#""confirm":0,"verdict":"importable"}"#));
    // Nothing in doubt at all.
    let r = run_base("{}");
    assert_eq!(
        (r.summary.confirm, r.summary.verdict),
        (0, Verdict::Importable)
    );
}

#[test]
fn a_settled_account_no_longer_counts_though_its_finding_stays() {
    // Two accounts share zhang's WeChat id (ambiguous-key on both rows, each naming its account).
    let mut e = exmail_rows();
    e.push("zw2@acme.cn,张伟二,,wx_zhangwei,研发部,正常");
    let r = run_rows(&e, &wecom_rows(), None, "{}");
    assert_eq!(rows_of(&r, "ambiguous-key").len(), 2);
    assert_eq!(r.summary.confirm, 2);
    let one = r#"{"overrides":{"zw2@acme.cn":{"type":"other"}}}"#;
    let r = run_rows(&e, &wecom_rows(), None, one);
    assert_eq!(rows_of(&r, "ambiguous-key").len(), 2);
    assert_eq!(
        (r.summary.confirm, r.summary.verdict),
        (1, Verdict::Confirm)
    );
    let both = r#"{"overrides":{"zw2@acme.cn":{"type":"other"},"zhang.wei@acme.cn":{"type":"member","userid":"ZhangWei"}}}"#;
    let r = run_rows(&e, &wecom_rows(), None, both);
    assert_eq!(rows_of(&r, "ambiguous-key").len(), 2);
    assert_eq!(
        (r.summary.confirm, r.summary.verdict),
        (0, Verdict::Importable)
    );
}

#[test]
fn a_key_several_members_share_needs_confirming_on_the_account() {
    // Two members hold zhang's mobile and nothing else links him: he would become an other
    // mailbox on a tie. The WeCom rows name no account; the account's own finding counts.
    let e = ["zhang.wei@acme.cn,张伟,13800138000,,研发部,正常"];
    let w = [
        "张伟,ZhangWei,13800138000,,,,研发部,1",
        "刘洋,LiuYang,13800138000,,,,研发部,1",
    ];
    let r = run_rows(&e, &w, None, "{}");
    assert_eq!(
        rows_of(&r, "ambiguous-key"),
        [
            ("exmail".into(), Some(2)),
            ("wecom".into(), Some(2)),
            ("wecom".into(), Some(3))
        ]
    );
    // And as ZhangWei (张伟) gets no mailbox, `same-name-unmatched` on the same account: two to
    // confirm, both settled by one decision.
    assert_eq!(
        rows_of(&r, "same-name-unmatched"),
        [("exmail".into(), Some(2))]
    );
    assert_eq!(
        (r.summary.confirm, r.summary.verdict),
        (2, Verdict::Confirm)
    );
    let settled = r#"{"overrides":{"zhang.wei@acme.cn":{"type":"member","userid":"ZhangWei"}}}"#;
    assert_eq!(run_rows(&e, &w, None, settled).summary.confirm, 0);
}

#[test]
fn guessed_columns_need_confirming_until_mapped() {
    let e = csv(
        "A,B,C",
        &["1,zhang.wei@acme.cn,13800138000", "2,li.na@acme.cn,"],
    );
    let w = csv(WECOM_HEADER, &wecom_rows());
    let r = run_bytes(&e, &w, None, "{}");
    assert_eq!(rows_of(&r, "column-guessed").len(), 2);
    assert_eq!(
        (r.summary.confirm, r.summary.verdict),
        (2, Verdict::Confirm)
    );
    let mapped = r#"{"exmail_file":{"columns":{"email":"B","mobile":"C"}}}"#;
    let r = run_bytes(&e, &w, None, mapped);
    assert_eq!(
        (r.summary.confirm, r.summary.verdict),
        (0, Verdict::Importable)
    );
}

#[cfg(feature = "xlsx")]
#[test]
fn a_sheet_chosen_for_the_admin_needs_confirming_until_named() {
    let path = format!(
        "{}/tests/xlsx/fixtures/exmail_two_sheets.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    let e = std::fs::read(path).unwrap();
    let w = csv(WECOM_HEADER, &wecom_rows());
    let r = run_bytes(&e, &w, None, "{}");
    assert!(has(&r, "sheet-chosen"));
    assert_eq!(r.summary.verdict, Verdict::Confirm);
    let named = r#"{"exmail_file":{"sheet":"在职"}}"#;
    let r = run_bytes(&e, &w, None, named);
    assert!(!has(&r, "sheet-chosen"));
    assert_eq!(r.summary.confirm, 0);
}

#[test]
fn an_error_outweighs_what_is_to_confirm() {
    let mut e = exmail_rows();
    e.push("bad-address,坏,,,,正常");
    let r = run_rows(&e, &mismatched_wecom(), None, "{}");
    assert!(r.summary.errors > 0);
    assert_eq!(r.summary.confirm, 1);
    assert_eq!(r.summary.verdict, Verdict::NotImportable);
    assert!(!r.summary.importable);
}
