//! Writing the 邮箱名单 (CSV/XLSX) and the findings, with formula-safe cells.

use crate::error::Error;
use crate::ingest::{Format, Layout, Table};
use crate::options::Lang;
use crate::report::Report;

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
}

/// An uploaded roster kept as the template of the output: its sheets, each with its layout.
#[derive(Debug, Clone)]
pub struct RosterTemplate {
    pub format: Format,
    pub sheets: Vec<(Table, Layout)>,
}

pub fn write_roster(
    report: &Report,
    template: Option<&RosterTemplate>,
    lang: Lang,
    format: ExportFormat,
) -> Result<Vec<u8>, Error> {
    todo!("{report:?}{template:?}{lang:?}{format:?}")
}

pub fn write_findings(report: &Report, lang: Lang, format: ExportFormat) -> Result<Vec<u8>, Error> {
    todo!("{report:?}{lang:?}{format:?}")
}
