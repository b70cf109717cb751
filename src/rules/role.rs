//! What a shared or role mailbox looks like (`role-mailbox`): a data table of the local parts
//! and name words such mailboxes use, and the one function that reads an account against it.
//!
//! On path `new` every account becomes a WeCom member unless listed as other, and a mailbox no
//! person owns (hr@, service@, noreply@, 客服, 人力资源部) cannot bind a WeChat: those are the
//! accounts to ask about. Only whole words count, so `hrabowski@` or `adminzhang@` is a person;
//! pinyin is left out (`renshi@` may be 人事 or a person named 任诗).

use crate::ingest::Field;

/// Local-part words of role and shared mailboxes (lower case).
const ROLE_WORDS: &[&str] = &[
    "abuse",
    "account",
    "accounting",
    "accounts",
    "admin",
    "administrator",
    "alert",
    "alerts",
    "billing",
    "bot",
    "career",
    "careers",
    "contact",
    "contactus",
    "cs",
    "customer",
    "customerservice",
    "donotreply",
    "feedback",
    "finance",
    "frontdesk",
    "help",
    "helpdesk",
    "hostmaster",
    "hr",
    "hrbp",
    "info",
    "invoice",
    "it",
    "jobs",
    "legal",
    "mail",
    "mailer",
    "marketing",
    "media",
    "news",
    "newsletter",
    "noreply",
    "notice",
    "notification",
    "notifications",
    "office",
    "ops",
    "postmaster",
    "pr",
    "press",
    "procurement",
    "public",
    "purchase",
    "purchasing",
    "reception",
    "recruit",
    "reply",
    "recruiting",
    "recruitment",
    "robot",
    "root",
    "sales",
    "security",
    "service",
    "services",
    "support",
    "system",
    "webmaster",
];

/// Words that only qualify a role word (`hr.dept`, `service-cn`, `no-reply`).
const QUALIFIERS: &[&str] = &[
    "bj", "center", "cn", "dept", "do", "en", "global", "group", "gz", "hk", "intl", "no", "not",
    "sh", "sz", "team", "us",
];

/// Name-cell words of role and shared mailboxes (contained anywhere; English ones as whole
/// words, lower case).
const NAME_WORDS: &[&str] = &[
    "客服",
    "人力资源",
    "人事",
    "招聘",
    "行政",
    "财务",
    "前台",
    "公共",
    "公用",
    "共享",
    "业务邮箱",
    "通知",
    "系统",
    "管理员",
    "售后",
    "投诉",
    "发票",
    "采购",
];
const NAME_WORDS_EN: &[&str] = &[
    "admin",
    "department",
    "dept",
    "helpdesk",
    "noreply",
    "office",
    "service",
    "support",
    "team",
];
/// Name endings of a department or group (人力资源部, 客户服务中心, 总经理办公室).
const NAME_ENDINGS: &[&str] = &["部", "中心", "办公室", "小组", "团队", "邮箱"];

/// Why `address` (normalised) and `name` look like a shared or role mailbox, if they do: the
/// field that says so, and the local part (`hr@`) or the word of the name (`客服`).
pub fn reason(address: &str, name: &str) -> Option<(Field, String)> {
    let local = address.split('@').next().unwrap_or_default();
    let tokens: Vec<&str> = local
        .split(['.', '-', '_'])
        .map(|t| t.trim_end_matches(|c: char| c.is_ascii_digit()))
        .filter(|t| !t.is_empty())
        .collect();
    let role = tokens.iter().any(|t| ROLE_WORDS.contains(t));
    let only_roles = tokens
        .iter()
        .all(|t| ROLE_WORDS.contains(t) || QUALIFIERS.contains(t));
    if role && only_roles {
        return Some((Field::Email, format!("{local}@")));
    }
    let name = name.trim();
    if let Some(word) = NAME_WORDS.iter().find(|w| name.contains(**w)) {
        return Some((Field::Name, word.to_string()));
    }
    if let Some(end) = NAME_ENDINGS
        .iter()
        .find(|e| name.ends_with(**e) && name.chars().count() > e.chars().count())
    {
        return Some((Field::Name, end.to_string()));
    }
    let lower = name.to_lowercase();
    lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| NAME_WORDS_EN.contains(w))
        .map(|w| (Field::Name, w.to_string()))
}

#[cfg(test)]
mod tests {
    use super::Field;

    fn reason(address: &str, name: &str) -> Option<String> {
        super::reason(address, name).map(|(_, why)| why)
    }

    #[test]
    fn role_local_parts() {
        for address in [
            "hr@acme.cn",
            "service@acme.cn",
            "noreply@acme.cn",
            "no-reply@acme.cn",
            "do_not_reply@acme.cn",
            "admin@acme.cn",
            "hr.dept@acme.cn",
            "service2@acme.cn",
            "support-cn@acme.cn",
            "info@acme.cn",
        ] {
            let why = super::reason(address, "");
            assert_eq!(why.map(|w| w.0), Some(Field::Email), "{address}");
        }
    }

    #[test]
    fn role_names() {
        assert_eq!(reason("a1@acme.cn", "客服小王").as_deref(), Some("客服"));
        assert_eq!(
            reason("x@acme.cn", "人力资源部").as_deref(),
            Some("人力资源")
        );
        assert_eq!(reason("x@acme.cn", "市场部").as_deref(), Some("部"));
        assert_eq!(reason("x@acme.cn", "公共邮箱").as_deref(), Some("公共"));
        assert_eq!(
            reason("x@acme.cn", "Customer Service").as_deref(),
            Some("service")
        );
    }

    #[test]
    fn people_are_not_roles() {
        for (address, name) in [
            ("hrabowski@acme.cn", "Hrabowski"),
            ("adminzhang@acme.cn", "张敏"),
            ("zhang.it@acme.cn", "张伟"),
            ("renshi@acme.cn", "任诗"),
            ("itzel.garcia@acme.cn", "Itzel Garcia"),
            ("infoley@acme.cn", ""),
            ("services.li@acme.cn", "李娜"),
            ("zhang.wei@acme.cn", "张伟"),
            ("bu@acme.cn", "部"),
            ("sean.office@acme.cn", "Sean O'Fficer"),
        ] {
            assert_eq!(reason(address, name), None, "{address} {name}");
        }
    }
}
