//! A worksheet's `<sheetData>`, streamed cell by cell into a [`SheetBuilder`]: a sheet with two
//! cells far apart never makes us allocate the rectangle between them.
//!
//! A cell's position is its `r` (`B7`); a cell without one, or with one that is no reference
//! inside Excel's grid (`r="0"`, past column XFD or row 1,048,576), follows the previous cell of
//! its row; a row likewise follows the previous row. Its value is its last child: `<v>` read by
//! the type `t`, `<is>` (inline rich text), or `<f>` (a formula: empty unless a `<v>` with the
//! cached value follows it, as every spreadsheet program writes; those without one are counted).

use quick_xml::events::{BytesStart, Event};

use super::builder::{SheetBuilder, EXCEL_COLUMNS, EXCEL_ROWS};
use super::cell_text::{write_date, write_duration, write_float, Civil};
use super::part::{attribute, local_name, Part};
use super::strings::{push_unescaped, RichText, SharedStrings};
use super::styles::{CellStyle, NumberKind};
use super::Failure;

/// What cells refer to: shared strings, and the number format of each style.
pub(super) struct CellContext {
    pub(super) strings: SharedStrings,
    pub(super) styles: Vec<CellStyle>,
    /// Serials count from 1904-01-01 (old Mac Excel) instead of 1900.
    pub(super) is_1904: bool,
}

/// The `t` attribute of a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
enum CellType {
    /// `n`, or no `t`: then text that is not a number is kept as text.
    Number {
        typed: bool,
    },
    /// `s`: an index into the shared strings.
    Shared,
    /// `b`: `0`/`1` (or `false`/`true`).
    Bool,
    /// `e`: an error code such as `#N/A`.
    Error,
    /// `inlineStr`: the text is in `<is>`.
    Inline,
    /// `str`: a formula's text result.
    FormulaText,
    /// `d`: an ISO 8601 date.
    IsoDate,
    Unknown(String),
}

impl CellType {
    fn of(t: &str) -> CellType {
        match t {
            "n" => CellType::Number { typed: true },
            "s" => CellType::Shared,
            "b" => CellType::Bool,
            "e" => CellType::Error,
            "inlineStr" | "is" => CellType::Inline,
            "str" => CellType::FormulaText,
            "d" => CellType::IsoDate,
            other => CellType::Unknown(other.to_string()),
        }
    }
}

/// A `<c>` element's attributes.
struct Cell {
    /// 0-based (row, column).
    at: (u32, u32),
    style: Option<usize>,
    kind: CellType,
}

/// Buffers reused from cell to cell.
#[derive(Default)]
struct Scratch {
    buf: Vec<u8>,
    value: String,
    rich: RichText,
}

/// Whether the worksheet `xml` has a cell with text, reading no further than the first one. A
/// sheet that cannot be read counts as holding cells: someone should look at it.
pub(super) fn holds_cells(xml: &mut Part, context: &CellContext) -> Result<bool, Failure> {
    let limits = crate::options::Limits::default();
    let mut probe = SheetBuilder::probe(&limits);
    match read(xml, context, &mut probe) {
        Ok(()) => Ok(probe.found_text()),
        Err(Failure::Refused(_)) | Err(Failure::Broken(_)) => Ok(true),
    }
}

/// Reads every cell of the worksheet `xml` into `sheet` (a probe stops at the first text).
pub(super) fn read(
    xml: &mut Part,
    context: &CellContext,
    sheet: &mut SheetBuilder,
) -> Result<(), Failure> {
    let mut buf = Vec::new();
    let mut scratch = Scratch::default();
    loop {
        match xml.next(&mut buf)? {
            Event::Start(e) if local_name(&e) == "sheetData" => break,
            Event::Eof => {
                return Err(Failure::broken(format!(
                    "{} has no <sheetData>: not a worksheet",
                    xml.name()
                )))
            }
            _ => {}
        }
    }
    let (mut row, mut column) = (0u32, 0u32);
    loop {
        match xml.next(&mut buf)? {
            Event::Start(e) => match local_name(&e) {
                "row" => {
                    let at = attribute(&e, "r")?.and_then(|r| parse_reference(&r));
                    if let Some((r, _)) = at {
                        row = r;
                    }
                }
                "c" => {
                    let cell = cell_attributes(&e, (row, column))?;
                    column = cell.at.1;
                    sheet.start_cell(cell.at.0, cell.at.1)?;
                    let value = read_value(xml, &cell, context, &mut scratch, &mut sheet.text)?;
                    if value == Value::Uncached {
                        sheet.uncached_formulas += 1;
                    }
                    sheet.end_cell()?;
                    if sheet.is_done() {
                        return Ok(());
                    }
                    column = column.saturating_add(1);
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().into_inner() {
                "row" => {
                    row = row.saturating_add(1);
                    column = 0;
                }
                "sheetData" => return Ok(()),
                _ => {}
            },
            Event::Eof => return Err(xml.ends_inside("sheetData")),
            _ => {}
        }
    }
}

fn cell_attributes(e: &BytesStart, next: (u32, u32)) -> Result<Cell, Failure> {
    let mut cell = Cell {
        at: next,
        style: None,
        kind: CellType::Number { typed: false },
    };
    for attribute in e.attributes().with_checks(false) {
        let attribute = attribute?;
        let value = attribute.value.as_ref();
        match attribute.key.as_ref() {
            "r" => {
                if let Some((row, Some(column))) = parse_reference(value) {
                    cell.at = (row, column);
                }
            }
            "s" => cell.style = Some(parse_index(value)),
            "t" => cell.kind = CellType::of(value),
            _ => {}
        }
    }
    Ok(cell)
}

/// Whether a cell has a value, as far as formulas go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value {
    Read,
    /// A formula whose result was never saved: it reads as empty.
    Uncached,
}

fn read_value(
    xml: &mut Part,
    cell: &Cell,
    context: &CellContext,
    scratch: &mut Scratch,
    out: &mut String,
) -> Result<Value, Failure> {
    // A formula's result is the <v> after its <f>: empty for a number, a boolean or an error
    // (Excel writes an empty text result as t="str" with an empty <v>).
    let mut formula = false;
    let mut cached = false;
    loop {
        let child = match xml.next(&mut scratch.buf)? {
            Event::Start(e) => match local_name(&e) {
                "v" => Child::Value,
                "is" => Child::InlineText,
                "f" => Child::Formula,
                other => Child::Other(other.to_string()),
            },
            Event::End(e) if e.local_name().into_inner() == "c" => {
                return Ok(match formula && !cached {
                    true => Value::Uncached,
                    false => Value::Read,
                })
            }
            Event::Eof => return Err(xml.ends_inside("c")),
            _ => continue,
        };
        // The last child gives the value: a formula's cached <v> follows its <f>. But a <v> of
        // an inline string adds nothing to its <is>.
        if matches!(child, Child::Value) && cell.kind == CellType::Inline {
            xml.skip_to_end("v", &mut scratch.buf)?;
            continue;
        }
        out.clear();
        match child {
            Child::Value => {
                read_v(xml, cell, context, scratch, out)?;
                cached = !out.is_empty() || cell.kind == CellType::FormulaText;
            }
            Child::InlineText => {
                scratch.rich.read(xml, "is", out)?;
                cached = true;
            }
            Child::Formula => {
                xml.skip_to_end("f", &mut scratch.buf)?;
                (formula, cached) = (true, false);
            }
            Child::Other(name) => {
                return Err(in_cell(
                    xml,
                    cell,
                    format!("unexpected <{name}> (expected <v>, <f> or <is>)"),
                ))
            }
        }
    }
}

/// A child element of `<c>`.
enum Child {
    Value,
    InlineText,
    Formula,
    Other(String),
}

fn read_v(
    xml: &mut Part,
    cell: &Cell,
    context: &CellContext,
    scratch: &mut Scratch,
    out: &mut String,
) -> Result<(), Failure> {
    let value = &mut scratch.value;
    value.clear();
    match &cell.kind {
        CellType::Inline => return Ok(()), // read_value skipped it
        CellType::IsoDate => return xml.read_text("v", &mut scratch.buf, out),
        CellType::FormulaText => {
            xml.read_text("v", &mut scratch.buf, value)?;
            push_unescaped(value, out);
            return Ok(());
        }
        CellType::Unknown(t) => {
            return Err(in_cell(xml, cell, format!("unknown cell type t=\"{t}\"")));
        }
        // Numbers, indexes, booleans and error codes are plain ASCII: the first text as is.
        CellType::Number { .. } | CellType::Shared | CellType::Bool | CellType::Error => {
            match xml.next(&mut scratch.buf)? {
                Event::End(e) if e.local_name().into_inner() == "v" => return Ok(()),
                Event::Text(text) => value.push_str(&text),
                Event::Eof => return Err(xml.ends_inside("v")),
                _ => {}
            }
            xml.skip_to_end("v", &mut scratch.buf)?;
        }
    }
    if value.is_empty() {
        return Ok(());
    }
    match cell.kind {
        CellType::Shared => match context.strings.get(parse_index(value)) {
            Some(text) => out.push_str(text),
            None => {
                return Err(in_cell(
                    xml,
                    cell,
                    format!("shared string {value} is not in the shared strings"),
                ))
            }
        },
        CellType::Bool => match value.trim() {
            "" => {}
            "0" => out.push_str("FALSE"),
            "1" => out.push_str("TRUE"),
            v if v.eq_ignore_ascii_case("false") => out.push_str("FALSE"),
            v if v.eq_ignore_ascii_case("true") => out.push_str("TRUE"),
            _ => return Err(in_cell(xml, cell, format!("`{value}` is not a boolean"))),
        },
        CellType::Error => out.push_str(value),
        CellType::Number { typed } => match value.parse::<f64>() {
            Ok(number) => {
                let style = cell.style.and_then(|s| context.styles.get(s));
                match style.map_or(NumberKind::Plain, |s| s.kind) {
                    NumberKind::Plain => {
                        let integers = style.and_then(|s| s.integers.as_deref());
                        match integers.filter(|_| is_small_integer(number)) {
                            // Below 1e15, so exactly an i64.
                            Some(format) if format.write(number as i64, out) => {}
                            _ => write_float(out, number),
                        }
                    }
                    NumberKind::Date => {
                        write_date(out, number, Civil::of_serial(number, context.is_1904))
                    }
                    NumberKind::Duration => write_duration(out, number),
                }
            }
            Err(_) if !typed => out.push_str(value),
            Err(_) => return Err(in_cell(xml, cell, format!("`{value}` is not a number"))),
        },
        _ => {}
    }
    Ok(())
}

/// An integer whose digits a double holds exactly and Excel keeps (15 significant digits).
fn is_small_integer(number: f64) -> bool {
    number.fract() == 0.0 && number.abs() < 1e15
}

/// `B7` → (6, Some(1)), `7` → (6, None): 0-based row and column of an A1 reference inside
/// Excel's grid.
fn parse_reference(reference: &str) -> Option<(u32, Option<u32>)> {
    let split = reference
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(reference.len());
    let (letters, digits) = reference.split_at(split);
    let mut column: u32 = 0;
    for c in letters.bytes() {
        if !c.is_ascii_alphabetic() {
            return None;
        }
        let value = u32::from(c.to_ascii_uppercase() - b'A') + 1;
        column = column.checked_mul(26)?.checked_add(value)?;
    }
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let row = digits.parse::<u32>().ok()?.checked_sub(1)?;
    if row >= EXCEL_ROWS || column > EXCEL_COLUMNS {
        return None;
    }
    Some((row, column.checked_sub(1)))
}

/// A style or shared-string index; anything but plain digits reads as 0, as calamine read it.
fn parse_index(text: &str) -> usize {
    if text.bytes().all(|c| c.is_ascii_digit()) {
        text.parse().unwrap_or(0)
    } else {
        0
    }
}

fn in_cell(xml: &Part, cell: &Cell, reason: String) -> Failure {
    Failure::broken(format!(
        "{}, cell {}: {reason}",
        xml.name(),
        a1(cell.at.0, cell.at.1)
    ))
}

/// 0-based (row, column) → `B7`.
fn a1(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(column) + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        String::from_utf8_lossy(&letters),
        u64::from(row) + 1
    )
}
