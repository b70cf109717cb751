//! A finding as data — its rule's typed arguments and where it points — and the collector every
//! stage adds to. Text is made only when asked for ([`Finding::message`]), in any language.

use std::borrow::Cow;

use super::catalogue::{Args, Code, RulePath};
use crate::message;
use crate::vocab::{Field, FileKind, Lang, Severity, UpgradePath};

/// Where a finding points: file, row, field, the cell as read, and the account.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct At {
    pub file: Option<FileKind>,
    pub row: Option<u32>,
    pub field: Option<Field>,
    pub value: Option<String>,
    pub email: Option<String>,
}

impl At {
    /// A whole-run finding (the upgrade context).
    pub fn run() -> At {
        At {
            file: Some(FileKind::Options),
            ..At::default()
        }
    }

    /// A whole-file finding.
    pub fn file(file: FileKind) -> At {
        At {
            file: Some(file),
            ..At::default()
        }
    }

    /// A cell: file, row and field, with the value as read.
    pub fn cell(file: FileKind, row: u32, field: Field, value: &str) -> At {
        At {
            file: Some(file),
            row: Some(row),
            field: Some(field),
            value: Some(value.to_string()),
            email: None,
        }
    }

    /// The account this finding concerns.
    pub fn account(mut self, email: &str) -> At {
        self.email = Some(email.to_string());
        self
    }

    /// The cell as read.
    pub fn value(mut self, value: impl Into<String>) -> At {
        self.value = Some(value.into());
        self
    }
}

/// One rule violation or fact to acknowledge: its rule's typed arguments, and where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule and what its message needs.
    pub args: Args,
    pub file: Option<FileKind>,
    /// 1-based row as a spreadsheet shows it; `None` for findings about a whole file or run.
    pub row: Option<u32>,
    pub field: Option<Field>,
    /// The offending cell as it was read (for rows), so a person can find it.
    pub value: Option<String>,
    /// The exmail account this finding concerns, when there is one.
    pub email: Option<String>,
}

impl Finding {
    pub fn new(args: Args, at: At) -> Finding {
        Finding {
            args,
            file: at.file,
            row: at.row,
            field: at.field,
            value: at.value,
            email: at.email,
        }
    }

    pub fn code(&self) -> Code {
        self.args.code()
    }

    pub fn severity(&self) -> Severity {
        self.code().rule().severity
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        message::render(&self.code().rule().message, lang, &|name| match name {
            "email" => Some(Cow::Borrowed(self.email.as_deref().unwrap_or_default())),
            "value" => Some(Cow::Borrowed(self.value.as_deref().unwrap_or_default())),
            _ => self.args.get(name).map(|a| a.text(lang)),
        })
    }
}

/// Collects the findings of one check.
#[derive(Debug)]
pub struct Findings {
    path: UpgradePath,
    list: Vec<Finding>,
}

impl Findings {
    pub fn new(path: UpgradePath) -> Findings {
        Findings {
            path,
            list: Vec::new(),
        }
    }

    /// Whether `code` applies on this run's upgrade path.
    pub fn applies(&self, code: Code) -> bool {
        match code.rule().path {
            RulePath::Both => true,
            RulePath::New => self.path == UpgradePath::New,
            RulePath::Bind => self.path == UpgradePath::Bind,
        }
    }

    /// Records a finding, if its rule applies on this path. Not inlined: it is called from
    /// every check, and one copy keeps the wasm smaller.
    #[inline(never)]
    pub fn add(&mut self, args: Args, at: At) {
        let rule = args.code().rule();
        debug_assert!(
            (!rule.needs_email || at.email.is_some()) && (!rule.needs_value || at.value.is_some()),
            "{}: its message names the finding's {} (at {at:?})",
            rule.name,
            if rule.needs_email { "email" } else { "value" }
        );
        if self.applies(rule.code) {
            self.list.push(Finding::new(args, at));
        }
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The findings, ordered for people: severity, then catalogue order, then file and row.
    /// Equal keys keep the order in which rows were read (the cached-key sort breaks ties by
    /// position); each key is made once per finding, not once per comparison.
    pub fn into_sorted(mut self) -> Vec<Finding> {
        // The list kept in the report: without the room its last doubling left unused.
        self.list.shrink_to_fit();
        self.list
            .sort_by_cached_key(|f| (f.severity(), f.code(), f.file, f.row));
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::args::Invalid;

    #[test]
    fn messages_fill_arguments_and_the_findings_own_slots() {
        let at = At::cell(FileKind::Exmail, 3, Field::Email, "a@@b.cn").account("a@b.cn");
        let f = Finding::new(
            Args::EmailInvalid {
                reason: Invalid::SeveralAt,
            },
            at,
        );
        assert_eq!(
            f.message(Lang::En),
            "Address \"a@@b.cn\" is not valid: it has more than one @"
        );
        assert_eq!(f.message(Lang::Zh), "邮箱地址“a@@b.cn”无效：含有多个 @");
        assert_eq!(f.message(Lang::ZhTw), "郵箱地址「a@@b.cn」無效：含有多個 @");
    }

    #[test]
    fn sorted_findings_hold_no_spare_room() {
        let mut f = Findings::new(UpgradePath::Bind);
        for _ in 0..5 {
            f.add(Args::Irreversible {}, At::run());
        }
        let sorted = f.into_sorted();
        assert_eq!((sorted.len(), sorted.capacity()), (5, 5));
    }

    #[test]
    fn path_filter_drops_bind_rules_on_new() {
        let mut f = Findings::new(UpgradePath::New);
        f.add(Args::TargetMailDeleted {}, At::run());
        f.add(Args::Irreversible {}, At::run());
        let codes: Vec<Code> = f.into_sorted().iter().map(Finding::code).collect();
        assert_eq!(codes, [Code::Irreversible]);
    }
}
