//! How each cell style shows numbers: as dates, durations, or integers laid out by their format
//! (`styles.xml`: `<cellXfs><xf numFmtId>`, built-in ids or `<numFmts>` codes). A number's
//! meaning is in its format, not its cell.

use std::collections::HashMap;
use std::rc::Rc;

use super::number_format::{self, IntegerFormat};
use quick_xml::events::Event;

use super::part::{attribute, decoded_attribute, local_name, Part};
use super::Failure;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NumberKind {
    Plain,
    /// A date, a time of day, or both.
    Date,
    /// Elapsed time (`[h]:mm:ss`).
    Duration,
}

/// How one cell style shows numbers.
#[derive(Debug, Clone)]
pub(super) struct CellStyle {
    pub(super) kind: NumberKind,
    /// For [`NumberKind::Plain`]: the format's layout of integers, when it is one we render.
    pub(super) integers: Option<Rc<IntegerFormat>>,
}

impl CellStyle {
    const PLAIN: CellStyle = CellStyle {
        kind: NumberKind::Plain,
        integers: None,
    };

    fn of_code(code: &str) -> CellStyle {
        let kind = kind_of_code(code);
        let integers = match kind {
            NumberKind::Plain => number_format::parse(code).map(Rc::new),
            _ => None,
        };
        CellStyle { kind, integers }
    }
}

/// How each cell style (`s` attribute, an index into `<cellXfs>`) shows numbers.
pub(super) fn read(xml: &mut Part) -> Result<Vec<CellStyle>, Failure> {
    let mut custom: HashMap<String, CellStyle> = HashMap::new();
    let mut kinds = Vec::new();
    let (mut buf, mut inner) = (Vec::new(), Vec::new());
    loop {
        match xml.next(&mut buf)? {
            Event::Start(e) if local_name(&e) == "numFmts" => loop {
                match xml.next(&mut inner)? {
                    Event::Start(e) if local_name(&e) == "numFmt" => {
                        let id = attribute(&e, "numFmtId")?;
                        let code = decoded_attribute(&e, "formatCode")?;
                        if let (Some(id), Some(code)) = (id, code) {
                            custom.insert(id.into_owned(), CellStyle::of_code(&code));
                        }
                    }
                    Event::End(e) if e.local_name().into_inner() == "numFmts" => break,
                    Event::Eof => return Err(xml.ends_inside("numFmts")),
                    _ => {}
                }
            },
            Event::Start(e) if local_name(&e) == "cellXfs" => loop {
                match xml.next(&mut inner)? {
                    Event::Start(e) if local_name(&e) == "xf" => {
                        let style = match attribute(&e, "numFmtId")? {
                            Some(id) => custom
                                .get(id.as_ref())
                                .cloned()
                                .unwrap_or_else(|| builtin(&id)),
                            None => CellStyle::PLAIN,
                        };
                        kinds.push(style);
                        xml.skip_to_end("xf", &mut inner)?;
                    }
                    Event::End(e) if e.local_name().into_inner() == "cellXfs" => break,
                    Event::Eof => return Err(xml.ends_inside("cellXfs")),
                    _ => {}
                }
            },
            Event::End(e) if e.local_name().into_inner() == "styleSheet" => return Ok(kinds),
            Event::Eof => return Err(xml.ends_inside("styleSheet")),
            _ => {}
        }
    }
}

/// Built-in formats (ECMA-376 §18.8.30), with the East Asian date ids 27–36 and 50–58. The
/// integer ones whose code is fixed are rendered; currency ids 5–8 depend on the locale.
fn builtin(id: &str) -> CellStyle {
    let code = match id {
        "1" => "0",
        "3" => "#,##0",
        "37" => "#,##0 ;(#,##0)",
        "38" => "#,##0 ;[Red](#,##0)",
        _ => {
            return CellStyle {
                kind: builtin_kind(id),
                integers: None,
            }
        }
    };
    CellStyle::of_code(code)
}

fn builtin_kind(id: &str) -> NumberKind {
    match id {
        "14" | "15" | "16" | "17" | "18" | "19" | "20" | "21" | "22" | "45" | "47" => {
            NumberKind::Date
        }
        "27" | "28" | "29" | "30" | "31" | "32" | "33" | "34" | "35" | "36" | "50" | "51"
        | "52" | "53" | "54" | "55" | "56" | "57" | "58" => NumberKind::Date,
        "46" => NumberKind::Duration,
        _ => NumberKind::Plain,
    }
}

/// A custom format code's kind, from its first section: date tokens (`y m d h s`, `AM/PM`)
/// outside quotes, escapes and brackets make a date; `[h]`, `[m]` or `[s]` a duration.
pub(super) fn kind_of_code(code: &str) -> NumberKind {
    let mut escaped = false;
    let mut quoted = false;
    let mut brackets = 0u8;
    let mut previous = ' ';
    let mut elapsed = false;
    let mut am_pm = false;
    for c in code.chars() {
        if escaped {
            escaped = false;
        } else if matches!(c, '_' | '\\' | '*') {
            // `\` escapes, `_` skips a width, `*` fills: the next character is a literal. Also
            // inside quotes, as calamine reads it (the differential test holds us to that).
            escaped = true;
        } else if quoted {
            quoted = c != '"';
        } else {
            match (c, am_pm, brackets) {
                ('"', ..) => quoted = true,
                (';', ..) => return NumberKind::Plain,
                ('[', ..) => brackets = brackets.saturating_add(1),
                (']', _, 1) if elapsed => return NumberKind::Duration,
                (']', ..) => brackets = brackets.saturating_sub(1),
                ('a' | 'A', false, 0) => am_pm = true,
                ('p' | 'm' | '/' | 'P' | 'M', true, 0) => return NumberKind::Date,
                ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', false, 0) => {
                    return NumberKind::Date
                }
                _ => {
                    if !(elapsed && c.eq_ignore_ascii_case(&previous)) {
                        elapsed = previous == '[' && matches!(c, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                    }
                }
            }
        }
        previous = c;
    }
    NumberKind::Plain
}
