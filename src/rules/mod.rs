//! The catalogue of rules and the checks.
//!
//! Each check lives in one place: field checks as rows are read (`model`), matching outcomes in
//! `matching`, roster decisions in `roster`, and the rest here — `context` (the upgrade context
//! from the options), `assignments` (what follows from who got which mailbox) and `workbook`
//! (how a file was read).
//! Every finding goes through [`Findings::add`], which applies the rule's path and renders its
//! message.

pub mod assignments;
mod catalogue;
pub mod context;
pub mod role;
pub mod workbook;

pub use catalogue::{Code, Rule, RulePath, Severity, RULES};

use crate::ingest::Field;
use crate::options::{Lang, UpgradePath};
use crate::report::{FileKind, Finding};

/// Where a finding points: file, row, field, the cell as read, and the account.
#[derive(Debug, Clone, Default)]
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
}

/// Collects findings for one check.
#[derive(Debug)]
pub struct Findings {
    lang: Lang,
    path: UpgradePath,
    list: Vec<Finding>,
}

impl Findings {
    pub fn new(lang: Lang, path: UpgradePath) -> Findings {
        Findings {
            lang,
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

    /// Records a finding; `args` fill the message template's `{name}` slots.
    pub fn add(&mut self, code: Code, at: At, args: &[(&str, &str)]) {
        if !self.applies(code) {
            return;
        }
        let rule = code.rule();
        let template = match self.lang {
            Lang::Zh => rule.zh,
            Lang::En => rule.en,
        };
        let message = render(template, args, &at);
        self.list.push(Finding {
            code: rule.name,
            severity: rule.severity,
            file: at.file,
            row: at.row,
            field: at.field.map(Field::as_str),
            value: at.value,
            email: at.email,
            message,
        });
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The findings, ordered for people: severity, then catalogue order, then file and row.
    /// Equal keys keep the order in which rows were read (the cached-key sort breaks ties by
    /// position); each code is looked up once per finding, not once per comparison.
    pub fn into_sorted(mut self) -> Vec<Finding> {
        self.list.sort_by_cached_key(|f| {
            let code = Code::parse(f.code).map_or(usize::MAX, |c| c as usize);
            (f.severity, code, f.file, f.row)
        });
        self.list
    }
}

/// Fills `{name}` slots from `args`; `{email}` and `{value}` fall back to the finding's own.
fn render(template: &str, args: &[(&str, &str)], at: &At) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        let value = args
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| *v)
            .or(match name {
                "email" => at.email.as_deref(),
                "value" => at.value.as_deref(),
                _ => None,
            });
        out.push_str(value.unwrap_or(""));
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Names of files and keys in both languages, for message slots.
pub fn file_names(file: FileKind) -> (&'static str, &'static str) {
    match file {
        FileKind::Exmail => ("企业邮箱账号文件", "Exmail"),
        FileKind::Wecom => ("企业微信通讯录文件", "WeCom"),
        FileKind::Roster => ("邮箱名单", "roster"),
        FileKind::Options => ("选项", "options"),
    }
}

pub fn field_names(field: Field) -> (&'static str, &'static str) {
    match field {
        Field::Email => ("邮箱地址", "address"),
        Field::Name => ("姓名", "name"),
        Field::Mobile => ("手机", "mobile"),
        Field::WechatId => ("微信ID", "WeChat id"),
        Field::Department => ("部门", "department"),
        Field::Status => ("状态", "status"),
        Field::Activation => ("激活状态", "activation"),
        Field::Userid => ("账号", "userid"),
        Field::BizMail => ("企业邮箱", "enterprise address"),
        Field::Alias => ("别名", "alias"),
        Field::MailboxType => ("邮箱类型", "mailbox type"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_fills_slots_and_falls_back() {
        let at = At::cell(FileKind::Exmail, 3, Field::Mobile, "1.38E+10").account("a@b.cn");
        assert_eq!(
            render("{email}: {value} {n}", &[("n", "2")], &at),
            "a@b.cn: 1.38E+10 2"
        );
        assert_eq!(render("open { brace", &[], &at), "open { brace");
    }

    #[test]
    fn path_filter_drops_bind_rules_on_new() {
        let mut f = Findings::new(Lang::Zh, UpgradePath::New);
        f.add(Code::TargetMailDeleted, At::run(), &[]);
        f.add(Code::Irreversible, At::run(), &[]);
        assert_eq!(
            f.into_sorted().iter().map(|f| f.code).collect::<Vec<_>>(),
            ["irreversible"]
        );
    }
}
