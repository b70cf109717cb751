//! The `roster-check` binary as a user runs it: arguments, exit status, messages, files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

const BIN: &str = env!("CARGO_BIN_EXE_roster-check");

/// A fresh directory of its own for one test.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "roster-check-cli-{}-{n}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(BIN).args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Exit 2 with exactly one line on stderr that starts with the program name and says `what`.
fn assert_refused(out: &Output, what: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert!(err.starts_with("roster-check: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(what), "{what:?} not in {err}");
}

const EXMAIL: &str = "\
邮箱帐号,姓名,手机,微信ID\r
zhang.wei@example.cn,张伟,13800138001,wx_zhang\r
partner1@example.cn,合作方1,,\r
";

const WECOM: &str = "\
姓名,帐号,手机,企业邮箱\r
张伟,ZhangWei,13800138001,zhang.wei@example.cn\r
";

#[test]
fn help_exits_0_and_lists_the_flags() {
    for flag in ["--help", "-h"] {
        let out = run([flag]);
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        for f in [
            "--exmail",
            "--wecom",
            "--roster",
            "--out",
            "--report",
            "--findings",
        ] {
            assert!(text.contains(f), "{f} missing from help");
        }
    }
}

#[test]
fn version_exits_0() {
    let out = run(["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out).trim(),
        format!("roster-check {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn no_arguments_exit_2() {
    assert_refused(&run(Vec::<&str>::new()), "--exmail");
}

#[test]
fn missing_wecom_flag_exits_2() {
    let dir = TempDir::new("nowecom");
    let exmail = dir.file("exmail.csv", EXMAIL);
    assert_refused(&run(["--exmail", arg(&exmail)]), "--wecom");
}

#[test]
fn path_new_needs_no_wecom_file() {
    let dir = TempDir::new("pathnew");
    let exmail = dir.file("exmail.csv", EXMAIL);
    let report = dir.path("report.json");
    let out = run([
        "--exmail",
        arg(&exmail),
        "--path",
        "new",
        "--enterprise-name",
        "深圳市示达科技有限公司",
        "--report",
        arg(&report),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json = std::fs::read_to_string(&report).unwrap();
    assert!(json.contains("\"wecom\":null"), "{json}");
    assert_eq!(
        json.matches("\"matched_by\":\"path_new\"").count(),
        2,
        "{json}"
    );
    // On path bind the file is required, and the refusal says where it comes from.
    let out = run(["--exmail", arg(&exmail), "--lang", "en"]);
    assert_refused(&out, "WeCom contacts file: missing. The path \"bind\"");
    assert!(stderr(&out).contains("--path new"), "{}", stderr(&out));
}

#[test]
fn wrong_arguments_exit_2() {
    let cases: [(&[&str], &str); 10] = [
        (
            &["--exmail", "a.csv", "--wecom", "b.csv", "--bogus"],
            "--bogus",
        ),
        (&["--exmail", "a.csv", "--wecom", "b.csv", "stray"], "stray"),
        (&["--exmail"], "--exmail"),
        (
            &["--exmail", "a", "--wecom", "b", "--path", "old"],
            "--path",
        ),
        (&["--exmail", "a", "--wecom", "b", "--lang", "fr"], "--lang"),
        (
            &["--exmail", "a", "--wecom", "b", "--advanced-quota", "-1"],
            "--advanced-quota",
        ),
        (
            &["--exmail", "a", "--wecom", "b", "--out", "r.txt"],
            "r.txt",
        ),
        (
            &["--exmail", "a", "--wecom", "b", "--out", "r.json"],
            "r.json",
        ),
        (
            &["--exmail", "a", "--wecom", "b", "--findings", "f.txt"],
            "f.txt",
        ),
        (
            &[
                "--exmail",
                "a",
                "--wecom",
                "b",
                "--features-in-use",
                "rtx,fax",
            ],
            "fax",
        ),
    ];
    for (args, what) in cases {
        assert_refused(&run(args), what);
    }
}

#[test]
fn missing_exmail_file_exits_2_naming_it() {
    let dir = TempDir::new("missing");
    let wecom = dir.file("wecom.csv", WECOM);
    let missing = dir.path("no-such-exmail.csv");
    let out = run(["--exmail", arg(&missing), "--wecom", arg(&wecom)]);
    assert_refused(&out, &format!("exmail file {}", missing.display()));
}

#[test]
fn missing_wecom_and_roster_files_exit_2_naming_them() {
    let dir = TempDir::new("missing2");
    let exmail = dir.file("exmail.csv", EXMAIL);
    let wecom = dir.file("wecom.csv", WECOM);
    let missing = dir.path("gone.csv");
    let out = run(["--exmail", arg(&exmail), "--wecom", arg(&missing)]);
    assert_refused(&out, &format!("wecom file {}", missing.display()));
    let out = run([
        "--exmail",
        arg(&exmail),
        "--wecom",
        arg(&wecom),
        "--roster",
        arg(&missing),
    ]);
    assert_refused(&out, &format!("roster file {}", missing.display()));
}

#[test]
fn bad_options_and_overrides_files_exit_2_naming_them() {
    let dir = TempDir::new("badjson");
    let exmail = dir.file("exmail.csv", EXMAIL);
    let wecom = dir.file("wecom.csv", WECOM);
    let options = dir.file("options.json", r#"{"pth": "new"}"#);
    let out = run([
        "--exmail",
        arg(&exmail),
        "--wecom",
        arg(&wecom),
        "--options",
        arg(&options),
    ]);
    assert_refused(&out, &format!("options file {}", options.display()));
    let overrides = dir.file("overrides.json", r#"{"a@example.cn": {"type": "boss"}}"#);
    let out = run([
        "--exmail",
        arg(&exmail),
        "--wecom",
        arg(&wecom),
        "--overrides",
        arg(&overrides),
    ]);
    assert_refused(&out, &format!("overrides file {}", overrides.display()));
}

#[test]
fn clean_inputs_exit_0_and_write_every_output() {
    let dir = TempDir::new("clean");
    let exmail = dir.file("exmail.csv", EXMAIL);
    let wecom = dir.file("wecom.csv", WECOM);
    let (roster, report, findings) = (
        dir.path("roster.csv"),
        dir.path("report.json"),
        dir.path("findings.csv"),
    );
    let out = run([
        "--exmail",
        arg(&exmail),
        "--wecom",
        arg(&wecom),
        "--lang",
        "en",
        "--out",
        arg(&roster),
        "--report",
        arg(&report),
        "--findings",
        arg(&findings),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let text = stdout(&out);
    assert!(
        text.starts_with("accounts 2: member 1, other 1, unassigned 0"),
        "{text}"
    );
    assert!(
        text.contains(&format!("wrote {}", roster.display())),
        "{text}"
    );

    let csv = std::fs::read_to_string(&roster).unwrap();
    assert!(
        csv.starts_with("\u{feff}邮箱地址,姓名,邮箱类型,企业微信账号,匹配依据\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains("zhang.wei@example.cn,张伟,成员邮箱,ZhangWei,"),
        "{csv}"
    );
    assert!(
        csv.contains("partner1@example.cn,合作方1,其他邮箱,,"),
        "{csv}"
    );

    let json = std::fs::read_to_string(&report).unwrap();
    assert!(json.starts_with("{\"version\":1,"), "{json}");
    assert!(json.contains("\"accounts\":2"), "{json}");

    let findings = std::fs::read_to_string(&findings).unwrap();
    assert!(
        findings.starts_with("\u{feff}severity,code,file,row,field,value,email,message,fix\r\n")
    );
}

#[test]
fn error_findings_exit_1_in_chinese_by_default() {
    let dir = TempDir::new("errors");
    let exmail = dir.file("exmail.csv", EXMAIL);
    let wecom = dir.file("wecom.csv", WECOM);
    let out = run([
        "--exmail",
        arg(&exmail),
        "--wecom",
        arg(&wecom),
        "--target-paid",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let text = stdout(&out);
    assert!(text.starts_with("邮箱账号 2："), "{text}");
    assert!(text.contains("[错误] target-is-paid × 1"), "{text}");
}

#[test]
fn a_doubtful_match_exits_0_but_asks_to_confirm_it() {
    // zhang's mobile now belongs to 刘洋: the match rests on a number, against the name.
    let dir = TempDir::new("confirm");
    let exmail = dir.file("exmail.csv", EXMAIL);
    let wecom = dir.file(
        "wecom.csv",
        "姓名,帐号,手机\r\n刘洋,LiuYang,13800138001\r\n",
    );
    let report = dir.path("report.json");
    let check = |lang: &str, overrides: Option<&Path>| {
        let mut args = vec!["--exmail", arg(&exmail), "--wecom", arg(&wecom)];
        args.extend(["--lang", lang, "--report", arg(&report)]);
        if let Some(o) = overrides {
            args.extend(["--overrides", arg(o)]);
        }
        let out = run(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}{}",
            stdout(&out),
            stderr(&out)
        );
        stdout(&out)
    };
    let text = check("en", None);
    assert!(
        text.contains(
            "errors 0, warnings 2, infos 4: no errors, but 1 findings need confirming before you \
             import (name-mismatch)\n"
        ),
        "{text}"
    );
    assert!(!text.contains("can be imported"), "{text}");
    let json = std::fs::read_to_string(&report).unwrap();
    assert!(json.contains("\"importable\":true,\"confirm\":1,\"verdict\":\"confirm\""));
    let text = check("zh", None);
    assert!(
        text.contains("没有错误，但有 1 处需要先确认再导入（name-mismatch）"),
        "{text}"
    );
    assert!(!text.contains("名单可以导入"), "{text}");
    // The admin settles zhang by hand: nothing left to confirm.
    let settled = dir.file(
        "overrides.json",
        r#"{"zhang.wei@example.cn":{"type":"member","userid":"LiuYang"}}"#,
    );
    let text = check("zh", Some(&settled));
    assert!(text.contains("：名单可以导入\n"), "{text}");
}

#[test]
fn duplicate_rows_exit_1_and_are_listed_by_row() {
    let dir = TempDir::new("dup");
    let exmail = dir.file(
        "exmail.csv",
        &format!("{EXMAIL}Zhang.Wei@example.cn,张伟,13800138001,wx_zhang\r\n"),
    );
    let wecom = dir.file("wecom.csv", WECOM);
    let out = run([
        "--exmail",
        arg(&exmail),
        "--wecom",
        arg(&wecom),
        "--lang",
        "en",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let text = stdout(&out);
    assert!(text.contains("[error] email-duplicate × 1"), "{text}");
    assert!(text.contains("exmail:4"), "{text}");
}

#[test]
fn overrides_and_xlsx_output() {
    let dir = TempDir::new("xlsx");
    let exmail = dir.file("exmail.csv", EXMAIL);
    let wecom = dir.file("wecom.csv", WECOM);
    let overrides = dir.file(
        "overrides.json",
        r#"{"partner1@example.cn": {"type": "member", "userid": "ZhangWei2"}}"#,
    );
    let options = dir.file("options.json", r#"{"path": "new", "lang": "en"}"#);
    let roster = dir.path("roster.xlsx");
    let report = dir.path("report.json");
    let out = run([
        "--exmail",
        arg(&exmail),
        "--wecom",
        arg(&wecom),
        "--options",
        arg(&options),
        "--overrides",
        arg(&overrides),
        "--enterprise-name",
        "示例科技有限公司",
        "--out",
        arg(&roster),
        "--report",
        arg(&report),
    ]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("accounts 2:"), "{}", stdout(&out));
    let bytes = std::fs::read(&roster).unwrap();
    assert!(bytes.starts_with(b"PK"), "an xlsx (zip) file");
    let json = std::fs::read_to_string(&report).unwrap();
    assert!(json.contains("\"matched_by\":\"override\""), "{json}");
}

#[test]
fn unreadable_input_exits_2_naming_the_file() {
    let dir = TempDir::new("broken");
    // Zip magic bytes, then nothing a spreadsheet reader can use.
    let exmail = dir.path("exmail.xlsx");
    std::fs::write(&exmail, b"PK\x03\x04broken").unwrap();
    let wecom = dir.file("wecom.csv", WECOM);
    let out = run(["--exmail", arg(&exmail), "--wecom", arg(&wecom)]);
    assert_refused(&out, &format!("企业邮箱账号文件 {}：", exmail.display()));
    let out = run([
        "--exmail",
        arg(&exmail),
        "--wecom",
        arg(&wecom),
        "--lang",
        "en",
    ]);
    assert_refused(&out, &format!("Exmail account file {}: ", exmail.display()));
}

#[test]
fn refusals_are_in_the_chosen_language_with_row_and_advice() {
    let dir = TempDir::new("quote");
    let exmail = dir.file(
        "exmail.csv",
        "邮箱帐号,姓名\r\nzhang.wei@example.cn,\"张伟\r\npartner1@example.cn,合作方1\r\n",
    );
    let wecom = dir.file("wecom.csv", WECOM);
    let zh = run(["--exmail", arg(&exmail), "--wecom", arg(&wecom)]);
    assert_refused(
        &zh,
        &format!(
            "企业邮箱账号文件 {}：第 2 行 B 列的引号（\"）没有闭合",
            exmail.display()
        ),
    );
    assert!(
        stderr(&zh).contains("请补上或删除该引号后重新保存"),
        "{}",
        stderr(&zh)
    );
    let en = run([
        "--exmail",
        arg(&exmail),
        "--wecom",
        arg(&wecom),
        "--lang",
        "en",
    ]);
    assert_refused(
        &en,
        &format!(
            "Exmail account file {}: row 2, column B: a quote (\") opens a cell that is never closed",
            exmail.display()
        ),
    );
}
