//! The upgrade context and reading options a check runs with (names as in the JSON contract).

use std::collections::BTreeMap;

mod read;

use serde::Serialize;

use crate::vocab::{Feature, Lang, UpgradePath};

/// The admin's own decision for one account; wins over matching.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Override {
    Member { userid: String },
    Other,
}

/// How to read one file; everything is guessed from content unless set here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReadOptions {
    /// Force an encoding (`utf-8`, `gbk`, `gb18030`, `utf-16le`, `utf-16be`, or any WHATWG label).
    pub encoding: Option<String>,
    /// Worksheet name; by default the workbook's active tab if it is a visible worksheet, else
    /// the first visible worksheet (a roster: every worksheet).
    pub sheet: Option<String>,
    /// 1-based row of the header (found by content by default).
    pub header_row: Option<u32>,
    /// Field → header text (or 1-based column number / letter) overriding the alias table.
    pub columns: BTreeMap<String, String>,
}

/// Bounds on what one input may make the engine do; refusals name the file and the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Limits {
    pub max_input_bytes: usize,
    pub max_rows: usize,
    pub max_columns: usize,
    pub max_cell_bytes: usize,
    /// Total uncompressed size an XLSX may inflate to.
    pub max_xlsx_inflated_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        // Sized for a 1M-account roster with room to spare, well inside wasm32's 4 GiB.
        Limits {
            max_input_bytes: 512 << 20,
            max_rows: 2_000_000,
            max_columns: 1_000,
            max_cell_bytes: 32_767, // Excel's own cell limit
            max_xlsx_inflated_bytes: 1 << 30,
        }
    }
}

/// The options of one check. Read from JSON by [`Options::from_json`] (or from a JSON value,
/// [`Options::from_value`]): a missing field takes its default, an unknown one is refused.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Options {
    pub path: UpgradePath,
    pub advanced_quota: Option<u64>,
    pub target_paid: bool,
    pub wecom_api_email_param: bool,
    pub exmail_contacts_api: bool,
    pub wecom_contacts_api: bool,
    pub department_backup_rules: bool,
    /// Names of [`Feature`]s; an unknown one is refused (`feature-unknown`).
    pub features_in_use: Vec<String>,
    pub enterprise_name: Option<String>,
    /// The organisation's mail domains; inferred from the exmail accounts when empty.
    pub domains: Vec<String>,
    /// Address → decision.
    pub overrides: BTreeMap<String, Override>,
    pub lang: Lang,
    pub exmail_file: ReadOptions,
    pub wecom_file: ReadOptions,
    pub roster_file: ReadOptions,
    pub limits: Limits,
}

impl Options {
    /// Options from the JSON contract; unknown fields are refused so typos do not pass silently.
    pub fn from_json(text: &str) -> Result<Options, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("options: {e}"))?;
        Options::from_value(&value).map_err(|e| format!("options: {e}"))
    }

    /// Options from a JSON value (the JS module builds one from the caller's object); the
    /// error says what is wrong, without the `options: ` of [`Options::from_json`].
    pub fn from_value(value: &serde_json::Value) -> Result<Options, String> {
        read::options(value)
    }

    /// The `--overrides` file's map of address → decision.
    pub fn overrides_from_json(text: &str) -> Result<BTreeMap<String, Override>, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        read::overrides(&value)
    }

    /// The features in use, known ones only (`rules::context::validate` refuses the others).
    pub fn features(&self) -> impl Iterator<Item = Feature> + '_ {
        self.features_in_use
            .iter()
            .filter_map(|f| Feature::parse(f))
    }
}
