//! Every rule the checker knows, in one table: code, severity, path, and its message, fix and
//! title in each language, with the typed arguments its message needs.
//!
//! Codes are a public contract (`shared/spec/upgrade-rules.md`): add freely, never rename or
//! reuse. A message is a template: `{name}` is the argument of that name, `{email}` and
//! `{value}` are the finding's own account and cell. Each template names exactly its rule's
//! arguments, checked when the crate compiles, in every language: a finding cannot be built
//! without an argument its message needs, and a template cannot name one it lacks.
//!
//! A row is `Variant = rule!(code, severity, path, from the guide?, zh, en, fix zh, fix en),
//! args { name: Type, … }, zh_tw(message, fix), titles(zh, zh-TW, en)`, then, for a rule whose
//! findings the admin must confirm before importing, `, confirm(Reading | Account)`, and `;`. Adding a rule is one
//! row here, one function that adds the finding where its facts are known, and its two tests
//! in `tests/rules.rs` (ARCHITECTURE.md).

use crate::message::template::{names_exactly, names_exactly_or, uses};
use crate::message::{Arg, ArgValue, Column, FromArg, Texts};
use crate::rules::args::{
    AliasRelation, ColumnRead, Invalid, KeysSay, NameProblem, RosterSays, UseridProblem,
};
use crate::vocab::{AssignmentType, Feature, Field, FileKind, MatchedBy, Severity, Status};

/// Which upgrade path a rule applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulePath {
    Both,
    New,
    Bind,
}

impl RulePath {
    pub fn as_str(self) -> &'static str {
        match self {
            RulePath::Both => "both",
            RulePath::New => "new",
            RulePath::Bind => "bind",
        }
    }
}

/// One row of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub code: Code,
    /// The stable code string.
    pub name: &'static str,
    pub severity: Severity,
    pub path: RulePath,
    /// From the upgrade guide (true) or a data-quality rule of our own (false).
    pub from_guide: bool,
    /// One finding, `[zh, zh-TW, en]`.
    pub message: Texts,
    /// What to do about it.
    pub fix: Texts,
    /// A group of such findings, for a heading.
    pub title: Texts,
    /// The names of the arguments, in order.
    pub args: &'static [&'static str],
    /// Their Rust types, as written in the row (for the generated TypeScript).
    pub arg_types: &'static [&'static str],
    /// The message names the finding's account (`{email}`): a finding must carry one.
    pub needs_email: bool,
    /// The message shows the finding's cell (`{value}`): a finding must carry one.
    pub needs_value: bool,
    /// Whether a finding of this rule leaves the roster to be confirmed: not an error (the
    /// wizard would accept it) but a guess of the tool's that an irreversible upgrade must not
    /// rest on.
    pub confirm: Confirm,
}

/// Which findings of a rule the admin must confirm before the roster is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// None: the rule's findings are facts, not guesses.
    No,
    /// Every finding: how a file was read (a column or a sheet). Confirming the reading in the
    /// options clears it, since the finding is then not raised.
    Reading,
    /// A finding that names an account (`email`), unless the admin settled that account by
    /// hand (`matched_by: override`).
    Account,
}

/// A rule row's `confirm(…)` clause, or `Confirm::No` without one.
macro_rules! confirm {
    () => {
        Confirm::No
    };
    ($scope:ident) => {
        Confirm::$scope
    };
}

/// The slots a message may use besides its arguments.
const OWN: &[&str] = &["email", "value"];

/// One list makes the `Code` enum, the typed `Args` of every rule and the `RULES` table.
macro_rules! catalogue {
    ($(
        $variant:ident = rule!($code:literal, $sev:ident, $path:ident, $guide:literal,
            $zh:literal, $en:literal, $fix_zh:literal, $fix_en:literal),
            args { $($arg:ident : $ty:ty),* $(,)? },
            zh_tw($tw:literal, $fix_tw:literal),
            titles($title_zh:literal, $title_tw:literal, $title_en:literal)
            $(, confirm($confirm:ident))?;
    )*) => {
        /// A rule's stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant),* }

        /// A finding's rule and the arguments its message needs, one variant per rule: a
        /// missing or misnamed argument does not compile.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Args { $($variant { $($arg: $ty),* }),* }

        /// The catalogue, in the order findings are grouped for people: guide rules first.
        pub const RULES: &[Rule] = &[$(Rule {
            code: Code::$variant,
            name: $code,
            severity: Severity::$sev,
            path: RulePath::$path,
            from_guide: $guide,
            message: [$zh, $tw, $en],
            fix: [$fix_zh, $fix_tw, $fix_en],
            title: [$title_zh, $title_tw, $title_en],
            args: &[$(stringify!($arg)),*],
            arg_types: &[$(stringify!($ty)),*],
            needs_email: uses($zh, "email") || uses($tw, "email") || uses($en, "email"),
            needs_value: uses($zh, "value") || uses($tw, "value") || uses($en, "value"),
            confirm: confirm!($($confirm)?),
        }),*];

        $(
            const _: () = assert!(
                names_exactly_or($zh, &[$(stringify!($arg)),*], OWN)
                    && names_exactly_or($tw, &[$(stringify!($arg)),*], OWN)
                    && names_exactly_or($en, &[$(stringify!($arg)),*], OWN),
                concat!("every message of ", $code, " must name exactly its arguments")
            );
            const _: () = assert!(
                names_exactly($fix_zh, &[]) && names_exactly($fix_tw, &[])
                    && names_exactly($fix_en, &[]) && names_exactly($title_zh, &[])
                    && names_exactly($title_tw, &[]) && names_exactly($title_en, &[]),
                concat!("the fixes and titles of ", $code, " have no slots")
            );
        )*

        impl Args {
            /// The rule these are the arguments of.
            pub fn code(&self) -> Code {
                match self { $(Args::$variant { .. } => Code::$variant),* }
            }

            /// The argument called `name`.
            #[allow(unused_variables)] // rules without arguments
            pub fn get(&self, name: &str) -> Option<&dyn Arg> {
                match self {
                    $(Args::$variant { $($arg),* } => {
                        $(if name == stringify!($arg) {
                            return Some($arg);
                        })*
                        None
                    })*
                }
            }

            /// The arguments by name, as plain values.
            pub fn values(&self) -> Vec<(&'static str, ArgValue)> {
                match self {
                    $(Args::$variant { $($arg),* } => vec![$((stringify!($arg), $arg.value())),*],)*
                }
            }

            /// The arguments of `code` read back from plain values (`value(name)`): `None` when
            /// one is missing or not of its type.
            #[allow(unused_variables)] // rules without arguments
            pub fn from_values(code: Code, value: &dyn Fn(&str) -> Option<ArgValue>) -> Option<Args> {
                Some(match code {
                    $(Code::$variant => Args::$variant {
                        $($arg: <$ty as FromArg>::from_value(&value(stringify!($arg))?)?),*
                    },)*
                })
            }
        }
    };
}

catalogue! {
    UnassignedAccount = rule!("unassigned-account", Error, Both, true,
        "邮箱账号 {email} 不在邮箱名单的成员邮箱或其他邮箱中",
        "Account {email} is in neither the member nor the other list of the roster",
        "每个已有邮箱账号都必须分配到「成员邮箱」或「其他邮箱」：在名单中补上这一行，或在此处指定类型。",
        "Every existing account must be assigned to member or other mailbox: add it to the roster or settle it here."),
        args {  },
        zh_tw("郵箱賬號 {email} 不在郵箱名單的成員郵箱或其他郵箱中",
            "每個已有郵箱賬號都必須分配到「成員郵箱」或「其他郵箱」：在名單中補上這一列，或在此處指定類型。"),
        titles("账号未分配到成员邮箱或其他邮箱", "賬號未分配到成員郵箱或其他郵箱", "Accounts in neither list");
    UnknownAccount = rule!("unknown-account", Error, Both, true,
        "名单中的 {email} 不是企业邮箱中已有的账号",
        "{email} in the roster is not an existing Exmail account",
        "导入的邮箱名单不能包含不存在的企业邮箱账号：删除这一行或更正地址。",
        "The imported roster must not contain accounts that do not exist: remove the row or correct the address."),
        args {  },
        zh_tw("名單中的 {email} 不是企業郵箱中已有的賬號",
            "導入的郵箱名單不能包含不存在的企業郵箱賬號：刪除這一列或更正地址。"),
        titles("名单中有不存在的邮箱账号", "名單中有不存在的郵箱賬號", "Roster rows that are not Exmail accounts");
    MemberNotInWecom = rule!("member-not-in-wecom", Error, Bind, true,
        "成员邮箱 {email} 对应的企业微信成员 {userid} 不在目标企业微信中",
        "Member mailbox {email} names WeCom member {userid}, who is not in the target WeCom",
        "先在企业微信通讯录中创建该成员，再进行升级；或将该邮箱改为「其他邮箱」。",
        "Create the member in the WeCom contacts first, then upgrade; or make the mailbox an other mailbox."),
        args { userid: Option<String> },
        zh_tw("成員郵箱 {email} 對應的企業微信成員 {userid} 不在目標企業微信中",
            "先在企業微信通訊錄中創建該成員，再進行升級；或將該郵箱改為「其他郵箱」。"),
        titles("成员邮箱对应的成员不在目标企业微信中", "成員郵箱對應的成員不在目標企業微信中", "Member mailboxes whose member is not in the target WeCom");
    ListedAsBoth = rule!("listed-as-both", Warning, Both, true,
        "{email} 同时出现在「成员邮箱」和「其他邮箱」中，升级后将归为「{outcome}」",
        "{email} is listed both as member and as other mailbox; after the upgrade it ends as {outcome}",
        "只保留一种类型，避免依赖向导的默认规则。",
        "Keep one type only rather than rely on the wizard's default."),
        args { outcome: AssignmentType },
        zh_tw("{email} 同時出現在「成員郵箱」和「其他郵箱」中，升級後將歸為「{outcome}」",
            "只保留一種類型，避免依賴嚮導的默認規則。"),
        titles("同时列为成员邮箱和其他邮箱", "同時列為成員郵箱和其他郵箱", "Listed as both member and other");
    TargetIsPaid = rule!("target-is-paid", Error, Bind, true,
        "目标企业微信已购买邮件高级功能或开通了邮箱试用版，向导将提示“目标企业是收费版，禁止迁移”",
        "The target WeCom bought advanced mail features or opened the mail trial: the wizard will refuse (目标企业是收费版，禁止迁移)",
        "换一个未付费的目标企业微信，或联系腾讯客服处理付费状态后再升级。",
        "Choose a target WeCom without paid mail, or have Tencent support settle the paid state first."),
        args {  },
        zh_tw("目標企業微信已購買郵件高級功能或開通了郵箱試用版，嚮導將提示「目標企業是收費版，禁止遷移」",
            "換一個未付費的目標企業微信，或聯絡騰訊客服處理付費狀態後再升級。"),
        titles("目标企业微信是收费版，禁止迁移", "目標企業微信是收費版，禁止遷移", "The target WeCom is paid: the wizard refuses");
    TargetMailDeleted = rule!("target-mail-deleted", Warning, Bind, true,
        "升级成功后，目标企业微信原来关联的企业邮箱数据会被彻底删除",
        "After the upgrade, mail data already linked to the target WeCom is deleted for good",
        "需要保留的邮件，升级前先自行备份。",
        "Back up any mail you need to keep before upgrading."),
        args {  },
        zh_tw("升級成功後，目標企業微信原來關聯的企業郵箱數據會被徹底刪除",
            "需要保留的郵件，升級前先自行備份。"),
        titles("目标企业微信原有邮箱数据将被删除", "目標企業微信原有郵箱數據將被刪除", "Mail of the target WeCom will be deleted");
    QuotaExceeded = rule!("quota-exceeded", Warning, Both, true,
        "其他邮箱 {count} 个，超出邮件高级功能配额 {quota} 个，超出的 {excess} 个其他邮箱将被禁用",
        "{count} other mailboxes exceed the advanced-feature quota of {quota}: {excess} of them will be disabled",
        "扩容邮件高级功能账号后可重新启用；或减少其他邮箱。",
        "Buy more advanced-feature seats to re-enable them, or assign fewer other mailboxes."),
        args { count: u64, quota: u64, excess: u64 },
        zh_tw("其他郵箱 {count} 個，超出郵件高級功能配額 {quota} 個，超出的 {excess} 個其他郵箱將被禁用",
            "擴容郵件高級功能賬號後可重新啟用；或減少其他郵箱。"),
        titles("其他邮箱超出邮件高级功能配额", "其他郵箱超出郵件高級功能配額", "Other mailboxes exceed the advanced quota");
    WecomApiEmailParam = rule!("wecom-api-email-param", Error, Bind, true,
        "企业微信通讯录 API 正使用 email 参数同步邮箱",
        "WeCom contacts are synced by API with the email parameter",
        "升级前改为使用 biz_mail 参数，否则升级后无法控制企业邮箱的命名。",
        "Switch to the biz_mail parameter before upgrading, or mailbox naming is lost."),
        args {  },
        zh_tw("企業微信通訊錄 API 正使用 email 參數同步郵箱",
            "升級前改為使用 biz_mail 參數，否則升級後無法控制企業郵箱的命名。"),
        titles("企业微信通讯录 API 使用了 email 参数", "企業微信通訊錄 API 使用了 email 參數", "WeCom contacts API uses the email parameter");
    BothContactsApis = rule!("both-contacts-apis", Error, Both, true,
        "同时使用企业邮箱通讯录 API 和企业微信通讯录 API",
        "Both the Exmail contacts API and the WeCom contacts API are in use",
        "在「企业邮箱管理后台-工具箱-应用中心」停用企业邮箱通讯录 API，否则账号会重复。",
        "Stop the Exmail contacts API (admin console → Toolbox → App Center), or accounts are duplicated."),
        args {  },
        zh_tw("同時使用企業郵箱通訊錄 API 和企業微信通訊錄 API",
            "在「企業郵箱管理後台-工具箱-應用中心」停用企業郵箱通訊錄 API，否則賬號會重複。"),
        titles("同时使用两套通讯录 API", "同時使用兩套通訊錄 API", "Both contacts APIs in use");
    DepartmentBackupRules = rule!("department-backup-rules", Warning, Both, true,
        "邮件备份规则以部门为来源，升级后不再支持",
        "Mail backup rules use departments as source, which is not supported after the upgrade",
        "升级后在企业微信邮箱管理后台按成员重新设置备份来源。",
        "After the upgrade, set the backup sources again by member in the WeCom mail console."),
        args {  },
        zh_tw("郵件備份規則以部門為來源，升級後不再支持",
            "升級後在企業微信郵箱管理後台按成員重新設置備份來源。"),
        titles("按部门的邮件备份规则将失效", "按部門的郵件備份規則將失效", "Department backup rules stop working");
    DepartmentSettings = rule!("department-settings", Warning, Both, true,
        "企业邮箱与企业微信的部门不一致（{count} 个部门只在企业邮箱中，如 {value}），按部门的邮件设置将失效",
        "Departments differ between Exmail and WeCom ({count} only in Exmail, e.g. {value}): department-based mail settings stop working",
        "原设置的备份会发送到创建人邮箱；升级后按新部门重新设置。",
        "The old settings are mailed to the creator; set them again for the new departments."),
        args { count: usize },
        zh_tw("企業郵箱與企業微信的部門不一致（{count} 個部門只在企業郵箱中，如 {value}），按部門的郵件設置將失效",
            "原設置的備份會發送到創建人郵箱；升級後按新部門重新設置。"),
        titles("部门不一致，按部门的邮件设置将失效", "部門不一致，按部門的郵件設置將失效", "Departments differ: department settings stop working");
    FeatureDropped = rule!("feature-dropped", Warning, Both, true,
        "升级后不再支持正在使用的功能：{feature}",
        "A feature in use is no longer supported after the upgrade: {feature}",
        "升级前告知成员并做好替代安排。",
        "Tell members and arrange a replacement before upgrading."),
        args { feature: Feature },
        zh_tw("升級後不再支持正在使用的功能：{feature}",
            "升級前告知成員並做好替代安排。"),
        titles("正在使用的功能升级后不再支持", "正在使用的功能升級後不再支持", "Features in use that the upgrade removes");
    FeaturePending = rule!("feature-pending", Warning, Both, true,
        "企业微信邮箱暂不支持正在使用的功能：{feature}",
        "A feature in use is not yet supported by WeCom mail: {feature}",
        "升级后该功能暂不可用，请提前告知成员。",
        "It will be unavailable after the upgrade for now: tell members in advance."),
        args { feature: Feature },
        zh_tw("企業微信郵箱暫不支持正在使用的功能：{feature}",
            "升級後該功能暫不可用，請提前告知成員。"),
        titles("正在使用的功能暂不支持", "正在使用的功能暫不支持", "Features in use not yet supported");
    Irreversible = rule!("irreversible", Info, Both, true,
        "升级操作不可回退",
        "The upgrade cannot be rolled back",
        "提交前再次核对邮箱名单。",
        "Check the roster once more before submitting."),
        args {  },
        zh_tw("升級操作不可回退",
            "提交前再次核對郵箱名單。"),
        titles("升级不可回退", "升級不可回退", "The upgrade cannot be rolled back");
    EnterpriseName = rule!("enterprise-name", Warning, New, true,
        "企业名称“{value}”{reason}",
        "The enterprise name \"{value}\" {reason}",
        "填写企业全称；填错后只能通过付费的企业微信认证修改。",
        "Enter the full legal name: a wrong one can only be fixed by paid WeCom verification."),
        args { reason: NameProblem },
        zh_tw("企業名稱「{value}」{reason}",
            "填寫企業全稱；填錯後只能通過付費的企業微信認證修改。"),
        titles("企业名称需要确认", "企業名稱需要確認", "Check the enterprise name");
    OtherMailboxLogin = rule!("other-mailbox-login", Info, Both, true,
        "{email} 为其他邮箱：无法登录企业微信，密码不变，网页登录需开启安全登录，客户端需使用授权密码",
        "{email} is an other mailbox: it cannot log in to WeCom; password unchanged; web login needs secure login; mail clients need an app password",
        "通知该邮箱的使用者。",
        "Tell the person who uses this mailbox."),
        args {  },
        zh_tw("{email} 為其他郵箱：無法登錄企業微信，密碼不變，網頁登錄需開啟安全登錄，客戶端需使用授權密碼",
            "通知該郵箱的使用者。"),
        titles("其他邮箱不能登录企业微信", "其他郵箱不能登錄企業微信", "Other mailboxes cannot log in to WeCom");
    WecomMemberNoMailbox = rule!("wecom-member-no-mailbox", Info, Bind, true,
        "企业微信成员 {userid} 没有分配邮箱",
        "WeCom member {userid} gets no mailbox",
        "升级后可在「管理后台-协作-邮件-邮箱账号」选择“从通讯录添加”为其添加邮箱。",
        "After the upgrade, add one from the contacts (Admin → Collaboration → Mail → Accounts)."),
        args { userid: String },
        zh_tw("企業微信成員 {userid} 沒有分配郵箱",
            "升級後可在「管理後台-協作-郵件-郵箱賬號」選擇「從通訊錄添加」為其添加郵箱。"),
        titles("企业微信成员没有分配邮箱", "企業微信成員沒有分配郵箱", "WeCom members without a mailbox");
    DoNotEditContacts = rule!("do-not-edit-contacts", Info, Bind, true,
        "迁移过程中请勿修改目标企业微信通讯录",
        "Do not change the target WeCom contacts while migrating",
        "修改可能导致数据丢失。",
        "Changes may lose data."),
        args {  },
        zh_tw("遷移過程中請勿修改目標企業微信通訊錄",
            "修改可能導致數據丟失。"),
        titles("迁移期间请勿修改通讯录", "遷移期間請勿修改通訊錄", "Do not edit the contacts while migrating");
    // Data quality: what real rosters get wrong.
    MissingColumn = rule!("missing-column", Error, Both, false,
        "{file}中找不到必需的列「{field}」；识别到的表头：{value}",
        "The {file} has no {field} column; headers seen: {value}",
        "确认上传的是正确的导出文件，或手动指定该列。",
        "Check that this is the right export, or map the column by hand."),
        args { file: FileKind, field: Field },
        zh_tw("{file}中找不到必需的欄「{field}」；識別到的表頭：{value}",
            "確認上傳的是正確的導出檔案，或手動指定該欄。"),
        titles("找不到必需的列", "找不到必需的欄", "A required column is missing");
    EmailInvalid = rule!("email-invalid", Error, Both, false,
        "邮箱地址“{value}”无效：{reason}",
        "Address \"{value}\" is not valid: {reason}",
        "更正该地址。",
        "Correct the address."),
        args { reason: Invalid },
        zh_tw("郵箱地址「{value}」無效：{reason}",
            "更正該地址。"),
        titles("邮箱地址无效", "郵箱地址無效", "Invalid addresses");
    EmailDuplicate = rule!("email-duplicate", Error, Both, false,
        "邮箱地址 {email} 重复出现（首次在第 {first} 行）",
        "Address {email} appears again (first on row {first})",
        "删除重复的行。",
        "Remove the duplicate row."),
        args { first: u32 },
        zh_tw("郵箱地址 {email} 重複出現（首次在第 {first} 列）",
            "刪除重複的列。"),
        titles("邮箱地址重复", "郵箱地址重複", "Duplicate addresses");
    EmailForeignDomain = rule!("email-foreign-domain", Warning, Both, false,
        "{email} 不属于企业的邮箱域名（{domains}）",
        "{email} is outside the organisation's mail domains ({domains})",
        "确认该地址，或在选项中补充域名。",
        "Check the address, or add the domain in the options."),
        args { domains: String },
        zh_tw("{email} 不屬於企業的郵箱域名（{domains}）",
            "確認該地址，或在選項中補充域名。"),
        titles("邮箱地址不属于企业域名", "郵箱地址不屬於企業域名", "Addresses outside the mail domains");
    UseridDuplicate = rule!("userid-duplicate", Error, Both, false,
        "企业微信账号 {userid} 重复出现（首次在第 {first} 行，不区分大小写）",
        "WeCom account {userid} appears again (first on row {first}; case is ignored)",
        "企业微信账号不区分大小写且必须唯一：删除或更正重复的行。",
        "WeCom userids are unique ignoring case: remove or correct the duplicate."),
        args { userid: String, first: u32 },
        zh_tw("企業微信賬號 {userid} 重複出現（首次在第 {first} 列，不區分大小寫）",
            "企業微信賬號不區分大小寫且必須唯一：刪除或更正重複的列。"),
        titles("企业微信账号重复", "企業微信賬號重複", "Duplicate WeCom userids");
    UseridInvalid = rule!("userid-invalid", Error, Both, false,
        "企业微信账号“{value}”不符合规则：{reason}",
        "WeCom account \"{value}\" breaks WeCom's rule: {reason}",
        "账号为 1–64 字节的字母、数字或 _-@.，且以字母或数字开头。",
        "A userid is 1–64 bytes of letters, digits and _-@., starting with a letter or digit."),
        args { reason: UseridProblem },
        zh_tw("企業微信賬號「{value}」不符合規則：{reason}",
            "賬號為 1–64 位元組的字母、數字或 _-@.，且以字母或數字開頭。"),
        titles("企业微信账号不符合规则", "企業微信賬號不符合規則", "Invalid WeCom userids");
    MemberInactive = rule!("member-inactive", Warning, Both, false,
        "成员邮箱 {email} 分配给了{status}的企业微信成员 {userid}",
        "Member mailbox {email} goes to WeCom member {userid}, who is {status}",
        "确认是否应改为其他邮箱，或先启用该成员（未激活的成员请先邀请其加入企业微信）。",
        "Check whether it should be an other mailbox, or re-enable the member first (invite a member who is not activated to join WeCom)."),
        args { userid: String, status: Status },
        zh_tw("成員郵箱 {email} 分配給了{status}的企業微信成員 {userid}",
            "確認是否應改為其他郵箱，或先啟用該成員（未激活的成員請先邀請其加入企業微信）。"),
        titles("成员邮箱分配给了已禁用、已离职或未激活的成员", "成員郵箱分配給了已禁用、已離職或未激活的成員", "Member mailboxes for disabled, departed or not activated members");
    AmbiguousKey = rule!("ambiguous-key", Warning, Both, false,
        "{key}“{value}”在{file}中出现在 {count} 行，不能据此自动匹配",
        "{key} \"{value}\" is shared by {count} rows of the {file}: it matches nothing",
        "更正重复的值，或手动指定这些账号的归属。",
        "Correct the shared value, or settle these accounts by hand."),
        args { key: MatchedBy, file: FileKind, count: u32 },
        zh_tw("{key}「{value}」在{file}中出現在 {count} 列，不能據此自動匹配",
            "更正重複的值，或手動指定這些賬號的歸屬。"),
        titles("匹配依据有多行相同，无法自动匹配", "匹配依據有多列相同，無法自動匹配", "Shared matching keys: no automatic match"),
            confirm(Account);
    MemberClaimedTwice = rule!("member-claimed-twice", Error, Both, false,
        "{email} 与 {other} 都指向企业微信成员 {userid}",
        "{email} and {other} both resolve to WeCom member {userid}",
        "一个成员只能有一个成员邮箱：把其中一个改为其他邮箱，或指定另一个成员。",
        "A member can have one member mailbox: make one an other mailbox, or pick another member."),
        args { other: String, userid: String },
        zh_tw("{email} 與 {other} 都指向企業微信成員 {userid}",
            "一個成員只能有一個成員郵箱：把其中一個改為其他郵箱，或指定另一個成員。"),
        titles("两个邮箱对应同一个成员", "兩個郵箱對應同一個成員", "Two mailboxes for one member");
    NameMismatch = rule!("name-mismatch", Warning, Both, false,
        "{email}（{name}）按{key}匹配到的企业微信成员 {userid} 名为“{wecom_name}”",
        "{email} ({name}) matched by {key} to WeCom member {userid}, named \"{wecom_name}\"",
        "核对这一配对是否正确。",
        "Check that this pairing is right."),
        args { name: String, key: MatchedBy, userid: String, wecom_name: String },
        zh_tw("{email}（{name}）按{key}匹配到的企業微信成員 {userid} 名為「{wecom_name}」",
            "核對這一配對是否正確。"),
        titles("匹配到的成员姓名不一致", "匹配到的成員姓名不一致", "Matched pairs whose names differ"),
            confirm(Account);
    MobileInvalid = rule!("mobile-invalid", Warning, Both, false,
        "手机号“{value}”无效",
        "Mobile \"{value}\" is not a valid number",
        "升级后成员可用手机号登录：请更正。",
        "Members log in by phone after the upgrade: correct it."),
        args {  },
        zh_tw("手機號「{value}」無效",
            "升級後成員可用手機號登錄：請更正。"),
        titles("手机号无效", "手機號無效", "Invalid mobiles");
    MobileMangled = rule!("mobile-mangled", Error, Both, false,
        "手机号“{value}”已被 Excel 改成科学计数法或丢失了末尾数字",
        "Mobile \"{value}\" was mangled by Excel (scientific notation or lost trailing digits)",
        "从原始数据重新导出，并将该列设为文本格式。",
        "Export it again from the source, with the column formatted as text."),
        args {  },
        zh_tw("手機號「{value}」已被 Excel 改成科學計數法或丟失了末尾數字",
            "從原始數據重新導出，並將該欄設為文字格式。"),
        titles("手机号被 Excel 改坏", "手機號被 Excel 改壞", "Mobiles mangled by Excel");
    MobileDuplicate = rule!("mobile-duplicate", Warning, Both, false,
        "手机号 {value} 同时属于 {name} 和 {other}",
        "Mobile {value} belongs to both {name} and {other}",
        "持有该手机的人都能登录：请更正。",
        "Anyone with that phone can log in: correct it."),
        args { name: String, other: String },
        zh_tw("手機號 {value} 同時屬於 {name} 和 {other}",
            "持有該手機的人都能登錄：請更正。"),
        titles("多人共用一个手机号", "多人共用一個手機號", "Mobiles shared by several people");
    RosterDisagrees = rule!("roster-disagrees", Warning, Both, false,
        "名单将 {email} 设为{roster}，但{key}匹配到{keys}",
        "The roster makes {email} {roster}, but the {key} match says {keys}",
        "核对向导的自动匹配。",
        "Check the wizard's automatic match."),
        args { roster: RosterSays, key: MatchedBy, keys: KeysSay },
        zh_tw("名單將 {email} 設為{roster}，但{key}匹配到{keys}",
            "核對嚮導的自動匹配。"),
        titles("邮箱名单与匹配结果不一致", "郵箱名單與匹配結果不一致", "The roster disagrees with the matching");
    DisabledAccount = rule!("disabled-account", Info, Both, false,
        "邮箱账号 {email} 已禁用，升级后仍为禁用状态",
        "Account {email} is disabled and stays disabled after the upgrade",
        "如需使用，升级后再启用。",
        "Enable it after the upgrade if it is needed."),
        args {  },
        zh_tw("郵箱賬號 {email} 已禁用，升級後仍為禁用狀態",
            "如需使用，升級後再啟用。"),
        titles("已禁用的邮箱账号", "已禁用的郵箱賬號", "Disabled accounts");
    WecomEmpty = rule!("wecom-empty", Error, Bind, false,
        "企业微信通讯录文件在表头（第 {value} 行）下面没有成员行：按这个文件，所有邮箱都会成为其他邮箱",
        "The WeCom contacts file has no member rows below its header (row {value}): by this file every mailbox would become an other mailbox",
        "这可能是空模板或选错了文件：在企业微信管理后台 → 通讯录 → 批量导入/导出 → 文件导出 中重新导出成员，再选择该文件。",
        "This may be an empty template or the wrong file: export the members again (WeCom admin console → 通讯录 → 批量导入/导出 → 文件导出) and choose that file."),
        args {  },
        zh_tw("企業微信通訊錄檔案在表頭（第 {value} 列）下面沒有成員列：按這個檔案，所有郵箱都會成為其他郵箱",
            "這可能是空模板或選錯了檔案：在企業微信管理後台 → 通訊錄 → 批量導入/導出 → 檔案導出 中重新導出成員，再選擇該檔案。"),
        titles("企业微信通讯录文件没有成员", "企業微信通訊錄檔案沒有成員", "The WeCom contacts file has no members");
    AliasListed = rule!("alias-listed", Error, Both, false,
        "名单中的 {value} 是账号 {email} 的别名，不是一个邮箱账号",
        "{value} in the roster is an alias of account {email}, not an account of its own",
        "名单只能填写邮箱账号本身：把这一行的地址改为它所属的账号，再检查一次。在此之前，写出的名单保留这一行原样，并在末尾另加该账号一行。",
        "The roster must name the account itself: put the account's address on this row and check again. Until then the written roster keeps this row as it is and adds a row for the account at its end."),
        args {  },
        zh_tw("名單中的 {value} 是賬號 {email} 的別名，不是一個郵箱賬號",
            "名單只能填寫郵箱賬號本身：把這一列的地址改為它所屬的賬號，再檢查一次。在此之前，寫出的名單保留這一列原樣，並在末尾另加該賬號一列。"),
        titles("名单中填写了别名而不是账号", "名單中填寫了別名而不是賬號", "Roster rows naming an alias, not an account");
    AliasCollision = rule!("alias-collision", Error, Both, false,
        "账号 {email} 的别名 {value} {relation} {other}：它不能指向唯一的邮箱",
        "Alias {value} of account {email} {relation} {other}: it points at no single mailbox",
        "一个地址在账号、别名和邮件群组中必须唯一：在企业邮箱管理后台删除或更正重复的别名。",
        "An address must be unique across accounts, aliases and mail groups: remove or correct the duplicate alias in the Exmail console."),
        args { relation: AliasRelation, other: String },
        zh_tw("賬號 {email} 的別名 {value} {relation} {other}：它不能指向唯一的郵箱",
            "一個地址在賬號、別名和郵件群組中必須唯一：在企業郵箱管理後台刪除或更正重複的別名。"),
        titles("别名与其他账号或别名重复", "別名與其他賬號或別名重複", "Aliases that clash with another account or alias");
    ColumnGuessed = rule!("column-guessed", Warning, Both, false,
        "{file}的 {column} 列（表头“{value}”）{read}",
        "Column {column} of the {file} (header \"{value}\") {read}",
        "请在列映射中确认或改正该列；确认之前，不要把“可以导入”当作结论。",
        "Confirm or correct the column in the column mapping; until then, do not take \"importable\" as final."),
        args { file: FileKind, column: Column, read: ColumnRead },
        zh_tw("{file}的 {column} 欄（表頭「{value}」）{read}",
            "請在欄位對應中確認或改正該欄；確認之前，不要把「可以導入」當作結論。"),
        titles("按内容识别的列：请确认列映射", "按內容識別的欄：請確認欄位對應", "Columns recognised by content: confirm the mapping"),
            confirm(Reading);
    RoleMailbox = rule!("role-mailbox", Info, New, false,
        "{email} 像是共享或职能邮箱（{why}）：新注册企业微信升级时，它将成为一个企业微信成员",
        "{email} looks like a shared or role mailbox ({why}): on path new it becomes a WeCom member",
        "不属于某一个人的邮箱无法绑定微信：在邮箱名单中列为「其他邮箱」或在此处改为其他邮箱；若确是某人的邮箱，保持成员邮箱。",
        "A mailbox no one person owns cannot bind a WeChat: list it as other in the roster or settle it here; if it is one person's, keep it a member mailbox."),
        args { why: String },
        zh_tw("{email} 像是共享或職能郵箱（{why}）：新注冊企業微信升級時，它將成為一個企業微信成員",
            "不屬於某一個人的郵箱無法綁定微信：在郵箱名單中列為「其他郵箱」或在此處改為其他郵箱；若確是某人的郵箱，保持成員郵箱。"),
        titles("像是共享或职能邮箱：请确认是否设为其他邮箱", "像是共享或職能郵箱：請確認是否設為其他郵箱", "Shared or role mailboxes: member or other?");
    NotMigrated = rule!("not-migrated", Info, Bind, false,
        "并入已有企业微信时，以下数据不会迁移：通讯录标签、管理员设置、日程、微盘和微文档",
        "Binding to an existing WeCom does not carry over contact tags, admin settings, schedules, WeDrive (微盘) or WeDoc (微文档)",
        "升级前记下需要保留的标签和管理员设置，并导出需要的日程和文档（据服务商的升级说明）。",
        "Before upgrading, note the tags and admin settings to keep, and export the schedules and documents you need (from resellers' upgrade notes)."),
        args {  },
        zh_tw("並入已有企業微信時，以下數據不會遷移：通訊錄標籤、管理員設置、日程、微盤和微文檔",
            "升級前記下需要保留的標籤和管理員設置，並導出需要的日程和文件（據服務商的升級說明）。"),
        titles("并入已有企业微信时不迁移的数据", "並入已有企業微信時不遷移的數據", "Data the merge does not carry over");
    // How a workbook was read (src/rules/workbook.rs).
    SheetChosen = rule!("sheet-chosen", Info, Both, false,
        "读取的是工作表「{sheet}」；另有含数据的工作表：{others}",
        "Read the worksheet \"{sheet}\"; other worksheets with data: {others}",
        "若数据在其他工作表中，请在读取选项中指定工作表。隐藏的工作表以及图表、对话框、宏表不会被当作数据读取。",
        "If the data is on another sheet, name it in the reading options. Hidden sheets and chart, dialog and macro sheets are never read as data."),
        args { sheet: String, others: String },
        zh_tw("讀取的是工作表「{sheet}」；另有含數據的工作表：{others}",
            "若數據在其他工作表中，請在讀取選項中指定工作表。隱藏的工作表以及圖表、對話方塊、巨集工作表不會被當作數據讀取。"),
        titles("工作簿中有多个含数据的工作表", "活頁簿中有多個含數據的工作表", "Several worksheets hold data"),
            confirm(Reading);
    // Ids and keys only: a mobile's lost digits are mobile-mangled's (one finding per cell).
    DigitsLost = rule!("digits-lost", Warning, Both, false,
        "{field}“{value}”是以 16 位以上的数字或科学计数法保存的，文件中已丢失了数字",
        "{field} \"{value}\" is stored as a number of 16 or more digits or in scientific notation: the file has already lost digits",
        "无法从此文件恢复原值：从来源系统重新导出，或将该列设为文本格式后重新填写，不要按显示的值猜测。（手机号的同类问题由 mobile-mangled 报告。）",
        "The value cannot be recovered from this file: export it again from the source, or set the column to text and enter it again; do not guess. (For mobiles, mobile-mangled reports this.)"),
        args { field: Field },
        zh_tw("{field}「{value}」是以 16 位以上的數字或科學計數法儲存的，檔案中已丟失了數字",
            "無法從此檔案恢復原值：從來源系統重新導出，或將該欄設為文字格式後重新填寫，不要按顯示的值猜測。（手機號的同類問題由 mobile-mangled 報告。）"),
        titles("账号或微信ID的数字已在文件中丢失", "賬號或微信ID的數字已在檔案中丟失", "Ids whose digits the file has lost");
    FormulaNoValue = rule!("formula-no-value", Warning, Both, false,
        "工作表「{sheet}」中有 {count} 个公式单元格没有保存计算结果，按空白读取",
        "{count} formula cells on the sheet \"{sheet}\" have no saved result and read as empty",
        "该文件由程序生成、从未经表格软件计算：请用 Excel、WPS 或 LibreOffice 打开并保存，然后重新选择。",
        "The file was written by a program and never calculated: open it in Excel, WPS or LibreOffice, save it, and choose it again."),
        args { sheet: String, count: u64 },
        zh_tw("工作表「{sheet}」中有 {count} 個公式儲存格沒有儲存計算結果，按空白讀取",
            "該檔案由程式生成、從未經表格軟體計算：請用 Excel、WPS 或 LibreOffice 開啟並儲存，然後重新選擇。"),
        titles("公式没有计算结果，按空白读取", "公式沒有計算結果，按空白讀取", "Formulas without a saved result read as empty");
    // Who got which mailbox (src/rules/assignments.rs): the tie a key could not break.
    SameNameUnmatched = rule!("same-name-unmatched", Warning, Bind, false,
        "{email}（{name}）没有匹配到任何企业微信成员，将成为其他邮箱；而企业微信成员 {userid} 同名且没有邮箱",
        "{email} ({name}) matched no WeCom member and becomes an other mailbox, while WeCom member {userid} has the same name and no mailbox",
        "若是同一人，在“调整”中为该账号选定这位成员（或在两边填上同一个微信ID、企业邮箱或手机号）；若不是，把它调整为其他邮箱以确认。",
        "If it is the same person, pick that member for the account under Settle (or give both the same WeChat id, enterprise address or mobile); if not, settle it as an other mailbox to confirm."),
        args { name: String, userid: String },
        zh_tw("{email}（{name}）沒有匹配到任何企業微信成員，將成為其他郵箱；而企業微信成員 {userid} 同名且沒有郵箱",
            "若是同一人，在「調整」中為該賬號選定這位成員（或在兩邊填上同一個微信ID、企業郵箱或手機號）；若不是，把它調整為其他郵箱以確認。"),
        titles("没有匹配、但有同名成员的账号", "沒有匹配、但有同名成員的賬號", "Unmatched accounts with a same-named member"),
            confirm(Account);
}

impl Code {
    /// The rule behind this code.
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }

    /// The stable code string (`mobile-mangled`).
    pub fn as_str(self) -> &'static str {
        self.rule().name
    }

    /// Looks a code up by its string.
    pub fn parse(name: &str) -> Option<Code> {
        RULES.iter().find(|r| r.name == name).map(|r| r.code)
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
        let name = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Code::parse(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown rule code `{name}`")))
    }
}

/// A finding's message in `lang` from plain values — its arguments by name (`value`), its own
/// `email` and cell — as a host holding only `code` and `args` has them. `None` when an argument
/// is missing or not of its type. The same text as `Finding::message` (tests/messages.rs).
pub fn render_plain(
    code: Code,
    value: &dyn Fn(&str) -> Option<ArgValue>,
    email: Option<&str>,
    cell: Option<&str>,
    lang: crate::vocab::Lang,
) -> Option<String> {
    let rule = code.rule();
    let mut texts = Vec::with_capacity(rule.args.len());
    for (name, ty) in rule.args.iter().zip(rule.arg_types) {
        texts.push(crate::rules::args::plain_text(ty, &value(name)?, lang)?);
    }
    Some(crate::message::render(&rule.message, lang, &|slot| {
        let text = match slot {
            "email" => email.unwrap_or_default(),
            "value" => cell.unwrap_or_default(),
            _ => texts[rule.args.iter().position(|a| *a == slot)?].as_str(),
        };
        Some(std::borrow::Cow::Borrowed(text))
    }))
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_order_matches_enum() {
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.code as usize, i, "{}", r.name);
            assert_eq!(Code::parse(r.name), Some(r.code));
        }
    }

    #[test]
    fn every_spec_code_is_in_the_catalogue() {
        let spec = include_str!("../../docs/upgrade-rules.codes");
        for code in spec.split_whitespace() {
            assert!(Code::parse(code).is_some(), "spec code {code} missing");
        }
        assert_eq!(spec.split_whitespace().count(), RULES.len());
    }
}
