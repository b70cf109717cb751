//! The workbook part: its sheets in order (with their kind and visibility), the sheet Excel
//! opens on, the date system, and what cells refer to.

use quick_xml::events::Event;

use super::package::{split_path, Package, Relationship};
use super::part::{attribute, decoded_attribute, local_name};
use super::sheet::CellContext;
use super::strings::SharedStrings;
use super::{styles, Failure};

pub(super) struct Book {
    /// Every sheet of the workbook, in its order (chart, dialog and macro sheets included).
    pub(super) sheets: Vec<SheetEntry>,
    /// The sheet Excel shows on opening (`<workbookView activeTab>`), an index into `sheets`.
    pub(super) active: usize,
    pub(super) cells: CellContext,
}

/// One `<sheet>` of the workbook.
pub(super) struct SheetEntry {
    pub(super) name: String,
    /// The part's path in the package.
    pub(super) path: String,
    pub(super) kind: SheetKind,
    /// `state` is `hidden` or `veryHidden`.
    pub(super) hidden: bool,
}

/// What a sheet is, by the type of the relationship that names its part. Only worksheets hold
/// cells; a chart sheet is a chart, a dialog sheet an Excel 5 dialog, a macro sheet XLM code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SheetKind {
    Worksheet,
    Chart,
    Dialog,
    Macro,
}

impl SheetKind {
    fn of(relationship: &Relationship) -> SheetKind {
        match relationship.kind.rsplit('/').next().unwrap_or_default() {
            "chartsheet" => SheetKind::Chart,
            "dialogsheet" => SheetKind::Dialog,
            "xlMacrosheet" | "xlIntlMacrosheet" => SheetKind::Macro,
            // `worksheet`, and whatever else names a sheet: read as a worksheet, as before.
            _ => SheetKind::Worksheet,
        }
    }

    pub(super) fn describe(self) -> &'static str {
        match self {
            SheetKind::Worksheet => "a worksheet",
            SheetKind::Chart => "a chart sheet",
            SheetKind::Dialog => "a dialog sheet",
            SheetKind::Macro => "a macro sheet",
        }
    }
}

pub(super) enum Opened {
    Book(Book),
    /// An Excel binary workbook (XLSB): a zip too, but of binary parts.
    Binary,
    /// A zip that is no Office Open XML package at all (no `_rels/.rels`), such as an ODS whose
    /// `mimetype` is not its first entry.
    NotOoxml,
}

pub(super) fn open(package: &mut Package) -> Result<Opened, Failure> {
    if !package.has("_rels/.rels") {
        return Ok(Opened::NotOoxml);
    }
    let workbook = package
        .relationships("")?
        .into_iter()
        .rfind(|r| r.is("officeDocument"))
        .ok_or_else(|| Failure::broken("_rels/.rels names no workbook part"))?
        .target;
    if workbook.to_ascii_lowercase().ends_with(".bin") {
        return Ok(Opened::Binary);
    }
    let links = package.relationships(&workbook)?;
    // By relationship, else where Excel puts them.
    let (dir, _) = split_path(&workbook);
    let linked = |kind: &str, default: &str| {
        links
            .iter()
            .find(|r| r.is(kind))
            .map_or_else(|| format!("{dir}{default}"), |r| r.target.clone())
    };
    let strings = match package.part(&linked("sharedStrings", "sharedStrings.xml"))? {
        Some(mut xml) => SharedStrings::read(&mut xml)?,
        None => SharedStrings::default(),
    };
    let styles = match package.part(&linked("styles", "styles.xml"))? {
        Some(mut xml) => styles::read(&mut xml)?,
        None => Vec::new(),
    };
    let read = match package.part(&workbook)? {
        Some(mut xml) => read_workbook(&mut xml, &links)?,
        None => WorkbookPart::default(),
    };
    Ok(Opened::Book(Book {
        sheets: read.sheets,
        active: read.active,
        cells: CellContext {
            strings,
            styles,
            is_1904: read.is_1904,
        },
    }))
}

#[derive(Default)]
struct WorkbookPart {
    sheets: Vec<SheetEntry>,
    active: usize,
    is_1904: bool,
}

/// The sheets, the active tab of the first workbook view, and whether dates count from 1904.
fn read_workbook(
    xml: &mut super::part::Part,
    links: &[Relationship],
) -> Result<WorkbookPart, Failure> {
    let mut read = WorkbookPart::default();
    let mut views = 0;
    let mut buf = Vec::new();
    loop {
        match xml.next(&mut buf)? {
            Event::Start(e) => match local_name(&e) {
                "sheet" => {
                    let name = decoded_attribute(&e, "name")?.unwrap_or_default();
                    // `r:id`, whatever the prefix.
                    let mut id = None;
                    for attribute in e.attributes().with_checks(false) {
                        let attribute = attribute?;
                        let key = attribute.key.as_ref();
                        if key == "id" || key.ends_with(":id") {
                            id = Some(attribute.value);
                        }
                    }
                    let id = id.unwrap_or_default();
                    let link = links.iter().find(|r| r.id == id).ok_or_else(|| {
                        Failure::broken(format!(
                            "{}: sheet `{name}` points to relationship `{id}`, which does not exist",
                            xml.name()
                        ))
                    })?;
                    // Anything but these two reads as visible, as Excel reads it.
                    let hidden = matches!(
                        attribute(&e, "state")?.as_deref(),
                        Some("hidden" | "veryHidden")
                    );
                    read.sheets.push(SheetEntry {
                        name,
                        path: link.target.clone(),
                        kind: SheetKind::of(link),
                        hidden,
                    });
                }
                "workbookView" => {
                    // The first view is the one Excel opens; a malformed index means tab 0.
                    if views == 0 {
                        read.active = attribute(&e, "activeTab")?
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0);
                    }
                    views += 1;
                }
                "workbookPr" => {
                    if let Some(v) = attribute(&e, "date1904")? {
                        read.is_1904 = v == "1" || v == "true";
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().into_inner() == "workbook" => return Ok(read),
            Event::Eof => return Err(xml.ends_inside("workbook")),
            _ => {}
        }
    }
}
