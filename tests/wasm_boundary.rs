//! The JS boundary (`src/wasm.rs`) from the inside: compiled to wasm32 as the page's build is and
//! run in Node by `wasm-bindgen-test-runner` (`make wasm-test`). What the JS tests
//! (`tests/js/`) see from outside, checked here against the core itself: options read from a JS
//! object exactly as from JSON, the host's `TextDecoder` for legacy encodings, failures as JS
//! `Error`s carrying their code and messages, and `report()` / `members()` equal to their JSON.
//!
//! One wasm instance runs every test here, and the module's panic hook (`src/wasm.rs`) is also the
//! one a failing assertion goes through: it marks the instance unusable, so after the first
//! failure every later test fails too (`instance-unusable`). Read the first FAIL. For the same
//! reason `__panicForTests` is left to `tests/js/panic.test.mjs`, which loads a fresh instance.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Reflect, Uint8Array, JSON};
use roster_check::wasm::{self, Check, CheckInput, ExportOptions};
use roster_check::{Inputs, Options};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

const EXMAIL: &[u8] = include_bytes!("js/fixtures/basic-exmail.csv");
const WECOM: &[u8] = include_bytes!("js/fixtures/basic-wecom.csv");
const GBK_EXMAIL: &[u8] = include_bytes!("js/fixtures/gbk-exmail.csv");

/// A JS value from JSON text (objects as a host would write them).
fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON")
}

fn set(object: &JsValue, key: &str, value: impl Into<JsValue>) {
    Reflect::set(object, &JsValue::from_str(key), &value.into()).expect("set");
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).expect("get")
}

/// `{ exmail, wecom, options }` with the bytes as `Uint8Array`s; `options` as JSON text.
fn input(exmail: &[u8], wecom: Option<&[u8]>, options: Option<&str>) -> JsValue {
    let input = JsValue::from(Object::new());
    set(&input, "exmail", Uint8Array::from(exmail));
    if let Some(wecom) = wecom {
        set(&input, "wecom", Uint8Array::from(wecom));
    }
    if let Some(options) = options {
        set(&input, "options", js(options));
    }
    input
}

fn run(input: JsValue) -> Result<Check, JsValue> {
    wasm::check(input.unchecked_into::<CheckInput>())
}

/// The `Error` a call threw, checked to be a real JS `Error` (not a wasm trap).
fn thrown(result: Result<impl Sized, JsValue>) -> JsValue {
    let Err(error) = result else {
        panic!("expected an Error, the call succeeded")
    };
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "not an Error: {error:?}"
    );
    assert!(
        !error.is_instance_of::<js_sys::WebAssembly::RuntimeError>(),
        "a wasm trap"
    );
    error
}

fn text(value: JsValue) -> String {
    value
        .as_string()
        .unwrap_or_else(|| panic!("not a string: {value:?}"))
}

/// The error's `code`, `file` (None for null), and both messages, which must be non-empty.
fn contract(error: &JsValue) -> (String, Option<String>, String, String) {
    let messages = get(error, "messages");
    let (zh, en) = (text(get(&messages, "zh")), text(get(&messages, "en")));
    assert!(!zh.is_empty() && !en.is_empty(), "empty messages");
    let file = get(error, "file");
    let file = if file.is_null() {
        None
    } else {
        Some(text(file))
    };
    (text(get(error, "code")), file, zh, en)
}

/// The same check by the core, from the options' JSON: what the command line does.
fn core_report_json(exmail: &[u8], wecom: Option<&[u8]>, options: &str) -> String {
    let options = Options::from_json(options).expect("options JSON");
    let inputs = Inputs {
        exmail,
        wecom,
        roster: None,
    };
    roster_check::check(&inputs, &options)
        .expect("core check")
        .report
        .to_json()
}

fn as_json(value: JsValue) -> serde_json::Value {
    let text = js_sys::JSON::stringify(&value).expect("a JSON-like value");
    serde_json::from_str(&String::from(text)).expect("JSON text")
}

#[wasm_bindgen_test]
fn options_from_a_js_object_are_read_as_the_command_line_reads_their_json() {
    let options = r#"{"path": "bind", "advanced_quota": 1, "target_paid": true, "domains": ["example.cn"],
        "features_in_use": ["netdisk"], "lang": "en", "overrides": {"partner1@example.cn": {"type": "other"}},
        "wecom_file": {"header_row": 1}}"#;
    let checked = run(input(EXMAIL, Some(WECOM), Some(options))).expect("check");
    let json = checked.report_json().expect("reportJson");
    assert_eq!(json, core_report_json(EXMAIL, Some(WECOM), options));
    // The options did change the report (so the comparison is not of two defaults).
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"target-is-paid"), "{codes:?}");
    assert!(codes.contains(&"quota-exceeded"), "{codes:?}");
    let partner = report["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["email"] == "partner1@example.cn")
        .unwrap();
    assert_eq!(partner["matched_by"], "override");
}

#[wasm_bindgen_test]
fn absent_or_null_options_are_the_defaults() {
    let defaults = core_report_json(EXMAIL, Some(WECOM), "{}");
    let absent = run(input(EXMAIL, Some(WECOM), None)).expect("check");
    assert_eq!(absent.report_json().unwrap(), defaults);
    let null = run(input(EXMAIL, Some(WECOM), Some("null"))).expect("check");
    assert_eq!(null.report_json().unwrap(), defaults);
}

#[wasm_bindgen_test]
fn a_misspelt_or_mistyped_option_is_an_options_error() {
    for (options, named) in [
        (r#"{"advancedQuota": 3}"#, "advancedQuota"),
        (r#"{"advanced_quota": "three"}"#, "three"),
        (r#"{"exmail_file": {"headerRow": 2}}"#, "headerRow"),
    ] {
        let error = thrown(run(input(EXMAIL, Some(WECOM), Some(options))));
        let (code, file, _, en) = contract(&error);
        assert_eq!(code, "options-invalid", "{options}");
        assert_eq!(file.as_deref(), Some("options"), "{options}");
        assert!(en.contains(named), "{options}: {en}");
        assert!(
            text(get(&error, "message")).contains(named),
            "{options}: the legacy message names it too"
        );
    }
}

#[wasm_bindgen_test]
fn missing_and_wrongly_typed_inputs_are_errors_naming_the_file() {
    let error = thrown(run(js(r#"{"wecom": null}"#)));
    assert_eq!(
        contract(&error).0.as_str(),
        "file-missing",
        "no exmail bytes"
    );
    assert_eq!(contract(&error).1.as_deref(), Some("exmail"));
    assert!(get(&error, "row").is_undefined());

    let error = thrown(run(js(r#"{"exmail": "zhang.wei@example.cn"}"#)));
    assert_eq!(contract(&error).0, "file-is-text");
    assert_eq!(contract(&error).1.as_deref(), Some("exmail"));

    let as_number = input(EXMAIL, None, None);
    set(&as_number, "wecom", 42);
    let error = thrown(run(as_number));
    let (code, file, _, _) = contract(&error);
    assert_eq!(
        (code.as_str(), file.as_deref()),
        ("file-bytes-type", Some("wecom"))
    );
    assert_eq!(text(get(&get(&error, "args"), "got")), "number");

    let error = thrown(run(JsValue::from_str("not an object")));
    let (code, file, _, _) = contract(&error);
    assert_eq!((code.as_str(), file), ("input-not-object", None));
}

#[wasm_bindgen_test]
fn an_error_about_a_row_carries_the_row_and_its_arguments() {
    let broken = "邮箱帐号,姓名\nzhang.wei@example.cn,张伟\n\"li.na@example.cn,李娜\nwang.fang@example.cn,王芳\n";
    let error = thrown(run(input(broken.as_bytes(), Some(WECOM), None)));
    let (code, file, zh, en) = contract(&error);
    assert_eq!(
        (code.as_str(), file.as_deref()),
        ("unclosed-quote", Some("exmail"))
    );
    assert_eq!(get(&error, "row").as_f64(), Some(3.0));
    assert_eq!(get(&get(&error, "args"), "row").as_f64(), Some(3.0));
    assert!(zh.contains("第 3 行"), "{zh}");
    assert!(en.contains("row 3"), "{en}");
}

#[wasm_bindgen_test]
fn gbk_is_decoded_by_the_hosts_text_decoder() {
    // The wasm build has no encoding tables of its own (no `legacy-encodings`): without the
    // host's decoder this file could not be read at all.
    let checked = run(input(GBK_EXMAIL, Some(WECOM), None)).expect("check");
    let report = as_json(checked.report().unwrap().into());
    let encoding = report["inputs"]["exmail"]["encoding"].as_str().unwrap();
    assert!(encoding.starts_with("gb"), "{encoding}");
    let names: Vec<&str> = report["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"张伟"), "{names:?}");
    // Big5, declared: decoded by the host too (the core has no Big5 of its own in any build).
    let big5 = b"\xb6l\xbdc\xb1b\xb8\xb9,\xa9m\xa6W\nzhang.wei@example.cn,\xb1i\xb0\xb6\nli.na@example.cn,\xa7\xf5\xaeR\n";
    let options = r#"{"path": "new", "exmail_file": {"encoding": "big5"}}"#;
    let checked = run(input(big5, None, Some(options))).expect("check");
    let report = as_json(checked.report().unwrap().into());
    assert_eq!(report["assignments"][0]["name"], "張偉");
    assert_eq!(report["assignments"][1]["name"], "李娜");
    // A label no decoder knows is refused as an options error, not guessed.
    let options = r#"{"exmail_file": {"encoding": "no-such-encoding"}}"#;
    let error = thrown(run(input(GBK_EXMAIL, Some(WECOM), Some(options))));
    let (code, file, _, _) = contract(&error);
    assert_eq!(
        (code.as_str(), file.as_deref()),
        ("encoding-unknown", Some("options"))
    );
}

#[wasm_bindgen_test]
fn report_and_members_objects_equal_their_json() {
    let checked = run(input(EXMAIL, Some(WECOM), None)).expect("check");
    let json = checked.report_json().unwrap();
    let report = as_json(checked.report().unwrap().into());
    assert_eq!(
        report,
        serde_json::from_str::<serde_json::Value>(&json).unwrap()
    );
    // Chinese names and the lower-cased, trimmed address crossed intact.
    let zhao = report["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "赵磊")
        .unwrap();
    assert_eq!(zhao["email"], "zhao.lei@example.cn");

    let members = as_json(checked.members().unwrap().into());
    let userids: Vec<&str> = members
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["userid"].as_str().unwrap())
        .collect();
    assert_eq!(
        userids,
        ["ZhangWei", "LiNa", "WangFang", "ZhaoLei", "SunLi"]
    );
    let zhang = &members[0];
    assert_eq!(zhang["mailbox"], "zhang.wei@example.cn");
    assert_eq!(zhang["row"], 2);
}

#[wasm_bindgen_test]
fn an_array_buffer_reads_as_its_bytes() {
    let input = input(EXMAIL, None, None);
    set(&input, "wecom", Uint8Array::from(WECOM).buffer());
    let checked = run(input).expect("check");
    assert_eq!(
        checked.report_json().unwrap(),
        core_report_json(EXMAIL, Some(WECOM), "{}")
    );
}

#[wasm_bindgen_test]
fn on_progress_hears_every_stage_and_a_throwing_callback_does_not_stop_the_check() {
    let heard = Rc::new(RefCell::new(Vec::<String>::new()));
    let log = heard.clone();
    let listener = Closure::<dyn Fn(JsValue)>::new(move |stage: JsValue| {
        log.borrow_mut().push(stage.as_string().unwrap_or_default())
    });
    let with_listener = input(EXMAIL, Some(WECOM), None);
    set(&with_listener, "onProgress", listener.as_ref().clone());
    run(with_listener).expect("check");
    assert_eq!(
        *heard.borrow(),
        ["read", "records", "match", "rules", "report", "done"]
    );

    let throwing = input(EXMAIL, Some(WECOM), None);
    set(
        &throwing,
        "onProgress",
        Function::new_with_args("stage", "throw new Error('the host failed at ' + stage)"),
    );
    let checked = run(throwing).expect("check despite the callback");
    assert_eq!(
        checked.report_json().unwrap(),
        core_report_json(EXMAIL, Some(WECOM), "{}")
    );
}

#[wasm_bindgen_test]
fn exports_take_their_format_from_a_js_object_and_refuse_others_with_an_error() {
    let checked = run(input(EXMAIL, Some(WECOM), None)).expect("check");
    let csv = checked.export_roster(None).unwrap();
    assert!(csv.starts_with("\u{feff}".as_bytes()), "CSV with a BOM");
    let xlsx = checked
        .export_roster(Some(
            js(r#"{"format": "xlsx"}"#).unchecked_into::<ExportOptions>(),
        ))
        .unwrap();
    assert!(xlsx.starts_with(b"PK"), "an xlsx is a zip");
    let report = checked
        .export_report(Some(
            js(r#"{"format": "json"}"#).unchecked_into::<ExportOptions>(),
        ))
        .unwrap();
    assert!(serde_json::from_slice::<serde_json::Value>(&report).is_ok());

    let error = thrown(checked.export_roster(Some(
        js(r#"{"format": "json"}"#).unchecked_into::<ExportOptions>(),
    )));
    let (code, file, _, _) = contract(&error);
    assert_eq!((code.as_str(), file), ("export-format-unknown", None));
    let args = get(&error, "args");
    assert_eq!(text(get(&args, "got")), "json");
    let allowed: Vec<String> = Array::from(&get(&args, "allowed"))
        .iter()
        .map(text)
        .collect();
    assert_eq!(allowed, ["\"csv\"", "\"xlsx\""]);

    let error = thrown(checked.export_report(Some(
        js(r#"{"format": 7}"#).unchecked_into::<ExportOptions>(),
    )));
    assert_eq!(text(get(&get(&error, "args"), "got")), "number");
}

#[wasm_bindgen_test]
fn rules_lists_the_catalogue_in_order_and_version_is_cargos() {
    let table = as_json(wasm::rules().into());
    let table = table.as_object().unwrap();
    assert_eq!(table.len(), roster_check::RULES.len());
    for (order, rule) in roster_check::RULES.iter().enumerate() {
        let entry = &table[rule.name];
        assert_eq!(entry["order"], order, "{}", rule.name);
        assert_eq!(entry["severity"], rule.severity.as_str(), "{}", rule.name);
        let [message_zh, _, _] = rule.message;
        let [_, _, fix_en] = rule.fix;
        assert_eq!(entry["zh"], message_zh, "{}", rule.name);
        assert_eq!(entry["fix_en"], fix_en, "{}", rule.name);
    }
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}
