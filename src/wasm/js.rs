//! The JS side of the shell: a thrown `Error` for every refusal, the inputs read from a JS
//! object, and the browser as the core's host (its `TextDecoder` for legacy encodings, the
//! `onProgress` callback).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

use js_sys::{Function, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{Error, Problem};
use crate::export::ExportFormat;
use crate::host::{Host, LegacyDecodeError, LegacyDecoder, Stage};
use crate::message::ArgValue;
use crate::options::Options;
use crate::vocab::{FileKind, Lang};

use super::api::ExportOptions;

#[wasm_bindgen]
extern "C" {
    /// The host's WHATWG decoder: GB18030 and the other legacy encodings are decoded by it, so
    /// the wasm does not carry their tables.
    type TextDecoder;
    #[wasm_bindgen(constructor, catch)]
    fn new(label: &str, options: &JsValue) -> Result<TextDecoder, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn decode(this: &TextDecoder, input: &[u8], options: &JsValue) -> Result<String, JsValue>;
}

/// The core's [`LegacyDecoder`], by the host:
/// `new TextDecoder(name, { fatal: true }).decode(bytes, { stream })`.
fn host_decode(name: &str, bytes: &[u8], stream: bool) -> Result<String, LegacyDecodeError> {
    let flag = |key: &str, value: bool| {
        let object = js_sys::Object::new();
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_bool(value));
        JsValue::from(object)
    };
    let decoder =
        TextDecoder::new(name, &flag("fatal", true)).map_err(|_| LegacyDecodeError::Unsupported)?;
    decoder
        .decode(bytes, &flag("stream", stream))
        .map_err(|_| LegacyDecodeError::Malformed)
}

/// Set once a panic escaped: the abandoned call may have left state half-changed.
static POISONED: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

pub(super) fn install_panic_hook() {
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            POISONED.store(true, Ordering::SeqCst);
            let detail = info.to_string();
            // Throwing unwinds the wasm stack as a JS exception: the caller gets an Error
            // instead of `RuntimeError: unreachable`.
            wasm_bindgen::throw_val(js_error(&Error::call(Problem::Internal { detail })));
        }));
    });
}

pub(super) fn guard() -> Result<(), JsValue> {
    install_panic_hook();
    if POISONED.load(Ordering::SeqCst) {
        return Err(js_error(&Error::call(Problem::InstanceUnusable {})));
    }
    Ok(())
}

/// The JS `Error` for `e`: `message` is the English text of earlier versions (embedders match
/// on it); own properties `file`, `code`, `row` (`undefined` when unknown), `args` (a plain
/// object) and `messages` ({ zh, en }: the sentence a person reads, in each language).
pub(super) fn js_error(e: &Error) -> JsValue {
    let error = js_sys::Error::new(&e.to_string());
    let set = |object: &JsValue, key: &str, value: JsValue| {
        let _ = Reflect::set(object, &JsValue::from_str(key), &value);
    };
    let file = e
        .file()
        .map_or(JsValue::NULL, |f| JsValue::from_str(f.as_str()));
    set(&error, "file", file);
    set(&error, "code", JsValue::from_str(e.code()));
    set(
        &error,
        "row",
        e.row().map_or(JsValue::UNDEFINED, JsValue::from),
    );
    let args = JsValue::from(js_sys::Object::new());
    for (name, value) in e.args() {
        set(&args, name, plain(&value));
    }
    set(&error, "args", args);
    let messages = JsValue::from(js_sys::Object::new());
    for &lang in Lang::ALL {
        set(
            &messages,
            lang.as_str(),
            JsValue::from_str(&e.message(lang)),
        );
    }
    set(&error, "messages", messages);
    error.into()
}

pub(super) fn js_err(e: Error) -> JsValue {
    js_error(&e)
}

/// Reads one input's bytes (one copy into wasm memory). `None` when absent (null/undefined).
pub(super) fn bytes(input: &JsValue, file: FileKind) -> Result<Option<Vec<u8>>, JsValue> {
    let value = Reflect::get(input, &JsValue::from_str(file.as_str()))
        .map_err(|_| js_err(Error::input(file, "could not be read from the input")))?;
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    if let Some(array) = value.dyn_ref::<Uint8Array>() {
        return Ok(Some(array.to_vec()));
    }
    if let Some(buffer) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(Some(Uint8Array::new(buffer).to_vec()));
    }
    let problem = match value.is_string() {
        true => Problem::FileIsText {},
        false => Problem::FileBytesType {
            got: value.js_typeof().as_string().unwrap_or_default(),
        },
    };
    Err(js_err(Error::refused(file, problem)))
}

pub(super) fn required(input: &JsValue, file: FileKind) -> Result<Vec<u8>, JsValue> {
    bytes(input, file)?
        .ok_or_else(|| js_err(Error::refused(file, Problem::FileMissing { input: file })))
}

pub(super) fn options(input: &JsValue) -> Result<Options, JsValue> {
    let value = Reflect::get(input, &JsValue::from_str("options")).unwrap_or(JsValue::UNDEFINED);
    if value.is_null() || value.is_undefined() {
        return Ok(Options::default());
    }
    // As a JSON value, read exactly as the command line reads its JSON: unknown fields are
    // refused, so a typo such as `advancedQuota` does not pass silently.
    let invalid = |detail: String| js_err(Error::options(Problem::OptionsInvalid { detail }));
    Options::from_value(&json_value(&value)).map_err(invalid)
}

/// A JS value as the JSON value `JSON.parse(JSON.stringify(value))` would give: `undefined`
/// and functions in an object are left out (in an array they are `null`), a number that is an
/// integer is one.
fn json_value(value: &JsValue) -> serde_json::Value {
    use serde_json::Value;
    if let Some(b) = value.as_bool() {
        return Value::Bool(b);
    }
    if let Some(n) = value.as_f64() {
        // 2^53: beyond it a double no longer holds every integer.
        let exact = n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_992.0;
        return match (exact, n < 0.0) {
            (true, false) => Value::from(n as u64),
            (true, true) => Value::from(n as i64),
            (false, _) => serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number),
        };
    }
    if let Some(s) = value.as_string() {
        return Value::String(s);
    }
    if js_sys::Array::is_array(value) {
        let array = js_sys::Array::from(value);
        return Value::Array(array.iter().map(|v| json_value(&v)).collect());
    }
    if value.is_object() && !value.is_function() {
        let mut map = serde_json::Map::new();
        for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
            let (Some(name), Ok(v)) = (key.as_string(), Reflect::get(value, &key)) else {
                continue;
            };
            if !v.is_undefined() && !v.is_function() {
                map.insert(name, json_value(&v));
            }
        }
        return Value::Object(map);
    }
    Value::Null
}

/// The browser as the core's host: its `TextDecoder` decodes legacy encodings, and each stage
/// is reported to the caller's `onProgress`.
pub(super) struct Browser {
    pub progress: Option<Function>,
}

impl Host for Browser {
    fn legacy_decoder(&self) -> Option<LegacyDecoder> {
        Some(host_decode)
    }

    fn progress(&mut self, stage: Stage) {
        if let Some(f) = &self.progress {
            // A throwing callback must not stop the check; its error is the caller's own.
            let _ = f.call1(&JsValue::NULL, &JsValue::from_str(stage.as_str()));
        }
    }
}

/// A language named by a host (`zh`, `zh-CN`, `zh-TW`, `en`), refused by name otherwise.
pub(super) fn lang_of(value: &str) -> Result<Lang, JsValue> {
    Lang::parse(value).ok_or_else(|| {
        let detail =
            format!("unknown language `{value}`, expected one of `zh`, `zh-CN`, `zh-TW`, `en`");
        js_err(Error::options(Problem::OptionsInvalid { detail }))
    })
}

/// An argument's plain value as a JS value.
pub(super) fn plain(value: &ArgValue) -> JsValue {
    match value {
        ArgValue::Null => JsValue::NULL,
        ArgValue::Number(n) => JsValue::from_f64(*n as f64),
        ArgValue::Text(s) => JsValue::from_str(s),
        ArgValue::List(items) => items
            .iter()
            .map(|s| JsValue::from_str(s))
            .collect::<js_sys::Array>()
            .into(),
        ArgValue::Object(parts) => {
            let object = JsValue::from(js_sys::Object::new());
            for (k, v) in parts {
                let _ = Reflect::set(&object, &JsValue::from_str(k), &plain(v));
            }
            object
        }
    }
}

/// A plain JS object read as JSON (as the options are), for the core's readers.
pub(super) fn json_of(value: JsValue) -> serde_json::Value {
    json_value(&value)
}

/// The export's `{ format, lang }`: CSV unless `format` says, the check's language unless
/// `lang` says.
pub(super) fn format_of(
    args: Option<ExportOptions>,
    allowed: &[ExportFormat],
    what: &'static str,
) -> Result<(ExportFormat, Option<Lang>), JsValue> {
    let Some(args) = args
        .map(JsValue::from)
        .filter(|v| !v.is_null() && !v.is_undefined())
    else {
        return Ok((ExportFormat::Csv, None));
    };
    let lang = match Reflect::get(&args, &JsValue::from_str("lang"))
        .ok()
        .and_then(|l| l.as_string())
    {
        Some(l) => Some(lang_of(&l)?),
        None => None,
    };
    let format = Reflect::get(&args, &JsValue::from_str("format")).unwrap_or(JsValue::UNDEFINED);
    if format.is_undefined() || format.is_null() {
        return Ok((ExportFormat::Csv, lang));
    }
    let name = format.as_string().unwrap_or_default();
    match ExportFormat::parse(&name) {
        Some(f) if allowed.contains(&f) => Ok((f, lang)),
        _ => Err(js_err(Error::call(Problem::ExportFormatUnknown {
            what,
            allowed: allowed
                .iter()
                .map(|f| format!("\"{}\"", f.as_str()))
                .collect(),
            got: name_or_type(&format, &name),
        }))),
    }
}

fn name_or_type(value: &JsValue, name: &str) -> String {
    if value.is_string() {
        name.to_string()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}
