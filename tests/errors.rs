//! Refusals a person can act on: every error has a stable code, typed arguments, and a message
//! in Chinese and English naming the file, the row where known, the cause and what to do.

mod support;

use roster_check::error::ArgValue;
use roster_check::{check, Error, FileKind, Inputs, Lang, ERROR_CODES};
use support::*;

fn refusal(exmail: &[u8], wecom: &[u8], opts: &str) -> Error {
    let inputs = Inputs {
        exmail,
        wecom: Some(wecom),
        roster: None,
    };
    match check(&inputs, &options(opts)) {
        Ok(_) => panic!("the check ran"),
        Err(e) => e,
    }
}

fn arg<'e>(args: &'e [(&'static str, ArgValue)], name: &str) -> &'e ArgValue {
    &args
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no arg {name} in {args:?}"))
        .1
}

#[test]
fn codes_are_unique_kebab_case() {
    let mut seen = std::collections::BTreeSet::new();
    for code in ERROR_CODES {
        assert!(seen.insert(code), "{code} twice");
        assert!(
            code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') && !code.starts_with('-'),
            "{code}"
        );
    }
}

#[test]
fn nul_bytes_name_the_file_line_and_what_to_do() {
    let wecom = csv(WECOM_HEADER, &wecom_rows());
    let e = refusal(b"email,name\nx\0y@a.cn,z\n", &wecom, "{}");
    assert_eq!(e.code(), "not-text");
    assert_eq!(e.file(), Some(FileKind::Exmail));
    assert_eq!(arg(&e.args(), "line"), &ArgValue::Number(2));
    // The message of earlier versions is kept as Display.
    assert!(
        e.to_string()
            .starts_with("exmail file: line 2 contains NUL bytes"),
        "{e}"
    );
    let zh = e.message(Lang::Zh);
    assert!(
        zh.starts_with("企业邮箱账号文件：第 2 行含有 NUL 字节"),
        "{zh}"
    );
    assert!(zh.contains("另存为"), "{zh}");
    let en = e.message(Lang::En);
    assert!(
        en.starts_with("Exmail account file: line 2 contains NUL bytes"),
        "{en}"
    );
    assert!(en.contains("Save it as"), "{en}");
}

#[test]
fn a_row_error_carries_its_row_and_column() {
    let wecom = csv(WECOM_HEADER, &wecom_rows());
    let exmail = "邮箱帐号,姓名\na@acme.cn,张伟\nb@acme.cn,\"李娜\nc@acme.cn,王芳\n";
    let e = refusal(exmail.as_bytes(), &wecom, "{}");
    assert_eq!(e.code(), "unclosed-quote");
    assert_eq!(e.row(), Some(3));
    let args = e.args();
    assert_eq!(arg(&args, "column"), &ArgValue::Number(2));
    assert_eq!(arg(&args, "row"), &ArgValue::Number(3));
    assert!(
        e.message(Lang::Zh).contains("第 3 行 B 列"),
        "{}",
        e.message(Lang::Zh)
    );
    assert!(e.message(Lang::En).contains("row 3, column B"));
    // The lines read into the cell count the quote's own: never "the 0 lines after it".
    assert_eq!(arg(&args, "lines"), &ArgValue::Number(2));
    assert!(e.message(Lang::Zh).contains("从这一行到文件末尾的 2 行"));
    let last = "邮箱帐号,姓名\na@acme.cn,张伟\nb@acme.cn,\"李娜\n";
    let e = refusal(last.as_bytes(), &wecom, "{}");
    assert_eq!(arg(&e.args(), "lines"), &ArgValue::Number(1));
    assert!(
        e.message(Lang::Zh).contains("到文件末尾的 1 行"),
        "{}",
        e.message(Lang::Zh)
    );
}

#[test]
fn wecom_file_errors_name_the_wecom_file() {
    let exmail = csv(EXMAIL_HEADER, &exmail_rows());
    let e = refusal(&exmail, b"", "{}");
    assert_eq!((e.code(), e.file()), ("file-empty", Some(FileKind::Wecom)));
    assert!(e
        .message(Lang::Zh)
        .starts_with("企业微信通讯录文件：文件是空的"));
    assert!(e
        .message(Lang::En)
        .starts_with("WeCom contacts file: the file is empty"));
}

#[test]
fn option_errors_name_the_options_and_list_what_is_known() {
    let exmail = csv(EXMAIL_HEADER, &exmail_rows());
    let wecom = csv(WECOM_HEADER, &wecom_rows());
    let e = refusal(&exmail, &wecom, r#"{"exmail_file":{"encoding":"klingon"}}"#);
    assert_eq!(
        (e.code(), e.file()),
        ("encoding-unknown", Some(FileKind::Options))
    );
    assert_eq!(arg(&e.args(), "input"), &ArgValue::Text("exmail".into()));
    assert!(e
        .message(Lang::Zh)
        .contains("为企业邮箱账号文件指定的编码“klingon”无法识别"));

    let e = refusal(
        &exmail,
        &wecom,
        r#"{"exmail_file":{"columns":{"teleport":"A"}}}"#,
    );
    assert_eq!(e.code(), "column-field-unknown");
    match arg(&e.args(), "known") {
        ArgValue::List(known) => assert!(known.iter().any(|k| k == "email")),
        other => panic!("{other:?}"),
    }

    let e = refusal(&exmail, &wecom, r#"{"features_in_use":["teleport"]}"#);
    assert_eq!(e.code(), "feature-unknown");
    assert!(e
        .message(Lang::En)
        .starts_with("Options: the feature \"teleport\""));
}

#[test]
fn a_mapped_column_that_is_not_there_names_the_headers_seen() {
    let exmail = csv(EXMAIL_HEADER, &exmail_rows());
    let wecom = csv(WECOM_HEADER, &wecom_rows());
    let e = refusal(
        &exmail,
        &wecom,
        r#"{"wecom_file":{"columns":{"mobile":"电话号码"}}}"#,
    );
    assert_eq!(
        (e.code(), e.file()),
        ("column-not-found", Some(FileKind::Wecom))
    );
    assert_eq!(arg(&e.args(), "field"), &ArgValue::Text("mobile".into()));
    let zh = e.message(Lang::Zh);
    assert!(
        zh.contains("选项为「手机」指定的列“电话号码”不在表头（第 1 行）中")
            && zh.contains("账号、手机"),
        "{zh}"
    );
}

#[test]
fn limits_have_a_code_and_messages() {
    let exmail = csv(EXMAIL_HEADER, &exmail_rows());
    let wecom = csv(WECOM_HEADER, &wecom_rows());
    let e = refusal(&exmail, &wecom, r#"{"limits":{"max_input_bytes":10}}"#);
    assert_eq!(
        (e.code(), e.file()),
        ("file-too-large", Some(FileKind::Exmail))
    );
    assert_eq!(arg(&e.args(), "max"), &ArgValue::Number(10));
    assert!(e
        .message(Lang::Zh)
        .starts_with("企业邮箱账号文件：文件太大"));
}

#[test]
fn every_message_names_its_file_in_each_language() {
    let exmail = csv(EXMAIL_HEADER, &exmail_rows());
    let wecom = csv(WECOM_HEADER, &wecom_rows());
    let cases: [(&[u8], &[u8], &str); 4] = [
        (b"", &wecom, "企业邮箱账号文件："),
        (&exmail, b"\xff\xfe\x00\xd8", "企业微信通讯录文件："),
        (b"\n\n", &wecom, "企业邮箱账号文件："),
        (b"email\n", &wecom, "企业邮箱账号文件："),
    ];
    for (e, w, zh) in cases {
        let err = refusal(e, w, "{}");
        assert!(
            err.message(Lang::Zh).starts_with(zh),
            "{}",
            err.message(Lang::Zh)
        );
        assert!(ERROR_CODES.contains(&err.code()), "{}", err.code());
        let en = err.message(Lang::En);
        assert!(
            en.starts_with("Exmail account file: ") || en.starts_with("WeCom contacts file: "),
            "{en}"
        );
    }
}

#[test]
fn a_password_protected_workbook_has_its_code_and_both_languages() {
    let path = format!(
        "{}/tests/xlsx/fixtures/encrypted.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    let book = std::fs::read(path).unwrap();
    let wecom = csv(WECOM_HEADER, &wecom_rows());
    let e = refusal(&book, &wecom, "{}");
    assert_eq!(
        (e.code(), e.file()),
        ("workbook-encrypted", Some(FileKind::Exmail))
    );
    assert!(e
        .message(Lang::Zh)
        .starts_with("企业邮箱账号文件：工作簿设置了打开密码"));
    assert!(e.message(Lang::En).contains("Encrypt with Password"));
    assert!(e
        .to_string()
        .starts_with("exmail file: the workbook is password-protected"));
}
