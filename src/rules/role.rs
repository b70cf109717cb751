//! What a shared or role mailbox looks like (`role-mailbox`): a data table of the local parts
//! and name words such mailboxes use, and the one function that reads an account against it.
//!
//! On path `new` every account becomes a WeCom member unless listed as other, and a mailbox no
//! person owns (hr@, service@, noreply@, 客服, 人力资源部) cannot bind a WeChat: those are the
//! accounts to ask about. Only whole words count, so `hrabowski@` or `adminzhang@` is a person;
//! pinyin is left out (`renshi@` may be 人事 or a person named 任诗).

use crate::vocab::Field;

/// Local-part words of role and shared mailboxes (lower case).
const ROLE_WORDS: &str = "\
    abuse account accounting accounts admin administrator alert alerts billing bot \
    career careers contact contactus cs customer customerservice donotreply feedback \
    finance frontdesk help helpdesk hostmaster hr hrbp info invoice it jobs legal \
    mail mailer marketing media news newsletter noreply notice notification \
    notifications office ops postmaster pr press procurement public purchase \
    purchasing reception recruit reply recruiting recruitment robot root sales \
    security service services support system webmaster";

/// Words that only qualify a role word (`hr.dept`, `service-cn`, `no-reply`).
const QUALIFIERS: &str = "\
    bj center cn dept do en global group gz hk intl no not sh sz team us";

/// Name-cell words of role and shared mailboxes (contained anywhere; English ones as whole
/// words, lower case).
const NAME_WORDS: &str = "\
    客服 人力资源 人事 招聘 行政 财务 前台 公共 公用 共享 业务邮箱 通知 系统 管理员 售后 投诉 发票 采购";
const NAME_WORDS_EN: &str = "\
    admin department dept helpdesk noreply office service support team";
/// Name endings of a department or group (人力资源部, 客户服务中心, 总经理办公室).
const NAME_ENDINGS: &str = "\
    部 中心 办公室 小组 团队 邮箱";

/// Why `address` (normalised) and `name` look like a shared or role mailbox, if they do: the
/// field that says so, and the local part (`hr@`) or the word of the name (`客服`).
pub fn reason(address: &str, name: &str) -> Option<(Field, String)> {
    let local = address.split('@').next().unwrap_or_default();
    if is_role_local(local) {
        return Some((Field::Email, format!("{local}@")));
    }
    let name = name.trim();
    let word = words(NAME_WORDS)
        .find(|w| name.contains(*w))
        .or_else(|| {
            let ending = |e: &&str| name.ends_with(*e) && name.len() > e.len();
            words(NAME_ENDINGS).find(ending)
        })
        .or_else(|| {
            name.split(' ')
                .flat_map(|w| words(NAME_WORDS_EN).find(|e| e.eq_ignore_ascii_case(w)))
                .next()
        })?;
    Some((Field::Name, word.to_string()))
}

/// The words of a table (one string, words separated by white space: no table of pointers in
/// the wasm).
fn words(table: &'static str) -> impl Iterator<Item = &'static str> {
    table.split_ascii_whitespace()
}

/// A local part made only of role words and their qualifiers (`hr`, `no-reply`, `service2`,
/// `hr.dept`), with at least one role word.
fn is_role_local(local: &str) -> bool {
    let mut role = false;
    for token in local.split(['.', '-', '_']) {
        let token = token.trim_end_matches(|c: char| c.is_ascii_digit());
        if words(ROLE_WORDS).any(|w| w == token) {
            role = true;
        } else if !token.is_empty() && !words(QUALIFIERS).any(|w| w == token) {
            return false;
        }
    }
    role
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
    fn every_word_of_the_tables_stands_alone() {
        // A line break in a table must not glue two words together.
        for word in [
            "bot",
            "career",
            "feedback",
            "finance",
            "legal",
            "mail",
            "notification",
        ] {
            assert!(super::is_role_local(word), "{word}");
        }
        for word in [
            "notifications",
            "purchase",
            "purchasing",
            "sales",
            "security",
        ] {
            assert!(super::is_role_local(word), "{word}");
        }
        assert!(super::words(super::ROLE_WORDS).all(|w| w.len() <= 15));
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
