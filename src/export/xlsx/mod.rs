//! A minimal XLSX writer: sheets of text cells, nothing else (no numbers, formulas, shared
//! strings, charts or drawings), written as they come.
//!
//! - Every cell is an inline string (`t="inlineStr"`) in the text number format (`@`); a header
//!   cell may be bold. Columns get widths and the text format; rows above a data area may be
//!   frozen.
//! - Text is XML-escaped (`& < > "`). Characters XML 1.0 cannot hold (U+0000–U+0008, U+000B,
//!   U+000C, U+000E–U+001F, U+FFFE, U+FFFF) and CR (which an XML parser would turn into LF) are
//!   written as Excel writes them, `_xHHHH_`, so they survive: Excel, LibreOffice and calamine
//!   decode them. A literal `_xHHHH_` in the text has its `_` escaped (`_x005F_`), as Excel does.
//! - A sheet's rows are compressed as they are written; only the compressed bytes are kept.
//! - Deterministic: no timestamps anywhere, so the same cells always make the same bytes.

mod zip;

use std::fmt::Write as _;

use crate::error::{Error, Problem};

use self::zip::{Deflater, Entry};

/// Excel's bounds on one sheet.
pub(crate) const MAX_ROWS: u32 = 1_048_576;
pub(crate) const MAX_COLUMNS: u16 = 16_384;
/// The worksheet rows are handed to the compressor in pieces of about this size.
const CHUNK: usize = 64 << 10;

/// A style of a cell (the index into `cellXfs` in `styles.xml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Text = 1,
    BoldText = 2,
}

/// How a finished sheet looks: column widths (in characters, from column A; `None` leaves a
/// column as it is) and the number of rows frozen at the top.
#[derive(Debug, Default)]
pub(crate) struct SheetLook {
    pub(crate) widths: Vec<Option<f64>>,
    pub(crate) freeze_rows: u32,
}

struct Sheet {
    body: Deflater,
    buf: String,
    /// The row open in `buf`, and the last row written.
    open_row: Option<u32>,
    last_row: Option<u32>,
    last_col: Option<u16>,
    max_col: u16,
    max_row: u32,
    any: bool,
}

/// A workbook being written: `sheet`, then `cell`s in row order (rows ascending, columns
/// ascending within a row), then `close_sheet`; `finish` for the bytes.
pub(crate) struct Workbook {
    names: Vec<String>,
    parts: Vec<Entry>,
    sheet: Option<Sheet>,
}

fn order_error() -> Error {
    Error::call(Problem::ExportFailed {
        detail: "cells out of order".into(),
    })
}

impl Workbook {
    pub(crate) fn new() -> Workbook {
        Workbook {
            names: Vec::new(),
            parts: Vec::new(),
            sheet: None,
        }
    }

    /// Starts a sheet named `name`, or `SheetN` (N its position, or the next free number) when
    /// Excel would refuse the name ([`valid_sheet_name`]) or another sheet has it already
    /// (Excel compares names without case). Returns the name used.
    pub(crate) fn sheet(&mut self, name: &str) -> Result<&str, Error> {
        if self.sheet.is_some() {
            self.close_sheet(&SheetLook::default())?;
        }
        let taken = |n: &str| self.names.iter().any(|o| eq_ignore_case(o, n));
        let name = if valid_sheet_name(name) && !taken(name) {
            name.to_string()
        } else {
            (self.names.len() + 1..)
                .map(|n| format!("Sheet{n}"))
                .find(|n| !taken(n))
                .unwrap_or_default()
        };
        self.names.push(name);
        self.sheet = Some(Sheet {
            body: Deflater::new(),
            buf: String::with_capacity(CHUNK + 1024),
            open_row: None,
            last_row: None,
            last_col: None,
            max_col: 0,
            max_row: 0,
            any: false,
        });
        Ok(self.names.last().map_or("", String::as_str))
    }

    /// Writes a non-empty text cell at (`row`, `col`), 0-based.
    pub(crate) fn cell(
        &mut self,
        row: u32,
        col: u16,
        text: &str,
        style: Style,
    ) -> Result<(), Error> {
        if self.sheet.is_none() {
            self.sheet("Sheet1")?;
        }
        let Some(s) = self.sheet.as_mut() else {
            return Err(order_error());
        };
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            return Err(Error::call(Problem::ExportFailed {
                detail: format!(
                    "cell {} is outside Excel's {MAX_ROWS} rows × {MAX_COLUMNS} columns",
                    cell_ref(row, col.min(MAX_COLUMNS - 1))
                ),
            }));
        }
        if s.open_row != Some(row) {
            if s.last_row.is_some_and(|r| r >= row) {
                return Err(order_error());
            }
            if s.open_row.is_some() {
                s.buf.push_str("</row>");
            }
            let _ = write!(s.buf, "<row r=\"{}\">", row + 1);
            s.open_row = Some(row);
            s.last_row = Some(row);
            s.last_col = None;
        } else if s.last_col.is_some_and(|c| c >= col) {
            return Err(order_error());
        }
        s.last_col = Some(col);
        s.any = true;
        s.max_row = s.max_row.max(row);
        s.max_col = s.max_col.max(col);
        s.buf.push_str("<c r=\"");
        push_cell_ref(&mut s.buf, row, col);
        let _ = write!(
            s.buf,
            "\" s=\"{}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">",
            style as u8
        );
        push_escaped(&mut s.buf, text);
        s.buf.push_str("</t></is></c>");
        if s.buf.len() >= CHUNK {
            s.body.write(s.buf.as_bytes())?;
            s.buf.clear();
        }
        Ok(())
    }

    /// Ends the sheet being written, with its widths and frozen rows.
    pub(crate) fn close_sheet(&mut self, look: &SheetLook) -> Result<(), Error> {
        let Some(mut s) = self.sheet.take() else {
            return Ok(());
        };
        if s.open_row.is_some() {
            s.buf.push_str("</row>");
        }
        s.buf.push_str("</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>");
        s.body.write(s.buf.as_bytes())?;

        let index = self.names.len();
        let mut head = String::with_capacity(1024);
        head.push_str(XML_DECL);
        head.push_str("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><dimension ref=\"A1");
        if s.any && (s.max_row, s.max_col) != (0, 0) {
            head.push(':');
            push_cell_ref(&mut head, s.max_row, s.max_col);
        }
        head.push_str("\"/><sheetViews><sheetView ");
        if index == 1 {
            head.push_str("tabSelected=\"1\" ");
        }
        head.push_str("workbookViewId=\"0\">");
        let freeze = look.freeze_rows.min(MAX_ROWS - 1);
        if freeze > 0 {
            head.push_str("<pane ySplit=\"");
            let _ = write!(head, "{freeze}\" topLeftCell=\"");
            push_cell_ref(&mut head, freeze, 0);
            head.push_str(
                "\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\"/>",
            );
        }
        head.push_str("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
        let mut cols = false;
        for (col, width) in look
            .widths
            .iter()
            .enumerate()
            .take(usize::from(MAX_COLUMNS))
        {
            let Some(width) = *width else { continue };
            if !cols {
                head.push_str("<cols>");
                cols = true;
            }
            let n = col + 1;
            let _ = write!(
                head,
                "<col min=\"{n}\" max=\"{n}\" width=\"{}\" style=\"{}\" customWidth=\"1\"/>",
                xml_width(width),
                Style::Text as u8
            );
        }
        if cols {
            head.push_str("</cols>");
        }
        head.push_str("<sheetData>");
        let name = format!("xl/worksheets/sheet{index}.xml");
        self.parts
            .push(s.body.finish_after(&name, head.as_bytes())?);
        Ok(())
    }

    /// The .xlsx file (a workbook with no sheet gets an empty `Sheet1`).
    pub(crate) fn finish(mut self) -> Result<Vec<u8>, Error> {
        if self.names.is_empty() {
            self.sheet("Sheet1")?;
        }
        self.close_sheet(&SheetLook::default())?;
        let n = self.names.len();

        let mut types = String::from(XML_DECL);
        types.push_str("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>");
        for i in 1..=n {
            let _ = write!(types, "<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        }
        types.push_str("</Types>");

        let mut book = String::from(XML_DECL);
        book.push_str("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>");
        for (i, name) in self.names.iter().enumerate() {
            book.push_str("<sheet name=\"");
            push_escaped(&mut book, name);
            let _ = write!(book, "\" sheetId=\"{0}\" r:id=\"rId{0}\"/>", i + 1);
        }
        book.push_str("</sheets></workbook>");

        let mut rels = String::from(XML_DECL);
        rels.push_str("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for i in 1..=n {
            let _ = write!(rels, "<Relationship Id=\"rId{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>");
        }
        let _ = write!(rels, "<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>", n + 1);

        let mut entries = vec![
            Entry::new("[Content_Types].xml", types.as_bytes())?,
            Entry::new("_rels/.rels", ROOT_RELS.as_bytes())?,
            Entry::new("docProps/app.xml", APP.as_bytes())?,
            Entry::new("docProps/core.xml", CORE.as_bytes())?,
            Entry::new("xl/workbook.xml", book.as_bytes())?,
            Entry::new("xl/_rels/workbook.xml.rels", rels.as_bytes())?,
            Entry::new("xl/styles.xml", STYLES.as_bytes())?,
        ];
        entries.append(&mut self.parts);
        zip::archive(&entries)
    }
}

const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>";

const APP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Application>roster-check</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop></Properties>";

/// No dates: the file must not change with the clock.
const CORE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:creator>roster-check</dc:creator></cp:coreProperties>";

/// Fonts: 0 the default, 1 bold. Cell formats: 0 the default, 1 text (`@`, built-in format 49),
/// 2 bold text ([`Style`]).
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><fonts count=\"2\"><font><sz val=\"11\"/><color theme=\"1\"/><name val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/></font><font><b/><sz val=\"11\"/><color theme=\"1\"/><name val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/></font></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/><xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/></cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles><dxfs count=\"0\"/><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" defaultPivotStyle=\"PivotStyleLight16\"/></styleSheet>";

/// The `width` attribute of a column `chars` characters wide, as Excel computes it for Calibri
/// 11 (7-pixel digits, 5 pixels of padding), truncated to 1/256 of a character.
fn xml_width(chars: f64) -> f64 {
    let chars = chars.clamp(0.0, 255.0);
    let pixels = (chars * 7.0 + 5.0).round();
    (pixels / 7.0 * 256.0).trunc() / 256.0
}

fn eq_ignore_case(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// A sheet name Excel accepts: 1 to 31 (UTF-16) characters, none of `[]:*?/\`, not beginning
/// or ending with `'`, and nothing XML cannot hold.
pub(crate) fn valid_sheet_name(name: &str) -> bool {
    let len = name.encode_utf16().count();
    (1..=31).contains(&len)
        && !name.contains(['[', ']', ':', '*', '?', '/', '\\'])
        && !name.starts_with('\'')
        && !name.ends_with('\'')
        && !name.chars().any(|c| needs_x_escape(c) || c == '\r')
}

/// The A1 reference of the 0-based (`row`, `col`).
pub(crate) fn cell_ref(row: u32, col: u16) -> String {
    let mut s = String::with_capacity(10);
    push_cell_ref(&mut s, row, col);
    s
}

fn push_cell_ref(out: &mut String, row: u32, col: u16) {
    let mut letters = [0u8; 4]; // u16::MAX + 1 is CRXP
    let mut n = u32::from(col) + 1;
    let mut i = letters.len();
    while n > 0 {
        i -= 1;
        letters[i] = b'A' + ((n - 1) % 26) as u8;
        n = (n - 1) / 26;
    }
    for &b in &letters[i..] {
        out.push(char::from(b));
    }
    let _ = write!(out, "{}", u64::from(row) + 1);
}

/// A character XML 1.0 cannot hold.
fn needs_x_escape(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// `_xHHHH_` (what Excel writes for a character it escapes) starts at `rest`.
fn is_x_escape(rest: &[u8]) -> bool {
    rest.len() >= 7
        && rest[0] == b'_'
        && rest[1] == b'x'
        && rest[2..6].iter().all(u8::is_ascii_hexdigit)
        && rest[6] == b'_'
}

/// `text` as XML character data (and attribute value): see the module notes.
fn push_escaped(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut from = 0;
    for (i, c) in text.char_indices() {
        let with: &str = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '_' if is_x_escape(&bytes[i..]) => "_x005F_",
            '\r' => "_x000D_",
            c if needs_x_escape(c) => {
                out.push_str(&text[from..i]);
                let _ = write!(out, "_x{:04X}_", u32::from(c));
                from = i + c.len_utf8();
                continue;
            }
            _ => continue,
        };
        out.push_str(&text[from..i]);
        out.push_str(with);
        from = i + c.len_utf8();
    }
    out.push_str(&text[from..]);
}

// Read back by calamine, an independent reader (compiled with `legacy-spreadsheets`).
#[cfg(all(test, feature = "legacy-spreadsheets"))]
mod tests;
