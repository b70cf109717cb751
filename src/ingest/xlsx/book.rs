//! The workbook part: its sheets in order, the date system, and what cells refer to.

use quick_xml::events::Event;

use super::package::{split_path, Package, Relationship};
use super::part::{attribute, decoded_attribute, local_name};
use super::sheet::CellContext;
use super::strings::SharedStrings;
use super::{styles, Failure};

pub(super) struct Book {
    /// (name, part path) of each sheet, in the workbook's order.
    pub(super) sheets: Vec<(String, String)>,
    pub(super) cells: CellContext,
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
    let (sheets, is_1904) = match package.part(&workbook)? {
        Some(mut xml) => read_workbook(&mut xml, &links)?,
        None => (Vec::new(), false),
    };
    Ok(Opened::Book(Book {
        sheets,
        cells: CellContext {
            strings,
            styles,
            is_1904,
        },
    }))
}

/// The sheets (name, part path) and whether dates count from 1904.
fn read_workbook(
    xml: &mut super::part::Part,
    links: &[Relationship],
) -> Result<(Vec<(String, String)>, bool), Failure> {
    let mut sheets = Vec::new();
    let mut is_1904 = false;
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
                    sheets.push((name, link.target.clone()));
                }
                "workbookPr" => {
                    if let Some(v) = attribute(&e, "date1904")? {
                        is_1904 = v == "1" || v == "true";
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().into_inner() == "workbook" => {
                return Ok((sheets, is_1904))
            }
            Event::Eof => return Err(xml.ends_inside("workbook")),
            _ => {}
        }
    }
}
