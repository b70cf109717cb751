//! The shared words of the engine, at the bottom of the module graph: which input, which field,
//! which key, which type, how severe, which language, which path, which feature, which member
//! state. Each has `ALL`, its stable code (`as_str`, the JSON and option value) and its labels
//! in every [`Lang`], from one table per word: every message, export and host names a thing
//! the same way.
//!
//! Tables are `[zh, zh-TW, en]` per value. The Traditional Chinese follows the upgrade guide
//! (`shared/seed/`): 郵箱, 賬號, 企業微信, 成員郵箱, 其他郵箱, 名單, 通訊錄.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A word's labels: zh, zh-TW, en.
type Labels = [&'static str; 3];

/// Declares a vocabulary enum: its values with their codes, `ALL`, `as_str`, `parse` and serde
/// as the code string.
macro_rules! words {
    ($(#[$meta:meta])* pub enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $code:literal,)*
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant,)* }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The stable code (JSON, options, `args`).
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            /// The value of a code.
            pub fn parse(code: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == code)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                let code = std::borrow::Cow::<'de, str>::deserialize(d)?;
                $name::parse(&code).ok_or_else(|| {
                    let known: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    serde::de::Error::custom(format!(
                        "unknown variant `{code}`, expected one of `{}`",
                        known.join("`, `")
                    ))
                })
            }
        }
    };
}

/// The label of `value` in `lang` from a table in declaration order.
fn pick(table: &'static [Labels], index: usize, lang: Lang) -> &'static str {
    table[index][lang as usize]
}

/// The language a person reads. `zh` is Simplified Chinese (zh-CN), the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    #[default]
    Zh,
    /// Traditional Chinese, as the upgrade guide circulates.
    ZhTw,
    En,
}

impl Lang {
    pub const ALL: &'static [Lang] = &[Lang::Zh, Lang::ZhTw, Lang::En];

    /// `zh`, `zh-TW` or `en`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::ZhTw => "zh-TW",
            Lang::En => "en",
        }
    }

    /// `zh`, `zh-CN` (an alias of `zh`), `zh-TW` or `en` (any case).
    pub fn parse(code: &str) -> Option<Lang> {
        match code.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" => Some(Lang::Zh),
            "zh-tw" => Some(Lang::ZhTw),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's own name, for a language switch.
    pub fn label(self) -> &'static str {
        match self {
            Lang::Zh => "简体中文",
            Lang::ZhTw => "繁體中文",
            Lang::En => "English",
        }
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        let code = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Lang::parse(&code).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown variant `{code}`, expected one of `zh`, `zh-CN`, `zh-TW`, `en`"
            ))
        })
    }
}

words! {
    /// Which input a finding, a row or an error belongs to.
    pub enum FileKind {
        Exmail = "exmail",
        Wecom = "wecom",
        Roster = "roster",
        /// The check's options (upgrade context, overrides): findings that concern no file row.
        Options = "options",
    }
}

impl FileKind {
    /// The input in a finding's message and in a cell of the findings export. In English the
    /// message's own "file" follows nothing more: "the Exmail file".
    pub fn label(self, lang: Lang) -> &'static str {
        const TABLE: &[Labels] = &[
            ["企业邮箱账号文件", "企業郵箱賬號文件", "Exmail file"],
            ["企业微信通讯录文件", "企業微信通訊錄文件", "WeCom file"],
            ["邮箱名单", "郵箱名單", "roster file"],
            ["选项", "選項", "options"],
        ];
        pick(TABLE, self as usize, lang)
    }

    /// The input named in full at the head of an error's message (`Exmail account file: …`):
    /// the English of earlier versions, which embedders match on.
    pub fn noun(self, lang: Lang) -> &'static str {
        const TABLE: &[Labels] = &[
            [
                "企业邮箱账号文件",
                "企業郵箱賬號文件",
                "Exmail account file",
            ],
            [
                "企业微信通讯录文件",
                "企業微信通訊錄文件",
                "WeCom contacts file",
            ],
            ["邮箱名单", "郵箱名單", "roster (邮箱名单)"],
            ["选项", "選項", "options"],
        ];
        pick(TABLE, self as usize, lang)
    }
}

words! {
    /// A column the engine understands. Which ones a file may have depends on its kind.
    pub enum Field {
        /// Exmail/roster: the account address. WeCom: the personal address (个人邮箱).
        Email = "email",
        Name = "name",
        Mobile = "mobile",
        WechatId = "wechat_id",
        Department = "department",
        /// Enabled/disabled/left: free text or a code, read by `model`.
        Status = "status",
        /// WeCom 激活状态 (activated or not), a column of its own in the console export.
        Activation = "activation",
        /// WeCom account (账号). In a roster: the member the account goes to.
        Userid = "userid",
        /// WeCom enterprise address (企业邮箱).
        BizMail = "biz_mail",
        Alias = "alias",
        /// Roster: 成员邮箱 / 其他邮箱.
        MailboxType = "type",
    }
}

impl Field {
    /// The field in a message and in the findings export. The userid is 账号 (the console's
    /// own header), not 企业微信账号: a message or a row names the WeCom file beside it.
    pub fn label(self, lang: Lang) -> &'static str {
        const TABLE: &[Labels] = &[
            ["邮箱地址", "郵箱地址", "address"],
            ["姓名", "姓名", "name"],
            ["手机", "手機", "mobile"],
            ["微信ID", "微信ID", "WeChat id"],
            ["部门", "部門", "department"],
            ["状态", "狀態", "status"],
            ["激活状态", "激活狀態", "activation"],
            ["账号", "賬號", "userid"],
            ["企业邮箱", "企業郵箱", "enterprise address"],
            ["别名", "別名", "alias"],
            ["邮箱类型", "郵箱類型", "mailbox type"],
        ];
        pick(TABLE, self as usize, lang)
    }
}

words! {
    /// Where an exmail account ends up.
    pub enum AssignmentType {
        /// 成员邮箱: the mailbox of one WeCom member.
        Member = "member",
        /// 其他邮箱: kept for a partner; cannot log in to WeCom.
        Other = "other",
        /// In neither list of the uploaded roster: the wizard would refuse it.
        Unassigned = "unassigned",
    }
}

impl AssignmentType {
    /// The type as the wizard names it (成员邮箱 / 其他邮箱) and as messages say it.
    pub fn label(self, lang: Lang) -> &'static str {
        const TABLE: &[Labels] = &[
            ["成员邮箱", "成員郵箱", "member mailbox"],
            ["其他邮箱", "其他郵箱", "other mailbox"],
            ["未分配", "未分配", "unassigned"],
        ];
        pick(TABLE, self as usize, lang)
    }
}

words! {
    /// The evidence an assignment rests on: the matching keys in cascade order, then the
    /// decisions that are not a key.
    pub enum MatchedBy {
        WechatId = "wechat_id",
        BizMail = "biz_mail",
        Email = "email",
        Mobile = "mobile",
        Roster = "roster",
        Override = "override",
        /// Path `new`: no key, roster row or override placed the account, and on that path every
        /// account becomes a member of the new WeCom unless listed as other.
        PathNew = "path_new",
    }
}

impl MatchedBy {
    /// The matching keys, strongest first.
    pub const KEYS: [MatchedBy; 4] = [
        MatchedBy::WechatId,
        MatchedBy::BizMail,
        MatchedBy::Email,
        MatchedBy::Mobile,
    ];

    /// The evidence as messages name it (按微信ID匹配) and as the written roster's 匹配依据
    /// column shows it.
    pub fn label(self, lang: Lang) -> &'static str {
        const TABLE: &[Labels] = &[
            ["微信ID", "微信ID", "WeChat id"],
            ["企业邮箱", "企業郵箱", "enterprise address"],
            ["个人邮箱", "個人郵箱", "personal address"],
            ["手机", "手機", "mobile"],
            ["名单", "名單", "roster"],
            ["手动指定", "手動指定", "override"],
            [
                "新建企业微信：默认成员",
                "新建企業微信：默認成員",
                "new WeCom: member by default",
            ],
        ];
        pick(TABLE, self as usize, lang)
    }
}

words! {
    /// How much a finding matters.
    pub enum Severity {
        /// The wizard would refuse the roster, or data would be lost.
        Error = "error",
        /// The upgrade goes through, but something the admin cares about breaks.
        Warning = "warning",
        /// A fact to acknowledge.
        Info = "info",
    }
}

impl Severity {
    pub fn label(self, lang: Lang) -> &'static str {
        const TABLE: &[Labels] = &[
            ["错误", "錯誤", "error"],
            ["警告", "警告", "warning"],
            ["提示", "提示", "info"],
        ];
        pick(TABLE, self as usize, lang)
    }
}

words! {
    /// Which upgrade path the wizard is on.
    pub enum UpgradePath {
        /// 未注册企业微信，快速注册并升级: a new WeCom is registered.
        New = "new",
        /// 已注册企业微信，扫码绑定并升级: an existing WeCom is bound.
        Bind = "bind",
    }
}

#[allow(clippy::derivable_impls)] // the enum is made by `words!`
impl Default for UpgradePath {
    fn default() -> UpgradePath {
        UpgradePath::Bind
    }
}

impl UpgradePath {
    /// The path as the wizard names it.
    pub fn label(self, lang: Lang) -> &'static str {
        const TABLE: &[Labels] = &[
            [
                "未注册企业微信，快速注册并升级",
                "未注冊企業微信，快速注冊并升級",
                "no WeCom yet: register one and upgrade",
            ],
            [
                "已注册企业微信，扫码绑定并升级",
                "已注冊企業微信，掃碼綁定并升級",
                "existing WeCom: bind it by QR code and upgrade",
            ],
        ];
        pick(TABLE, self as usize, lang)
    }
}

words! {
    /// A feature of Exmail the admin says is in use (`features_in_use`).
    pub enum Feature {
        MemberPassword = "member_password",
        Rtx = "rtx",
        PasswordRotation = "password_rotation",
        Netdisk = "netdisk",
        Announcements = "announcements",
        Signature = "signature",
        PublicAddressBook = "public_address_book",
        BusinessCard = "business_card",
        Sso = "sso",
    }
}

impl Feature {
    /// The upgrade removes it (`feature-dropped`); the others WeCom mail lacks for now
    /// (`feature-pending`).
    pub fn dropped(self) -> bool {
        matches!(
            self,
            Feature::MemberPassword | Feature::Rtx | Feature::PasswordRotation | Feature::Netdisk
        )
    }

    /// The feature as the upgrade guide names it.
    pub fn label(self, lang: Lang) -> &'static str {
        const TABLE: &[Labels] = &[
            ["设置成员密码", "設置成員密碼", "member passwords"],
            ["RTX 账号关联", "RTX 賬號關聯", "RTX association"],
            ["定期修改密码", "定期修改密碼", "periodic password change"],
            ["企业网盘", "企業網盤", "enterprise netdisk"],
            ["通知公告", "通知公告", "announcements"],
            ["企业签名档", "企業簽名檔", "enterprise signature"],
            ["公共地址本", "公共地址本", "public address book"],
            ["企业名片", "企業名片", "business cards"],
            ["单点登录", "單點登錄", "single sign-on"],
        ];
        pick(TABLE, self as usize, lang)
    }
}

words! {
    /// What a WeCom member's status cells say, combined (`model::status` reads them).
    pub enum Status {
        /// No status column, or a value not understood: treated as active.
        Unknown = "unknown",
        Active = "active",
        Disabled = "disabled",
        /// Left the company (API status 5).
        Left = "left",
        /// Invited but not yet joined (API status 4): the member exists, and can use a mailbox
        /// once they join.
        NotActivated = "not_activated",
    }
}

#[allow(clippy::derivable_impls)] // the enum is made by `words!`
impl Default for Status {
    fn default() -> Status {
        Status::Unknown
    }
}

impl Status {
    /// The state as a message about a member says it (`member-inactive`): a member "who is …".
    pub fn label(self, lang: Lang) -> &'static str {
        const TABLE: &[Labels] = &[
            ["未知", "未知", "of unknown status"],
            ["正常", "正常", "active"],
            ["已禁用", "已禁用", "disabled"],
            [
                "已离职（已退出企业）",
                "已離職（已退出企業）",
                "gone (left the company)",
            ],
            [
                "尚未激活（还没有加入企业微信，加入后才能使用该邮箱）",
                "尚未激活（還沒有加入企業微信，加入後才能使用該郵箱）",
                "not activated yet (has not joined WeCom: the mailbox is usable once they do)",
            ],
        ];
        pick(TABLE, self as usize, lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value has a code of its own and a label in every language.
    fn check<T: Copy + std::fmt::Debug>(
        all: &[T],
        code: impl Fn(T) -> &'static str,
        label: impl Fn(T, Lang) -> &'static str,
    ) {
        let mut codes: Vec<&str> = all.iter().map(|&v| code(v)).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len(), "{all:?}");
        for &v in all {
            for &lang in Lang::ALL {
                assert!(!label(v, lang).is_empty(), "{v:?} in {lang:?}");
            }
        }
    }

    #[test]
    fn every_word_has_a_code_and_labels() {
        check(FileKind::ALL, FileKind::as_str, FileKind::label);
        check(FileKind::ALL, FileKind::as_str, FileKind::noun);
        check(Field::ALL, Field::as_str, Field::label);
        check(
            AssignmentType::ALL,
            AssignmentType::as_str,
            AssignmentType::label,
        );
        check(MatchedBy::ALL, MatchedBy::as_str, MatchedBy::label);
        check(Severity::ALL, Severity::as_str, Severity::label);
        check(UpgradePath::ALL, UpgradePath::as_str, UpgradePath::label);
        check(Feature::ALL, Feature::as_str, Feature::label);
        check(Status::ALL, Status::as_str, Status::label);
        check(Lang::ALL, Lang::as_str, |l, _| l.label());
    }

    #[test]
    fn codes_read_back_and_serialise_as_themselves() {
        for &f in Field::ALL {
            assert_eq!(Field::parse(f.as_str()), Some(f));
            assert_eq!(
                serde_json::to_string(&f).unwrap(),
                format!("\"{}\"", f.as_str())
            );
        }
        assert_eq!(Field::parse("nope"), None);
        let e = serde_json::from_str::<UpgradePath>("\"old\"").unwrap_err();
        assert!(e.to_string().contains("unknown variant `old`"), "{e}");
    }

    #[test]
    fn languages_by_their_tags() {
        for (tag, lang) in [
            ("zh", Lang::Zh),
            ("zh-CN", Lang::Zh),
            ("zh-TW", Lang::ZhTw),
            ("zh-tw", Lang::ZhTw),
            ("en", Lang::En),
        ] {
            assert_eq!(Lang::parse(tag), Some(lang), "{tag}");
            let json = format!("\"{tag}\"");
            assert_eq!(serde_json::from_str::<Lang>(&json).unwrap(), lang);
        }
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(serde_json::to_string(&Lang::ZhTw).unwrap(), "\"zh-TW\"");
        assert!(Feature::Netdisk.dropped() && !Feature::Sso.dropped());
    }
}
