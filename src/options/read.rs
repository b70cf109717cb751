//! Reading the options from a JSON value, field by field, with serde's words for what is wrong
//! (`unknown field`, `invalid type`, `unknown variant`). One reader for the command line (JSON
//! text) and the JS module (a value built from the caller's object): serde's derived readers
//! compiled a copy per deserializer into the wasm, ~45 KB of code (BENCHMARKS.md).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{Limits, Options, Override, ReadOptions};
use crate::vocab::{Lang, UpgradePath};

type Result<T> = std::result::Result<T, String>;

/// How serde names a value that is not what was expected.
fn unexpected(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".to_string(),
        Value::Object(_) => "map".to_string(),
    }
}

fn invalid_type(value: &Value, expected: &str) -> String {
    format!("invalid type: {}, expected {expected}", unexpected(value))
}

/// The fields of an object, each known one read by `field`; an unknown one is refused naming
/// the known ones.
fn fields(
    value: &Value,
    what: &str,
    known: &[&str],
    mut field: impl FnMut(&str, &Value) -> Result<()>,
) -> Result<()> {
    let Value::Object(map) = value else {
        return Err(invalid_type(value, what));
    };
    for (key, v) in map {
        match known.contains(&key.as_str()) {
            true => field(key, v)?,
            false => {
                return Err(format!(
                    "unknown field `{key}`, expected one of `{}`",
                    known.join("`, `")
                ))
            }
        }
    }
    Ok(())
}

fn boolean(value: &Value) -> Result<bool> {
    value
        .as_bool()
        .ok_or_else(|| invalid_type(value, "a boolean"))
}

fn string(value: &Value) -> Result<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        _ => Err(invalid_type(value, "a string")),
    }
}

fn optional<T>(value: &Value, read: impl Fn(&Value) -> Result<T>) -> Result<Option<T>> {
    match value {
        Value::Null => Ok(None),
        v => read(v).map(Some),
    }
}

fn strings(value: &Value) -> Result<Vec<String>> {
    match value {
        Value::Array(items) => items.iter().map(string).collect(),
        _ => Err(invalid_type(value, "a sequence")),
    }
}

/// A non-negative integer that fits `T` (`name`: the type as serde says it).
fn integer<T: TryFrom<u64>>(value: &Value, name: &str) -> Result<T> {
    let Value::Number(n) = value else {
        return Err(invalid_type(value, name));
    };
    match (n.as_u64(), n.as_i64()) {
        (Some(u), _) => {
            T::try_from(u).map_err(|_| format!("invalid value: integer `{u}`, expected {name}"))
        }
        (None, Some(i)) => Err(format!("invalid value: integer `{i}`, expected {name}")),
        (None, None) => Err(invalid_type(value, name)),
    }
}

fn word<T>(value: &Value, parse: impl Fn(&str) -> Option<T>, known: &str) -> Result<T> {
    let code = match value {
        Value::String(s) => s,
        _ => return Err(invalid_type(value, "a string")),
    };
    parse(code).ok_or_else(|| format!("unknown variant `{code}`, expected one of `{known}`"))
}

const OPTIONS: &[&str] = &[
    "path",
    "advanced_quota",
    "target_paid",
    "wecom_api_email_param",
    "exmail_contacts_api",
    "wecom_contacts_api",
    "department_backup_rules",
    "features_in_use",
    "enterprise_name",
    "domains",
    "overrides",
    "lang",
    "exmail_file",
    "wecom_file",
    "roster_file",
    "limits",
];

pub(super) fn options(value: &Value) -> Result<Options> {
    let mut o = Options::default();
    fields(value, "struct Options", OPTIONS, |key, v| {
        match key {
            "path" => o.path = word(v, UpgradePath::parse, "new`, `bind")?,
            "advanced_quota" => o.advanced_quota = optional(v, |v| integer(v, "u64"))?,
            "target_paid" => o.target_paid = boolean(v)?,
            "wecom_api_email_param" => o.wecom_api_email_param = boolean(v)?,
            "exmail_contacts_api" => o.exmail_contacts_api = boolean(v)?,
            "wecom_contacts_api" => o.wecom_contacts_api = boolean(v)?,
            "department_backup_rules" => o.department_backup_rules = boolean(v)?,
            "features_in_use" => o.features_in_use = strings(v)?,
            "enterprise_name" => o.enterprise_name = optional(v, string)?,
            "domains" => o.domains = strings(v)?,
            "overrides" => o.overrides = overrides(v)?,
            "lang" => o.lang = word(v, Lang::parse, "zh`, `zh-CN`, `zh-TW`, `en")?,
            "exmail_file" => o.exmail_file = read_options(v)?,
            "wecom_file" => o.wecom_file = read_options(v)?,
            "roster_file" => o.roster_file = read_options(v)?,
            "limits" => o.limits = limits(v)?,
            _ => {} // `fields` passes known keys only
        }
        Ok(())
    })?;
    Ok(o)
}

fn read_options(value: &Value) -> Result<ReadOptions> {
    let mut r = ReadOptions::default();
    let known = ["encoding", "sheet", "header_row", "columns"];
    fields(value, "struct ReadOptions", &known, |key, v| {
        match key {
            "encoding" => r.encoding = optional(v, string)?,
            "sheet" => r.sheet = optional(v, string)?,
            "header_row" => r.header_row = optional(v, |v| integer(v, "u32"))?,
            "columns" => r.columns = map(v, string)?,
            _ => {}
        }
        Ok(())
    })?;
    Ok(r)
}

fn limits(value: &Value) -> Result<Limits> {
    let mut l = Limits::default();
    let known = [
        "max_input_bytes",
        "max_rows",
        "max_columns",
        "max_cell_bytes",
        "max_xlsx_inflated_bytes",
    ];
    fields(value, "struct Limits", &known, |key, v| {
        match key {
            "max_input_bytes" => l.max_input_bytes = integer(v, "usize")?,
            "max_rows" => l.max_rows = integer(v, "usize")?,
            "max_columns" => l.max_columns = integer(v, "usize")?,
            "max_cell_bytes" => l.max_cell_bytes = integer(v, "usize")?,
            "max_xlsx_inflated_bytes" => l.max_xlsx_inflated_bytes = integer(v, "u64")?,
            _ => {}
        }
        Ok(())
    })?;
    Ok(l)
}

fn map<T>(value: &Value, read: impl Fn(&Value) -> Result<T>) -> Result<BTreeMap<String, T>> {
    let Value::Object(entries) = value else {
        return Err(invalid_type(value, "a map"));
    };
    entries
        .iter()
        .map(|(k, v)| Ok((k.clone(), read(v)?)))
        .collect()
}

/// Address → `{"type": "member", "userid": …}` or `{"type": "other"}` (other keys are
/// ignored, as serde does for a tagged enum).
pub(super) fn overrides(value: &Value) -> Result<BTreeMap<String, Override>> {
    map(value, decision)
}

fn decision(value: &Value) -> Result<Override> {
    let Value::Object(entries) = value else {
        return Err(invalid_type(value, "internally tagged enum Override"));
    };
    fn get<'v>(entries: &'v Map<String, Value>, key: &str) -> Result<&'v Value> {
        entries
            .get(key)
            .ok_or_else(|| format!("missing field `{key}`"))
    }
    match get(entries, "type")? {
        Value::String(t) if t == "member" => Ok(Override::Member {
            userid: string(get(entries, "userid")?)?,
        }),
        Value::String(t) if t == "other" => Ok(Override::Other),
        Value::String(t) => Err(format!(
            "unknown variant `{t}`, expected `member` or `other`"
        )),
        other => Err(invalid_type(other, "variant identifier")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Options> {
        options(&serde_json::from_str(json).unwrap())
    }

    #[test]
    fn every_field_is_read() {
        let o = read(
            r#"{"path":"new","advanced_quota":3,"target_paid":true,"wecom_api_email_param":true,
            "exmail_contacts_api":true,"wecom_contacts_api":true,"department_backup_rules":true,
            "features_in_use":["rtx"],"enterprise_name":"Acme","domains":["acme.cn"],
            "overrides":{"a@acme.cn":{"type":"member","userid":"A"},"b@acme.cn":{"type":"other"}},
            "lang":"zh-TW","exmail_file":{"encoding":"gbk","sheet":"S","header_row":2,
            "columns":{"email":"B"}},"wecom_file":{"sheet":null},"roster_file":{},
            "limits":{"max_input_bytes":1,"max_rows":2,"max_columns":3,"max_cell_bytes":4,
            "max_xlsx_inflated_bytes":5}}"#,
        )
        .unwrap();
        assert_eq!(o.path, UpgradePath::New);
        assert_eq!(o.advanced_quota, Some(3));
        assert!(o.target_paid && o.wecom_api_email_param && o.exmail_contacts_api);
        assert!(o.wecom_contacts_api && o.department_backup_rules);
        assert_eq!(o.features_in_use, ["rtx"]);
        assert_eq!(o.enterprise_name.as_deref(), Some("Acme"));
        assert_eq!(o.domains, ["acme.cn"]);
        assert_eq!(
            o.overrides["a@acme.cn"],
            Override::Member { userid: "A".into() }
        );
        assert_eq!(o.overrides["b@acme.cn"], Override::Other);
        assert_eq!(o.lang, Lang::ZhTw);
        assert_eq!(o.exmail_file.encoding.as_deref(), Some("gbk"));
        assert_eq!(o.exmail_file.sheet.as_deref(), Some("S"));
        assert_eq!(o.exmail_file.header_row, Some(2));
        assert_eq!(o.exmail_file.columns["email"], "B");
        assert_eq!(o.wecom_file, ReadOptions::default());
        let l = o.limits;
        assert_eq!(
            (
                l.max_input_bytes,
                l.max_rows,
                l.max_columns,
                l.max_cell_bytes
            ),
            (1, 2, 3, 4)
        );
        assert_eq!(l.max_xlsx_inflated_bytes, 5);
    }

    #[test]
    fn what_is_missing_takes_its_default() {
        let o = read(r#"{"limits":{"max_rows":7}}"#).unwrap();
        assert_eq!(o.limits.max_rows, 7);
        assert_eq!(o.limits.max_columns, Limits::default().max_columns);
        assert_eq!(o.path, UpgradePath::Bind);
        assert_eq!(read("{}").unwrap().lang, Lang::Zh);
    }

    #[test]
    fn what_is_wrong_is_said_as_serde_says_it() {
        let e = |json: &str| read(json).unwrap_err();
        assert!(e(r#"{"advancedQuota":3}"#).starts_with(
            "unknown field `advancedQuota`, expected one of `path`, `advanced_quota`"
        ));
        assert_eq!(
            e(r#"{"path":"upgrade"}"#),
            "unknown variant `upgrade`, expected one of `new`, `bind`"
        );
        assert_eq!(
            e(r#"{"target_paid":"yes"}"#),
            "invalid type: string \"yes\", expected a boolean"
        );
        assert_eq!(
            e(r#"{"exmail_file":{"sheet":1}}"#),
            "invalid type: integer `1`, expected a string"
        );
        assert_eq!(
            e(r#"{"advanced_quota":-1}"#),
            "invalid value: integer `-1`, expected u64"
        );
        assert_eq!(
            e(r#"{"advanced_quota":1.5}"#),
            "invalid type: floating point `1.5`, expected u64"
        );
        assert_eq!(
            e(r#"{"exmail_file":{"header_row":5000000000}}"#),
            "invalid value: integer `5000000000`, expected u32"
        );
        assert!(e(r#"{"limits":{"max_row":7}}"#).starts_with("unknown field `max_row`"));
        assert_eq!(e("[]"), "invalid type: sequence, expected struct Options");
        assert_eq!(
            e(r#"{"overrides":{"a":{"type":"boss"}}}"#),
            "unknown variant `boss`, expected `member` or `other`"
        );
        assert_eq!(
            e(r#"{"overrides":{"a":{"type":"member"}}}"#),
            "missing field `userid`"
        );
        assert_eq!(e(r#"{"overrides":{"a":{}}}"#), "missing field `type`");
        assert_eq!(
            e(r#"{"lang":"fr"}"#),
            "unknown variant `fr`, expected one of `zh`, `zh-CN`, `zh-TW`, `en`"
        );
        assert_eq!(
            e(r#"{"features_in_use":"rtx"}"#),
            "invalid type: string \"rtx\", expected a sequence"
        );
    }
}
