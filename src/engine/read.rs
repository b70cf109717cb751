//! The read stage: each file's bytes to a table with its layout, and the findings about how it
//! was read (a missing or guessed column, the sheet chosen, formulas without a value, lost
//! digits).

use std::borrow::Cow;

use crate::error::{Error, Problem};
use crate::export::RosterTemplate;
use crate::host::LegacyDecoder;
use crate::ingest::{self, Layout, Loaded, Table};
use crate::options::{Options, ReadOptions};
use crate::report::{self, InputInfo};
use crate::rules::{self, Args, At, Findings};
use crate::vocab::{Field, FileKind};

/// One exmail or WeCom file, read, with its layout.
pub(super) struct Sheet {
    loaded: Loaded,
    pub table: Table,
    pub layout: Layout,
    /// The required column is there.
    pub usable: bool,
}

impl Sheet {
    pub fn read(
        bytes: Cow<'_, [u8]>,
        file: FileKind,
        read: &ReadOptions,
        options: &Options,
        legacy: Option<LegacyDecoder>,
        findings: &mut Findings,
    ) -> Result<Sheet, Error> {
        let mut loaded = ingest::load_input(bytes, file, read, &options.limits, legacy)?;
        if loaded.sheets.is_empty() {
            return Err(Error::refused(file, Problem::NoSheet {}));
        }
        let table = loaded.sheets.swap_remove(0);
        let layout = ingest::find_layout(&table, file, read)?;
        let required = match file {
            FileKind::Wecom => Field::Userid,
            _ => Field::Email,
        };
        let usable = layout.column(required).is_some();
        if !usable {
            rules::columns::missing(file, required, &layout.headers, findings);
        }
        rules::columns::check_guesses(file, &layout, findings);
        rules::workbook::check_notes(file, &loaded.notes, table.sheet.as_deref(), findings);
        rules::workbook::check_digits(file, &table, &layout, findings);
        Ok(Sheet {
            loaded,
            table,
            layout,
            usable,
        })
    }

    pub fn info(&self) -> InputInfo {
        report::input_info(&self.loaded, &self.table, &self.layout)
    }

    /// A row below the header that is not blank.
    fn has_data_rows(&self) -> bool {
        (self.layout.data_start..self.table.len()).any(|i| !self.table.row(i).is_blank())
    }

    /// Refuses a file with no data row: an exmail file without accounts has nothing to check,
    /// and an empty report would read as "importable".
    pub fn require_rows(&self) -> Result<(), Error> {
        let file = FileKind::Exmail;
        if self.table.rows().all(|r| r.is_blank()) {
            return Err(Error::refused(file, Problem::BlankFile {}));
        }
        if !self.has_data_rows() {
            let header_row = self.layout.header_row;
            return Err(Error::refused(file, Problem::NoDataRows { header_row }));
        }
        Ok(())
    }

    /// `wecom-empty`: a WeCom file with a header and no member row below it.
    pub fn check_members(&self, findings: &mut Findings) {
        if !self.has_data_rows() {
            let mut at = At::file(FileKind::Wecom).value(self.layout.header_row.to_string());
            at.row = Some(self.layout.header_row);
            findings.add(Args::WecomEmpty {}, at);
        }
    }
}

/// The uploaded roster: every sheet with its layout, kept as the output's template.
pub(super) struct ReadTemplate {
    pub template: RosterTemplate,
    pub info: InputInfo,
}

pub(super) fn read_template(
    bytes: &[u8],
    options: &Options,
    legacy: Option<LegacyDecoder>,
    findings: &mut Findings,
) -> Result<ReadTemplate, Error> {
    let file = FileKind::Roster;
    let loaded = ingest::load_with(bytes, file, &options.roster_file, &options.limits, legacy)?;
    let mut sheets = Vec::with_capacity(loaded.sheets.len());
    for table in &loaded.sheets {
        let layout = ingest::find_layout(table, file, &options.roster_file)?;
        rules::workbook::check_digits(file, table, &layout, findings);
        sheets.push((table.clone(), layout));
    }
    for (_, layout) in &sheets {
        rules::columns::check_guesses(file, layout, findings);
    }
    rules::workbook::check_notes(file, &loaded.notes, None, findings);
    let Some((first_table, first_layout)) = sheets.first() else {
        return Err(Error::refused(file, Problem::NoSheet {}));
    };
    if sheets.iter().all(|(_, l)| l.column(Field::Email).is_none()) {
        rules::columns::missing(file, Field::Email, &first_layout.headers, findings);
    }
    let info = report::input_info(&loaded, first_table, first_layout);
    Ok(ReadTemplate {
        template: RosterTemplate {
            format: loaded.format,
            sheets,
        },
        info,
    })
}
