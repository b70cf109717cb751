//! The report's assignments, one per account, their strings end to end in one buffer: no
//! allocation per string (at 1M accounts, five million of them were a fifth of the match
//! stage's time and most of its memory). Read as borrowed [`Assignment`]s.

use serde::Serialize;

use crate::vocab::{AssignmentType, MatchedBy};

/// One exmail account and where it goes, borrowed from the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Assignment<'r> {
    /// The address, trimmed and lower-cased.
    pub email: &'r str,
    #[serde(rename = "type")]
    pub kind: AssignmentType,
    /// The WeCom member (`userid`) for a member mailbox, when known.
    pub userid: Option<&'r str>,
    pub matched_by: Option<MatchedBy>,
    /// The key value that made the match (a WeChat id, an address, a mobile): the "why".
    pub evidence: Option<&'r str>,
    /// 1-based row of the account in the exmail file.
    pub row: u32,
    /// The account's name in the exmail file.
    pub name: &'r str,
    /// The matched member's name in the WeCom file.
    pub wecom_name: Option<&'r str>,
}

/// An assignment's length of a string: no string.
const NONE: u32 = u32::MAX;
/// The evidence is the address, or the WeCom name the name: stored once.
const SAME: u32 = u32::MAX - 1;

/// One assignment: its strings lie end to end from `start` (address, name, userid, evidence,
/// WeCom name; the ones `NONE` or `SAME` take no room), so one offset and their lengths place
/// them: 32 bytes, where a start and length for each string took 48 (at 1M accounts, 16 MB).
#[derive(Debug, Clone, Copy)]
struct Packed {
    start: u32,
    email: u32,
    name: u32,
    userid: u32,
    evidence: u32,
    wecom_name: u32,
    row: u32,
    kind: AssignmentType,
    matched_by: Option<MatchedBy>,
}

/// The assignments of a report, in account order.
#[derive(Debug, Clone, Default)]
pub struct Assignments {
    text: String,
    items: Vec<Packed>,
}

impl Assignments {
    /// Room for `accounts` assignments whose strings take about `text` bytes.
    pub fn with_capacity(accounts: usize, text: usize) -> Assignments {
        Assignments {
            text: String::with_capacity(text),
            items: Vec::with_capacity(accounts),
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Bytes of all the assignments' strings (an evidence equal to the address, a WeCom name
    /// equal to the name, counted once).
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Assignment `index`, in account order.
    pub fn get(&self, index: usize) -> Option<Assignment<'_>> {
        self.items.get(index).map(|p| self.read(p))
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter {
            all: self,
            items: self.items.iter(),
        }
    }

    /// The bytes [`Assignments::push`] copies of `a`: summed over a report's assignments, the
    /// text is allocated once and exactly (any guess over holds memory at a check's peak; any
    /// guess under grows the text while all else is live).
    pub fn text_len_of(a: &Assignment<'_>) -> usize {
        let other = |s: Option<&str>, same: &str| s.filter(|s| *s != same).map_or(0, str::len);
        a.email.len()
            + a.name.len()
            + a.userid.map_or(0, str::len)
            + other(a.evidence, a.email)
            + other(a.wecom_name, a.name)
    }

    /// Appends `a`, its strings copied (an evidence equal to the address, a WeCom name equal
    /// to the name, stored once).
    pub fn push(&mut self, a: Assignment<'_>) {
        // Within u32: the strings are cells of inputs bounded far below 4 GiB.
        let start = self.text.len() as u32;
        let packed = Packed {
            start,
            email: self.add(Some(a.email)),
            name: self.add(Some(a.name)),
            userid: self.add(a.userid),
            evidence: match a.evidence {
                Some(e) if e == a.email => SAME,
                other => self.add(other),
            },
            wecom_name: match a.wecom_name {
                Some(w) if w == a.name => SAME,
                other => self.add(other),
            },
            row: a.row,
            kind: a.kind,
            matched_by: a.matched_by,
        };
        self.items.push(packed);
    }

    /// Copies `s`; its length, or `NONE`.
    fn add(&mut self, s: Option<&str>) -> u32 {
        match s {
            Some(s) => {
                self.text.push_str(s);
                s.len() as u32
            }
            None => NONE,
        }
    }

    /// Text bytes allocated and not used.
    #[cfg(test)]
    pub(crate) fn spare_text(&self) -> usize {
        self.text.capacity() - self.text.len()
    }

    fn read(&self, p: &Packed) -> Assignment<'_> {
        let mut at = p.start as usize;
        let mut next = |len: u32| match len {
            NONE | SAME => None,
            len => {
                let s = self.text.get(at..at + len as usize).unwrap_or_default();
                at += len as usize;
                Some(s)
            }
        };
        let email = next(p.email).unwrap_or_default();
        let name = next(p.name).unwrap_or_default();
        let userid = next(p.userid);
        let evidence = match p.evidence {
            SAME => Some(email),
            len => next(len),
        };
        let wecom_name = match p.wecom_name {
            SAME => Some(name),
            len => next(len),
        };
        Assignment {
            email,
            kind: p.kind,
            userid,
            matched_by: p.matched_by,
            evidence,
            row: p.row,
            name,
            wecom_name,
        }
    }
}

/// Equal when they hold the same assignments, however their text is laid out.
impl PartialEq for Assignments {
    fn eq(&self, other: &Assignments) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<'a> FromIterator<Assignment<'a>> for Assignments {
    fn from_iter<I: IntoIterator<Item = Assignment<'a>>>(iter: I) -> Assignments {
        let mut all = Assignments::default();
        for a in iter {
            all.push(a);
        }
        all
    }
}

impl<'a> IntoIterator for &'a Assignments {
    type Item = Assignment<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The assignments in account order ([`Assignments::iter`]).
#[derive(Clone)]
pub struct Iter<'a> {
    all: &'a Assignments,
    items: std::slice::Iter<'a, Packed>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = Assignment<'a>;

    fn next(&mut self) -> Option<Assignment<'a>> {
        self.items.next().map(|p| self.all.read(p))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.items.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.items.next_back().map(|p| self.all.read(p))
    }
}

impl ExactSizeIterator for Iter<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample<'a>(email: &'a str, evidence: Option<&'a str>) -> Assignment<'a> {
        Assignment {
            email,
            kind: AssignmentType::Member,
            userid: None,
            matched_by: Some(MatchedBy::Email),
            evidence,
            row: 2,
            name: "张伟",
            wecom_name: Some("张伟"),
        }
    }

    #[test]
    fn an_assignment_takes_32_bytes_besides_its_text() {
        assert_eq!(std::mem::size_of::<Packed>(), 32);
    }

    #[test]
    fn what_is_pushed_reads_back() {
        let list = [
            sample("a@acme.cn", Some("a@acme.cn")),
            sample("b@acme.cn", Some("wx_b")),
            Assignment {
                userid: Some("Other"),
                wecom_name: None,
                ..sample("c@acme.cn", None)
            },
            Assignment {
                wecom_name: Some("張偉"),
                ..sample("", Some(""))
            },
        ];
        let all: Assignments = list.iter().copied().collect();
        assert_eq!(all.len(), 4);
        assert!(all.iter().eq(list.iter().copied()));
        assert_eq!(all.get(2), Some(list[2]));
        assert_eq!(all.get(4), None);
        // The evidence equal to the address and the WeCom name equal to the name: once each.
        let text: usize = list
            .iter()
            .map(|a| a.email.len() + a.name.len())
            .sum::<usize>()
            + "wx_b".len()
            + "Other".len()
            + "張偉".len();
        assert_eq!(all.text.len(), text);
    }
}
