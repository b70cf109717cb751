//! Which sheets of a workbook are read: only worksheets are data (chart, dialog and macro sheets
//! never are). An Exmail or WeCom file is one table: the sheet Excel opens on if it is a visible
//! worksheet, else the first visible worksheet; a roster keeps every worksheet, hidden ones
//! too, since its output is the same workbook filled in. A sheet named in the options is read
//! whatever its visibility.

use super::book::SheetKind;
use crate::error::Error;
use crate::vocab::FileKind;

/// What choosing needs to know of one sheet.
pub(super) struct SheetFacts<'a> {
    pub(super) name: &'a str,
    pub(super) kind: SheetKind,
    pub(super) hidden: bool,
}

impl SheetFacts<'_> {
    fn is_visible_worksheet(&self) -> bool {
        self.kind == SheetKind::Worksheet && !self.hidden
    }
}

/// How the sheets were chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Chosen {
    /// The one named in the options.
    Named(usize),
    /// Every worksheet (a roster), in the workbook's order.
    All(Vec<usize>),
    /// The default for one table; `others` are the other visible worksheets, which may hold
    /// rows too.
    Default { sheet: usize, others: Vec<usize> },
}

impl Chosen {
    pub(super) fn sheets(&self) -> Vec<usize> {
        match self {
            Chosen::Named(i) | Chosen::Default { sheet: i, .. } => vec![*i],
            Chosen::All(all) => all.clone(),
        }
    }
}

/// Chooses among `sheets` (in the workbook's order); `active` is the tab Excel opens on, if
/// known.
pub(super) fn choose(
    sheets: &[SheetFacts],
    active: Option<usize>,
    wanted: Option<&str>,
    all: bool,
    file: FileKind,
) -> Result<Chosen, Error> {
    if sheets.is_empty() {
        return Err(Error::input(file, "the workbook has no sheets"));
    }
    let listed = || {
        sheets
            .iter()
            .filter(|s| s.kind == SheetKind::Worksheet)
            .map(|s| s.name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(wanted) = wanted {
        let found = sheets.iter().position(|s| s.name == wanted).or_else(|| {
            sheets
                .iter()
                .position(|s| s.name.trim().eq_ignore_ascii_case(wanted.trim()))
        });
        return match found {
            Some(i) if sheets[i].kind == SheetKind::Worksheet => Ok(Chosen::Named(i)),
            Some(i) => Err(Error::input(
                file,
                format!(
                    "sheet `{}` is {}, not a worksheet: name one of {}",
                    sheets[i].name,
                    sheets[i].kind.describe(),
                    listed()
                ),
            )),
            None => Err(Error::input(
                file,
                format!("no sheet named `{wanted}`; worksheets: {}", listed()),
            )),
        };
    }
    let worksheets = (0..sheets.len()).filter(|&i| sheets[i].kind == SheetKind::Worksheet);
    if all {
        let all: Vec<usize> = worksheets.collect();
        return match all.is_empty() {
            true => Err(no_worksheet(file)),
            false => Ok(Chosen::All(all)),
        };
    }
    let visible: Vec<usize> = worksheets
        .clone()
        .filter(|&i| sheets[i].is_visible_worksheet())
        .collect();
    let sheet = active
        .filter(|&i| sheets.get(i).is_some_and(SheetFacts::is_visible_worksheet))
        .or_else(|| visible.first().copied());
    match sheet {
        Some(sheet) => Ok(Chosen::Default {
            sheet,
            others: visible.into_iter().filter(|&i| i != sheet).collect(),
        }),
        None if worksheets.clone().next().is_some() => Err(Error::input(
            file,
            format!(
                "every worksheet is hidden ({}): unhide the one with the data, or name it in the options (`sheet`)",
                listed()
            ),
        )),
        None => Err(no_worksheet(file)),
    }
}

fn no_worksheet(file: FileKind) -> Error {
    Error::input(
        file,
        "the workbook has no worksheet (only chart, dialog or macro sheets): nothing to read",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(list: &[(&'static str, SheetKind, bool)]) -> Vec<SheetFacts<'static>> {
        list.iter()
            .map(|&(name, kind, hidden)| SheetFacts { name, kind, hidden })
            .collect()
    }

    const W: SheetKind = SheetKind::Worksheet;
    const C: SheetKind = SheetKind::Chart;

    #[test]
    fn the_active_visible_worksheet_else_the_first_visible_one() {
        let sheets = facts(&[("chart", C, false), ("lists", W, true), ("data", W, false)]);
        let default = |active| choose(&sheets, active, None, false, FileKind::Wecom).unwrap();
        let data = Chosen::Default {
            sheet: 2,
            others: vec![],
        };
        assert_eq!(default(None), data);
        // The active tab is the chart, then the hidden sheet: neither is data.
        assert_eq!(default(Some(0)), data);
        assert_eq!(default(Some(1)), data);
        assert_eq!(default(Some(9)), data);
        let two = facts(&[("a", W, false), ("b", W, false)]);
        assert_eq!(
            choose(&two, Some(1), None, false, FileKind::Exmail).unwrap(),
            Chosen::Default {
                sheet: 1,
                others: vec![0]
            }
        );
    }

    #[test]
    fn a_roster_keeps_every_worksheet_and_a_name_picks_any() {
        let sheets = facts(&[("chart", C, false), ("lists", W, true), ("data", W, false)]);
        assert_eq!(
            choose(&sheets, None, None, true, FileKind::Roster).unwrap(),
            Chosen::All(vec![1, 2])
        );
        assert_eq!(
            choose(&sheets, None, Some(" LISTS"), false, FileKind::Wecom).unwrap(),
            Chosen::Named(1)
        );
        let e = choose(&sheets, None, Some("chart"), false, FileKind::Wecom)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "wecom file: sheet `chart` is a chart sheet, not a worksheet: name one of lists, data"
        );
    }

    #[test]
    fn nothing_to_read() {
        let hidden = facts(&[("chart", C, false), ("secret", W, true)]);
        let e = choose(&hidden, None, None, false, FileKind::Exmail).unwrap_err();
        assert!(
            e.to_string().contains("every worksheet is hidden (secret)"),
            "{e}"
        );
        let charts = facts(&[("chart", C, false)]);
        for all in [false, true] {
            let e = choose(&charts, None, None, all, FileKind::Roster).unwrap_err();
            assert!(e.to_string().contains("has no worksheet"), "{e}");
        }
    }
}
