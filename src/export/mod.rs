//! Writing the 邮箱名单 (CSV/XLSX) and the findings, with formula-safe cells.
//!
//! Every cell goes through one [`sink::Sink`], which passes it through [`neutralise`]: no
//! exported cell can begin with a live formula, whichever writer produced it.
//!
//! - [`write_roster`]: the import file for the wizard, in the default layout or the uploaded
//!   roster's own layout ([`RosterTemplate`]) with only the assignment cells filled in.
//! - [`write_findings`]: the findings with their rows, for Excel (or the report as JSON).
//! - [`write_summary`]: the short human summary the command line prints.

use std::borrow::Cow;

use crate::error::Error;
use crate::ingest::{Format, Layout, Table};
use crate::model::normalise::starts_like_formula;
use crate::report::Report;
use crate::vocab::Lang;

mod findings;
mod import_file;
mod sink;
mod summary;
#[cfg(feature = "xlsx")]
mod xlsx;

pub use summary::write_summary;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// UTF-8 with a BOM and CRLF line ends: what Excel on Windows opens correctly.
    Csv,
    /// Every cell stored as text.
    Xlsx,
    /// The report JSON (findings export only).
    Json,
}

impl ExportFormat {
    pub fn parse(name: &str) -> Option<ExportFormat> {
        match name.to_ascii_lowercase().as_str() {
            "csv" => Some(ExportFormat::Csv),
            "xlsx" => Some(ExportFormat::Xlsx),
            "json" => Some(ExportFormat::Json),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Json => "json",
        }
    }

    /// The format a file name asks for, by its extension (`roster.XLSX` → `Xlsx`).
    pub fn from_path(path: &str) -> Option<ExportFormat> {
        let (_, ext) = path.rsplit_once('.')?;
        ExportFormat::parse(ext)
    }
}

/// An uploaded roster kept as the template of the output: its sheets, each with its layout.
#[derive(Debug, Clone)]
pub struct RosterTemplate {
    pub format: Format,
    pub sheets: Vec<(Table, Layout)>,
}

/// The 邮箱名单 for the wizard.
///
/// Without a template: the default layout (`邮箱地址,姓名,邮箱类型,企业微信账号,匹配依据`), one
/// row per assignment in report order. With one: the template's sheets, rows and cells as they
/// were, with only the type cell (a `邮箱类型` column is appended when a sheet has none) and the
/// userid cell filled in; accounts no template row names are appended to the first sheet that
/// has an address column.
///
/// The file is for the Chinese wizard, so headers and values are Simplified Chinese whatever
/// the check's language. JSON is not a roster format: it is refused with an [`Error`]
/// (`roster-format-json`).
pub fn write_roster(
    report: &Report,
    template: Option<&RosterTemplate>,
    format: ExportFormat,
) -> Result<Vec<u8>, Error> {
    import_file::write(report, template, format)
}

/// The findings with their rows: CSV (UTF-8 BOM, CRLF) or XLSX with the columns severity, code,
/// file, row, field, value, email, message, fix, headed in `lang`; or the whole report as JSON.
pub fn write_findings(report: &Report, lang: Lang, format: ExportFormat) -> Result<Vec<u8>, Error> {
    findings::write(report, lang, format)
}

/// Makes a cell safe to open in a spreadsheet (OWASP "CSV injection"): a cell that begins with
/// `=`, `+`, `-`, `@`, TAB or CR gets a leading `'`, so it is shown as text, never evaluated.
/// Every exported cell passes through here; safe cells are borrowed, not copied.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if !starts_like_formula(cell) {
        return Cow::Borrowed(cell);
    }
    let mut safe = String::with_capacity(cell.len() + 1);
    safe.push('\'');
    safe.push_str(cell);
    Cow::Owned(safe)
}

#[cfg(test)]
mod perf;
#[cfg(test)]
pub(crate) mod test_support;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralise_prefixes_each_dangerous_first_char() {
        for bad in ["=1+1", "+86 138", "-5", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(bad), format!("'{bad}"), "{bad:?}");
        }
        for ok in ["", "a=b", "张伟", " =1", "'=1", "1-2", "x@y.cn"] {
            assert!(
                matches!(neutralise(ok), Cow::Borrowed(s) if s == ok),
                "{ok:?}"
            );
        }
    }

    #[test]
    fn export_format_from_names_and_paths() {
        assert_eq!(ExportFormat::parse("XLSX"), Some(ExportFormat::Xlsx));
        assert_eq!(ExportFormat::parse("tsv"), None);
        assert_eq!(
            ExportFormat::from_path("out/名单.CSV"),
            Some(ExportFormat::Csv)
        );
        assert_eq!(ExportFormat::from_path("r.json"), Some(ExportFormat::Json));
        assert_eq!(ExportFormat::from_path("roster"), None);
    }
}
