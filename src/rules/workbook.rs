//! How a file was read, as findings: which worksheet of several (`sheet-chosen`), formulas
//! read as empty for want of a saved result (`formula-no-value`), and ids and keys whose digits
//! the file itself has lost (`digits-lost`).
//!
//! `digits-lost` covers the userid and WeChat-id columns; the same damage in a mobile column is
//! `mobile-mangled`'s, so no cell is reported twice. The XLSX reader writes a number of 16 or
//! more digits in E-notation (`1.10101199003077E+17`), so a damaged number reads the same from
//! a workbook as from a CSV Excel saved.

use crate::ingest::{Layout, Table, WorkbookNotes};
use crate::rules::{Args, At, Findings};
use crate::vocab::{Field, FileKind};

/// The fields `digits-lost` looks at.
const ID_FIELDS: [Field; 2] = [Field::Userid, Field::WechatId];

/// `sheet-chosen` (when `read`, the sheet read, was chosen among several holding rows) and
/// `formula-no-value`, from what the reader noticed.
pub fn check_notes(
    file: FileKind,
    notes: &WorkbookNotes,
    read: Option<&str>,
    findings: &mut Findings,
) {
    if let (Some(sheet), false) = (read, notes.other_sheets.is_empty()) {
        let args = Args::SheetChosen {
            sheet: sheet.to_string(),
            others: notes.other_sheets.join(", "),
        };
        findings.add(args, At::file(file).value(sheet));
    }
    for (sheet, count) in &notes.uncached_formulas {
        let args = Args::FormulaNoValue {
            sheet: sheet.clone(),
            count: *count,
        };
        findings.add(args, At::file(file).value(sheet.as_str()));
    }
}

/// `digits-lost`: userid and WeChat-id cells below the header written in E-notation.
pub fn check_digits(file: FileKind, table: &Table, layout: &Layout, findings: &mut Findings) {
    for field in ID_FIELDS {
        let Some(column) = layout.column(field) else {
            continue;
        };
        for index in layout.data_start..table.len() {
            let row = table.row(index);
            let raw = row.cell(column);
            if is_e_notation(raw.trim()) {
                let at = At::cell(file, row.number, field, raw);
                findings.add(Args::DigitsLost { field }, at);
            }
        }
    }
}

/// `1.10101E+17`, `1,1E+17`, `5E-03`: digits, a decimal point or comma, `E` or `e`, a sign and
/// digits — as Excel writes a number in scientific notation. Without the sign (`2e10`) it may
/// be a real id.
fn is_e_notation(text: &str) -> bool {
    let Some(at) = text.find(['E', 'e']) else {
        return false;
    };
    let (mantissa, exponent) = (&text[..at], &text[at + 1..]);
    let Some(digits) = exponent.strip_prefix(['+', '-']) else {
        return false;
    };
    let mut separators = 0;
    let mantissa_ok = mantissa.starts_with(|c: char| c.is_ascii_digit())
        && mantissa.chars().all(|c| match c {
            '.' | ',' => {
                separators += 1;
                true
            }
            c => c.is_ascii_digit(),
        });
    mantissa_ok
        && separators <= 1
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::is_e_notation;

    #[test]
    fn e_notation_as_excel_writes_it() {
        for yes in [
            "1.10101E+17",
            "1.10101199003077E+17",
            "1E+15",
            "1,1E+17",
            "5E-03",
            "1.38e+10",
        ] {
            assert!(is_e_notation(yes), "{yes}");
        }
        for no in [
            "2e10",
            "E+17",
            "1.1.1E+17",
            "1E+",
            "ZhangWei",
            "13800138000",
            "1E+1x",
            ".5E+3",
        ] {
            assert!(!is_e_notation(no), "{no}");
        }
    }
}
