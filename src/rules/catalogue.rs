//! Every rule the checker knows: code, severity, path and messages, in one table.
//!
//! Codes are a public contract (`shared/spec/upgrade-rules.md`): add freely, never rename or reuse.
//! Messages are templates: `{name}` is replaced by the finding's argument of that name.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The wizard would refuse the roster, or data would be lost.
    Error,
    /// The upgrade goes through, but something the admin cares about breaks.
    Warning,
    /// A fact to acknowledge.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Which upgrade path a rule applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RulePath {
    Both,
    New,
    Bind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub code: Code,
    /// The stable code string.
    pub name: &'static str,
    pub severity: Severity,
    pub path: RulePath,
    /// From the upgrade guide (true) or a data-quality rule of our own (false).
    pub from_guide: bool,
    pub zh: &'static str,
    pub en: &'static str,
    /// What to do about it.
    pub fix_zh: &'static str,
    pub fix_en: &'static str,
}

/// One list makes both the `Code` enum (so a code cannot be mistyped in the engine) and the
/// `RULES` table (so every code has its severity, path and messages).
macro_rules! catalogue {
    ($($variant:ident = rule!($code:literal, $sev:ident, $path:ident, $guide:literal,
        $zh:literal, $en:literal, $fix_zh:literal, $fix_en:literal)),* $(,)?) => {
        /// A rule's stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant),* }

        /// The catalogue, in the order findings are grouped for people: guide rules first.
        pub const RULES: &[Rule] = &[$(Rule {
            code: Code::$variant,
            name: $code,
            severity: Severity::$sev,
            path: RulePath::$path,
            from_guide: $guide,
            zh: $zh,
            en: $en,
            fix_zh: $fix_zh,
            fix_en: $fix_en,
        }),*];
    };
}

catalogue! {
    UnassignedAccount = rule!("unassigned-account", Error, Both, true,
        "邮箱账号 {email} 不在邮箱名单的成员邮箱或其他邮箱中",
        "Account {email} is in neither the member nor the other list of the roster",
        "每个已有邮箱账号都必须分配到「成员邮箱」或「其他邮箱」：在名单中补上这一行，或在此处指定类型。",
        "Every existing account must be assigned to member or other mailbox: add it to the roster or settle it here."),
    UnknownAccount = rule!("unknown-account", Error, Both, true,
        "名单中的 {email} 不是企业邮箱中已有的账号",
        "{email} in the roster is not an existing Exmail account",
        "导入的邮箱名单不能包含不存在的企业邮箱账号：删除这一行或更正地址。",
        "The imported roster must not contain accounts that do not exist: remove the row or correct the address."),
    MemberNotInWecom = rule!("member-not-in-wecom", Error, Bind, true,
        "成员邮箱 {email} 对应的企业微信成员 {userid} 不在目标企业微信中",
        "Member mailbox {email} names WeCom member {userid}, who is not in the target WeCom",
        "先在企业微信通讯录中创建该成员，再进行升级；或将该邮箱改为「其他邮箱」。",
        "Create the member in the WeCom contacts first, then upgrade; or make the mailbox an other mailbox."),
    ListedAsBoth = rule!("listed-as-both", Warning, Both, true,
        "{email} 同时出现在「成员邮箱」和「其他邮箱」中，升级后将归为「{outcome}」",
        "{email} is listed both as member and as other mailbox; after the upgrade it ends as {outcome_en}",
        "只保留一种类型，避免依赖向导的默认规则。",
        "Keep one type only rather than rely on the wizard's default."),
    TargetIsPaid = rule!("target-is-paid", Error, Bind, true,
        "目标企业微信已购买邮件高级功能或开通了邮箱试用版，向导将提示“目标企业是收费版，禁止迁移”",
        "The target WeCom bought advanced mail features or opened the mail trial: the wizard will refuse (目标企业是收费版，禁止迁移)",
        "换一个未付费的目标企业微信，或联系腾讯客服处理付费状态后再升级。",
        "Choose a target WeCom without paid mail, or have Tencent support settle the paid state first."),
    TargetMailDeleted = rule!("target-mail-deleted", Warning, Bind, true,
        "升级成功后，目标企业微信原来关联的企业邮箱数据会被彻底删除",
        "After the upgrade, mail data already linked to the target WeCom is deleted for good",
        "需要保留的邮件，升级前先自行备份。",
        "Back up any mail you need to keep before upgrading."),
    QuotaExceeded = rule!("quota-exceeded", Warning, Both, true,
        "其他邮箱 {count} 个，超出邮件高级功能配额 {quota} 个，超出的 {excess} 个其他邮箱将被禁用",
        "{count} other mailboxes exceed the advanced-feature quota of {quota}: {excess} of them will be disabled",
        "扩容邮件高级功能账号后可重新启用；或减少其他邮箱。",
        "Buy more advanced-feature seats to re-enable them, or assign fewer other mailboxes."),
    WecomApiEmailParam = rule!("wecom-api-email-param", Error, Bind, true,
        "企业微信通讯录 API 正使用 email 参数同步邮箱",
        "WeCom contacts are synced by API with the email parameter",
        "升级前改为使用 biz_mail 参数，否则升级后无法控制企业邮箱的命名。",
        "Switch to the biz_mail parameter before upgrading, or mailbox naming is lost."),
    BothContactsApis = rule!("both-contacts-apis", Error, Both, true,
        "同时使用企业邮箱通讯录 API 和企业微信通讯录 API",
        "Both the Exmail contacts API and the WeCom contacts API are in use",
        "在「企业邮箱管理后台-工具箱-应用中心」停用企业邮箱通讯录 API，否则账号会重复。",
        "Stop the Exmail contacts API (admin console → Toolbox → App Center), or accounts are duplicated."),
    DepartmentBackupRules = rule!("department-backup-rules", Warning, Both, true,
        "邮件备份规则以部门为来源，升级后不再支持",
        "Mail backup rules use departments as source, which is not supported after the upgrade",
        "升级后在企业微信邮箱管理后台按成员重新设置备份来源。",
        "After the upgrade, set the backup sources again by member in the WeCom mail console."),
    DepartmentSettings = rule!("department-settings", Warning, Both, true,
        "企业邮箱与企业微信的部门不一致（{count} 个部门只在企业邮箱中，如 {value}），按部门的邮件设置将失效",
        "Departments differ between Exmail and WeCom ({count} only in Exmail, e.g. {value}): department-based mail settings stop working",
        "原设置的备份会发送到创建人邮箱；升级后按新部门重新设置。",
        "The old settings are mailed to the creator; set them again for the new departments."),
    FeatureDropped = rule!("feature-dropped", Warning, Both, true,
        "升级后不再支持正在使用的功能：{feature}",
        "A feature in use is no longer supported after the upgrade: {feature_en}",
        "升级前告知成员并做好替代安排。",
        "Tell members and arrange a replacement before upgrading."),
    FeaturePending = rule!("feature-pending", Warning, Both, true,
        "企业微信邮箱暂不支持正在使用的功能：{feature}",
        "A feature in use is not yet supported by WeCom mail: {feature_en}",
        "升级后该功能暂不可用，请提前告知成员。",
        "It will be unavailable after the upgrade for now: tell members in advance."),
    Irreversible = rule!("irreversible", Info, Both, true,
        "升级操作不可回退",
        "The upgrade cannot be rolled back",
        "提交前再次核对邮箱名单。",
        "Check the roster once more before submitting."),
    EnterpriseName = rule!("enterprise-name", Warning, New, true,
        "企业名称“{value}”{reason}",
        "The enterprise name \"{value}\" {reason_en}",
        "填写企业全称；填错后只能通过付费的企业微信认证修改。",
        "Enter the full legal name: a wrong one can only be fixed by paid WeCom verification."),
    OtherMailboxLogin = rule!("other-mailbox-login", Info, Both, true,
        "{email} 为其他邮箱：无法登录企业微信，密码不变，网页登录需开启安全登录，客户端需使用授权密码",
        "{email} is an other mailbox: it cannot log in to WeCom; password unchanged; web login needs secure login; mail clients need an app password",
        "通知该邮箱的使用者。",
        "Tell the person who uses this mailbox."),
    WecomMemberNoMailbox = rule!("wecom-member-no-mailbox", Info, Bind, true,
        "企业微信成员 {userid} 没有分配邮箱",
        "WeCom member {userid} gets no mailbox",
        "升级后可在「管理后台-协作-邮件-邮箱账号」选择“从通讯录添加”为其添加邮箱。",
        "After the upgrade, add one from the contacts (Admin → Collaboration → Mail → Accounts)."),
    DoNotEditContacts = rule!("do-not-edit-contacts", Info, Bind, true,
        "迁移过程中请勿修改目标企业微信通讯录",
        "Do not change the target WeCom contacts while migrating",
        "修改可能导致数据丢失。",
        "Changes may lose data."),
    // Data quality: what real rosters get wrong.
    MissingColumn = rule!("missing-column", Error, Both, false,
        "{file_zh}中找不到必需的列「{field_zh}」；识别到的表头：{value}",
        "The {file} file has no {field} column; headers seen: {value}",
        "确认上传的是正确的导出文件，或手动指定该列。",
        "Check that this is the right export, or map the column by hand."),
    EmailInvalid = rule!("email-invalid", Error, Both, false,
        "邮箱地址“{value}”无效：{reason}",
        "Address \"{value}\" is not valid: {reason_en}",
        "更正该地址。",
        "Correct the address."),
    EmailDuplicate = rule!("email-duplicate", Error, Both, false,
        "邮箱地址 {email} 重复出现（首次在第 {first} 行）",
        "Address {email} appears again (first on row {first})",
        "删除重复的行。",
        "Remove the duplicate row."),
    EmailForeignDomain = rule!("email-foreign-domain", Warning, Both, false,
        "{email} 不属于企业的邮箱域名（{domains}）",
        "{email} is outside the organisation's mail domains ({domains})",
        "确认该地址，或在选项中补充域名。",
        "Check the address, or add the domain in the options."),
    UseridDuplicate = rule!("userid-duplicate", Error, Both, false,
        "企业微信账号 {userid} 重复出现（首次在第 {first} 行，不区分大小写）",
        "WeCom account {userid} appears again (first on row {first}; case is ignored)",
        "企业微信账号不区分大小写且必须唯一：删除或更正重复的行。",
        "WeCom userids are unique ignoring case: remove or correct the duplicate."),
    UseridInvalid = rule!("userid-invalid", Error, Both, false,
        "企业微信账号“{value}”不符合规则：{reason}",
        "WeCom account \"{value}\" breaks WeCom's rule: {reason_en}",
        "账号为 1–64 字节的字母、数字或 _-@.，且以字母或数字开头。",
        "A userid is 1–64 bytes of letters, digits and _-@., starting with a letter or digit."),
    MemberInactive = rule!("member-inactive", Warning, Both, false,
        "成员邮箱 {email} 分配给了{status}的企业微信成员 {userid}",
        "Member mailbox {email} goes to WeCom member {userid}, who is {status_en}",
        "确认是否应改为其他邮箱，或先启用该成员（未激活的成员请先邀请其加入企业微信）。",
        "Check whether it should be an other mailbox, or re-enable the member first (invite a member who is not activated to join WeCom)."),
    AmbiguousKey = rule!("ambiguous-key", Warning, Both, false,
        "{key_zh}“{value}”在{file_zh}中出现在 {count} 行，不能据此自动匹配",
        "{key} \"{value}\" is shared by {count} rows of the {file} file: it matches nothing",
        "更正重复的值，或手动指定这些账号的归属。",
        "Correct the shared value, or settle these accounts by hand."),
    MemberClaimedTwice = rule!("member-claimed-twice", Error, Both, false,
        "{email} 与 {other} 都指向企业微信成员 {userid}",
        "{email} and {other} both resolve to WeCom member {userid}",
        "一个成员只能有一个成员邮箱：把其中一个改为其他邮箱，或指定另一个成员。",
        "A member can have one member mailbox: make one an other mailbox, or pick another member."),
    NameMismatch = rule!("name-mismatch", Warning, Both, false,
        "{email}（{name}）按{key_zh}匹配到的企业微信成员 {userid} 名为“{wecom_name}”",
        "{email} ({name}) matched by {key} to WeCom member {userid}, named \"{wecom_name}\"",
        "核对这一配对是否正确。",
        "Check that this pairing is right."),
    MobileInvalid = rule!("mobile-invalid", Warning, Both, false,
        "手机号“{value}”无效",
        "Mobile \"{value}\" is not a valid number",
        "升级后成员可用手机号登录：请更正。",
        "Members log in by phone after the upgrade: correct it."),
    MobileMangled = rule!("mobile-mangled", Error, Both, false,
        "手机号“{value}”已被 Excel 改成科学计数法或丢失了末尾数字",
        "Mobile \"{value}\" was mangled by Excel (scientific notation or lost trailing digits)",
        "从原始数据重新导出，并将该列设为文本格式。",
        "Export it again from the source, with the column formatted as text."),
    MobileDuplicate = rule!("mobile-duplicate", Warning, Both, false,
        "手机号 {value} 同时属于 {name} 和 {other}",
        "Mobile {value} belongs to both {name} and {other}",
        "持有该手机的人都能登录：请更正。",
        "Anyone with that phone can log in: correct it."),
    RosterDisagrees = rule!("roster-disagrees", Warning, Both, false,
        "名单将 {email} 设为{roster_zh}，但{key_zh}匹配到{keys_zh}",
        "The roster makes {email} {roster_en}, but the {key} match says {keys_en}",
        "核对向导的自动匹配。",
        "Check the wizard's automatic match."),
    DisabledAccount = rule!("disabled-account", Info, Both, false,
        "邮箱账号 {email} 已禁用，升级后仍为禁用状态",
        "Account {email} is disabled and stays disabled after the upgrade",
        "如需使用，升级后再启用。",
        "Enable it after the upgrade if it is needed."),
    WecomEmpty = rule!("wecom-empty", Error, Bind, false,
        "企业微信通讯录文件在表头（第 {value} 行）下面没有成员行：按这个文件，所有邮箱都会成为其他邮箱",
        "The WeCom contacts file has no member rows below its header (row {value}): by this file every mailbox would become an other mailbox",
        "这可能是空模板或选错了文件：在企业微信管理后台 → 通讯录 → 批量导入/导出 → 文件导出 中重新导出成员，再选择该文件。",
        "This may be an empty template or the wrong file: export the members again (WeCom admin console → 通讯录 → 批量导入/导出 → 文件导出) and choose that file."),
    AliasListed = rule!("alias-listed", Error, Both, false,
        "名单中的 {value} 是账号 {email} 的别名，不是一个邮箱账号",
        "{value} in the roster is an alias of account {email}, not an account of its own",
        "名单只能填写邮箱账号本身：把这一行的地址改为它所属的账号。本次检查已把这一行算作该账号。",
        "The roster must name the account itself: put the account's address on this row. This check counts the row for that account."),
    AliasCollision = rule!("alias-collision", Error, Both, false,
        "账号 {email} 的别名 {value} {relation} {other}：它不能指向唯一的邮箱",
        "Alias {value} of account {email} {relation_en} {other}: it points at no single mailbox",
        "一个地址在账号、别名和邮件群组中必须唯一：在企业邮箱管理后台删除或更正重复的别名。",
        "An address must be unique across accounts, aliases and mail groups: remove or correct the duplicate alias in the Exmail console."),
    ColumnGuessed = rule!("column-guessed", Warning, Both, false,
        "{file_zh}的 {column} 列（表头“{value}”）{what_zh}",
        "Column {column} of the {file} file (header \"{value}\") {what_en}",
        "请在列映射中确认或改正该列；确认之前，不要把“可以导入”当作结论。",
        "Confirm or correct the column in the column mapping; until then, do not take \"importable\" as final."),
    RoleMailbox = rule!("role-mailbox", Info, New, false,
        "{email} 像是共享或职能邮箱（{why}）：新注册企业微信升级时，它将成为一个企业微信成员",
        "{email} looks like a shared or role mailbox ({why}): on path new it becomes a WeCom member",
        "不属于某一个人的邮箱无法绑定微信：在邮箱名单中列为「其他邮箱」或在此处改为其他邮箱；若确是某人的邮箱，保持成员邮箱。",
        "A mailbox no one person owns cannot bind a WeChat: list it as other in the roster or settle it here; if it is one person's, keep it a member mailbox."),
    NotMigrated = rule!("not-migrated", Info, Bind, false,
        "并入已有企业微信时，以下数据不会迁移：通讯录标签、管理员设置、日程、微盘和微文档",
        "Binding to an existing WeCom does not carry over contact tags, admin settings, schedules, WeDrive (微盘) or WeDoc (微文档)",
        "升级前记下需要保留的标签和管理员设置，并导出需要的日程和文档（据服务商的升级说明）。",
        "Before upgrading, note the tags and admin settings to keep, and export the schedules and documents you need (from resellers' upgrade notes)."),
    // How a workbook was read (src/rules/workbook.rs).
    SheetChosen = rule!("sheet-chosen", Info, Both, false,
        "读取的是工作表「{sheet}」；另有含数据的工作表：{others}",
        "Read the worksheet \"{sheet}\"; other worksheets with data: {others}",
        "若数据在其他工作表中，请在读取选项中指定工作表。隐藏的工作表以及图表、对话框、宏表不会被当作数据读取。",
        "If the data is on another sheet, name it in the reading options. Hidden sheets and chart, dialog and macro sheets are never read as data."),
    // Ids and keys only: a mobile's lost digits are mobile-mangled's (one finding per cell).
    DigitsLost = rule!("digits-lost", Warning, Both, false,
        "{field_zh}“{value}”是以 16 位以上的数字或科学计数法保存的，文件中已丢失了数字",
        "{field} \"{value}\" is stored as a number of 16 or more digits or in scientific notation: the file has already lost digits",
        "无法从此文件恢复原值：从来源系统重新导出，或将该列设为文本格式后重新填写，不要按显示的值猜测。（手机号的同类问题由 mobile-mangled 报告。）",
        "The value cannot be recovered from this file: export it again from the source, or set the column to text and enter it again; do not guess. (For mobiles, mobile-mangled reports this.)"),
    FormulaNoValue = rule!("formula-no-value", Warning, Both, false,
        "工作表「{sheet}」中有 {count} 个公式单元格没有保存计算结果，按空白读取",
        "{count} formula cells on the sheet \"{sheet}\" have no saved result and read as empty",
        "该文件由程序生成、从未经表格软件计算：请用 Excel、WPS 或 LibreOffice 打开并保存，然后重新选择。",
        "The file was written by a program and never calculated: open it in Excel, WPS or LibreOffice, save it, and choose it again."),
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

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
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
