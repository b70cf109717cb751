//! The words findings carry beyond the shared vocabulary: why an address, a userid or an
//! enterprise name is wrong, what a roster and the keys each say of an account, how an alias
//! collides, how a column was read. Each is a typed message argument with its labels in every
//! language and a plain value for a host (`args`).

use std::borrow::Cow;

use crate::arg_words;
use crate::message::{Arg, ArgValue, FromArg};
use crate::vocab::{Field, Lang};

arg_words! {
    /// Why an address (or a userid) breaks its rule.
    pub enum Invalid {
        Empty = "empty", ["地址为空", "地址為空", "the address is empty"],
        NoAt = "no-at", ["缺少 @", "缺少 @", "it has no @"],
        SeveralAt = "several-at", ["含有多个 @", "含有多個 @", "it has more than one @"],
        NothingBeforeAt = "nothing-before-at", ["@ 前为空", "@ 前為空", "nothing before the @"],
        TooLong = "too-long", ["地址过长", "地址過長", "it is too long"],
        WhiteSpace = "white-space", ["含有空白字符", "含有空白字元", "it contains white space"],
        Domain = "domain", ["域名无效", "域名無效", "the domain is not valid"],
        NonAsciiLocal = "non-ascii-local",
            ["@ 前含有非 ASCII 字符", "@ 前含有非 ASCII 字元", "non-ASCII characters before the @"],
        LocalCharacters = "local-characters",
            ["@ 前只能包含字母、数字和 . - _", "@ 前只能包含字母、數字和 . - _",
             "the part before the @ may hold only letters, digits and . - _"],
        LocalEdge = "local-edge",
            ["@ 前不能以符号开头或结尾", "@ 前不能以符號開頭或結尾",
             "the part before the @ starts or ends with a symbol"],
        LocalAdjacent = "local-adjacent",
            ["@ 前不能有相邻的符号", "@ 前不能有相鄰的符號",
             "the part before the @ has two symbols side by side"],
        BizMailLength = "biz-mail-length",
            ["企业邮箱须为 6–64 字节", "企業郵箱須為 6–64 位元組", "an enterprise address is 6–64 bytes"],
        BizMailCharacters = "biz-mail-characters",
            ["企业邮箱不能包含 -- 或 +", "企業郵箱不能包含 -- 或 +",
             "an enterprise address may not contain -- or +"],
        UseridEmpty = "userid-empty", ["账号为空", "賬號為空", "it is empty"],
        UseridTooLong = "userid-too-long", ["超过 64 字节", "超過 64 位元組", "it is longer than 64 bytes"],
        UseridCharacters = "userid-characters",
            ["只能包含字母、数字和 _-@.", "只能包含字母、數字和 _-@.",
             "it may hold only letters, digits and _-@."],
        UseridStart = "userid-start",
            ["须以字母或数字开头", "須以字母或數字開頭", "it must start with a letter or digit"],
    }
}

arg_words! {
    /// Which part of a 账号 cell a userid problem is in (`old_userid:new_userid` renames).
    pub enum UseridPart {
        Whole = "whole", ["", "", ""],
        Old = "old", ["冒号前的原账号", "冒號前的原賬號", "the old userid before the colon: "],
        New = "new", ["冒号后的新账号", "冒號後的新賬號", "the new userid after the colon: "],
    }
}

/// Why a userid breaks WeCom's rule, and in which part of the cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UseridProblem {
    pub part: UseridPart,
    pub why: Invalid,
}

impl Arg for UseridProblem {
    fn text(&self, lang: Lang) -> Cow<'_, str> {
        Cow::Owned(format!("{}{}", self.part.label(lang), self.why.label(lang)))
    }
    fn value(&self) -> ArgValue {
        ArgValue::Object(vec![
            ("part".into(), self.part.value()),
            ("why".into(), self.why.value()),
        ])
    }
}

impl FromArg for UseridProblem {
    fn from_value(value: &ArgValue) -> Option<UseridProblem> {
        Some(UseridProblem {
            part: UseridPart::from_value(value.get("part")?)?,
            why: Invalid::from_value(value.get("why")?)?,
        })
    }
}

arg_words! {
    /// Why an enterprise name looks wrong (`enterprise-name`).
    pub enum NameProblem {
        Empty = "empty", ["为空", "為空", "is empty"],
        Spaces = "spaces", ["首尾有空格", "首尾有空格", "has leading or trailing spaces"],
        TestName = "test-name", ["像是测试名称", "像是測試名稱", "looks like a test name"],
        NoLetters = "no-letters", ["不含文字", "不含文字", "has no letters"],
        TooShort = "too-short", ["太短，不像企业全称", "太短，不像企業全稱", "is too short for a full legal name"],
        NoCompanyForm = "no-company-form",
            ["不像企业全称（缺少“有限公司”等组织形式）", "不像企業全稱（缺少「有限公司」等組織形式）",
             "does not look like a full legal name (no company form)"],
    }
}

arg_words! {
    /// How an alias collides (`alias-collision`).
    pub enum AliasRelation {
        IsAddressOf = "address-of", ["是账号", "是賬號", "is the address of"],
        AlsoAliasOf = "alias-of", ["也是账号的别名", "也是賬號的別名", "is also an alias of"],
    }
}

/// What a roster says of an account (`roster-disagrees`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RosterSays {
    /// The mailbox of the member with this userid.
    MemberOf(String),
    /// A member mailbox, no member named.
    Member,
    Other,
}

impl Arg for RosterSays {
    fn text(&self, lang: Lang) -> Cow<'_, str> {
        match (self, lang) {
            (RosterSays::MemberOf(u), Lang::Zh) => Cow::Owned(format!("成员 {u} 的成员邮箱")),
            (RosterSays::MemberOf(u), Lang::ZhTw) => Cow::Owned(format!("成員 {u} 的成員郵箱")),
            (RosterSays::MemberOf(u), Lang::En) => Cow::Owned(format!("the mailbox of member {u}")),
            (RosterSays::Member, Lang::En) => Cow::Borrowed("a member mailbox"),
            (RosterSays::Other, Lang::En) => Cow::Borrowed("an other mailbox"),
            (RosterSays::Member, _) => {
                Cow::Borrowed(crate::vocab::AssignmentType::Member.label(lang))
            }
            (RosterSays::Other, _) => {
                Cow::Borrowed(crate::vocab::AssignmentType::Other.label(lang))
            }
        }
    }
    fn value(&self) -> ArgValue {
        let (kind, userid) = match self {
            RosterSays::MemberOf(u) => ("member", ArgValue::Text(u.clone())),
            RosterSays::Member => ("member", ArgValue::Null),
            RosterSays::Other => ("other", ArgValue::Null),
        };
        ArgValue::Object(vec![
            ("type".into(), ArgValue::Text(kind.into())),
            ("userid".into(), userid),
        ])
    }
}

impl FromArg for RosterSays {
    fn from_value(value: &ArgValue) -> Option<RosterSays> {
        let userid = <Option<String>>::from_value(value.get("userid")?)?;
        match (String::from_value(value.get("type")?)?.as_str(), userid) {
            ("member", Some(u)) => Some(RosterSays::MemberOf(u)),
            ("member", None) => Some(RosterSays::Member),
            ("other", None) => Some(RosterSays::Other),
            _ => None,
        }
    }
}

/// What the keys say of that account instead (`roster-disagrees`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeysSay {
    /// The member with this userid.
    Member(String),
    /// An other mailbox: both WeChat ids are known and differ.
    WechatIdsDiffer,
    /// The member is already the mailbox of this account.
    HeldBy(String),
}

impl Arg for KeysSay {
    fn text(&self, lang: Lang) -> Cow<'_, str> {
        match (self, lang) {
            (KeysSay::Member(u), Lang::Zh) => Cow::Owned(format!("成员 {u}")),
            (KeysSay::Member(u), Lang::ZhTw) => Cow::Owned(format!("成員 {u}")),
            (KeysSay::Member(u), Lang::En) => Cow::Owned(format!("member {u}")),
            (KeysSay::WechatIdsDiffer, Lang::Zh) => Cow::Borrowed("其他邮箱（微信ID不同）"),
            (KeysSay::WechatIdsDiffer, Lang::ZhTw) => Cow::Borrowed("其他郵箱（微信ID不同）"),
            (KeysSay::WechatIdsDiffer, Lang::En) => {
                Cow::Borrowed("an other mailbox (the WeChat ids differ)")
            }
            (KeysSay::HeldBy(a), Lang::Zh) => Cow::Owned(format!("该成员属于 {a}")),
            (KeysSay::HeldBy(a), Lang::ZhTw) => Cow::Owned(format!("該成員屬於 {a}")),
            (KeysSay::HeldBy(a), Lang::En) => Cow::Owned(format!("that member is {a}'s")),
        }
    }
    fn value(&self) -> ArgValue {
        let (kind, who) = match self {
            KeysSay::Member(u) => ("member", ArgValue::Text(u.clone())),
            KeysSay::WechatIdsDiffer => ("wechat-ids-differ", ArgValue::Null),
            KeysSay::HeldBy(a) => ("held-by", ArgValue::Text(a.clone())),
        };
        ArgValue::Object(vec![
            ("type".into(), ArgValue::Text(kind.into())),
            ("who".into(), who),
        ])
    }
}

impl FromArg for KeysSay {
    fn from_value(value: &ArgValue) -> Option<KeysSay> {
        let who = <Option<String>>::from_value(value.get("who")?)?;
        match (String::from_value(value.get("type")?)?.as_str(), who) {
            ("member", Some(u)) => Some(KeysSay::Member(u)),
            ("wechat-ids-differ", None) => Some(KeysSay::WechatIdsDiffer),
            ("held-by", Some(a)) => Some(KeysSay::HeldBy(a)),
            _ => None,
        }
    }
}

/// How a column found by its content is read (`column-guessed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnRead {
    /// Its header is not one we know: it is read as this field for what its cells hold.
    As(Field),
    /// It looks like values of this field but is not read.
    NotRead(Field),
}

impl Arg for ColumnRead {
    fn text(&self, lang: Lang) -> Cow<'_, str> {
        Cow::Owned(match (self, lang) {
            (ColumnRead::As(f), Lang::Zh) => {
                format!("不是可识别的表头，按内容被当作「{}」读取", f.label(lang))
            }
            (ColumnRead::As(f), Lang::ZhTw) => {
                format!("不是可識別的表頭，按內容被當作「{}」讀取", f.label(lang))
            }
            (ColumnRead::As(f), Lang::En) => format!(
                "has no header we know: it is read as the {} for what its cells hold",
                f.label(lang)
            ),
            (ColumnRead::NotRead(f), Lang::Zh) => {
                format!("看起来是{}，但表头不认识，没有被读取", f.label(lang))
            }
            (ColumnRead::NotRead(f), Lang::ZhTw) => {
                format!("看起來是{}，但表頭不認識，沒有被讀取", f.label(lang))
            }
            (ColumnRead::NotRead(f), Lang::En) => format!(
                "looks like {} values but is not read (its header is not one we know)",
                f.label(lang)
            ),
        })
    }
    fn value(&self) -> ArgValue {
        let (kind, field) = match self {
            ColumnRead::As(f) => ("as", f),
            ColumnRead::NotRead(f) => ("not-read", f),
        };
        ArgValue::Object(vec![
            ("type".into(), ArgValue::Text(kind.into())),
            ("field".into(), field.value()),
        ])
    }
}

impl FromArg for ColumnRead {
    fn from_value(value: &ArgValue) -> Option<ColumnRead> {
        let field = Field::from_value(value.get("field")?)?;
        match String::from_value(value.get("type")?)?.as_str() {
            "as" => Some(ColumnRead::As(field)),
            "not-read" => Some(ColumnRead::NotRead(field)),
            _ => None,
        }
    }
}

/// An argument's text in `lang` from its plain value, read as the Rust type `ty` of its rule's
/// row (`Rule::arg_types`): how a host's finding (`code` + `args`) is said in any language
/// without rebuilding its typed `Args`. `None` when the value is not of that type.
pub fn plain_text(ty: &str, value: &ArgValue, lang: Lang) -> Option<String> {
    fn text<T: Arg + FromArg>(value: &ArgValue, lang: Lang) -> Option<String> {
        T::from_value(value).map(|t| t.text(lang).into_owned())
    }
    use crate::message::Column;
    use crate::vocab::{AssignmentType, Feature, FileKind, MatchedBy, Status};
    match ty {
        "String" => text::<String>(value, lang),
        "Option<String>" => text::<Option<String>>(value, lang),
        "u32" | "u64" | "usize" => text::<u64>(value, lang),
        "Column" => text::<Column>(value, lang),
        "Vec<String>" => text::<Vec<String>>(value, lang),
        "FileKind" => text::<FileKind>(value, lang),
        "Field" => text::<Field>(value, lang),
        "MatchedBy" => text::<MatchedBy>(value, lang),
        "AssignmentType" => text::<AssignmentType>(value, lang),
        "Feature" => text::<Feature>(value, lang),
        "Status" => text::<Status>(value, lang),
        "Invalid" => text::<Invalid>(value, lang),
        "NameProblem" => text::<NameProblem>(value, lang),
        "AliasRelation" => text::<AliasRelation>(value, lang),
        "UseridProblem" => text::<UseridProblem>(value, lang),
        "RosterSays" => text::<RosterSays>(value, lang),
        "KeysSay" => text::<KeysSay>(value, lang),
        "ColumnRead" => text::<ColumnRead>(value, lang),
        _ => None,
    }
}
