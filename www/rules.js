// Generated from src/rules/catalogue.rs by tests/browser/page/gen-rules.mjs: do not edit.
export const RULES = {
 "unassigned-account": {
  "order": 0,
  "severity": "error",
  "path": "both",
  "guide": true,
  "zh": "邮箱账号 {email} 不在邮箱名单的成员邮箱或其他邮箱中",
  "en": "Account {email} is in neither the member nor the other list of the roster",
  "fix_zh": "每个已有邮箱账号都必须分配到「成员邮箱」或「其他邮箱」：在名单中补上这一行，或在此处指定类型。",
  "fix_en": "Every existing account must be assigned to member or other mailbox: add it to the roster or settle it here."
 },
 "unknown-account": {
  "order": 1,
  "severity": "error",
  "path": "both",
  "guide": true,
  "zh": "名单中的 {email} 不是企业邮箱中已有的账号",
  "en": "{email} in the roster is not an existing Exmail account",
  "fix_zh": "导入的邮箱名单不能包含不存在的企业邮箱账号：删除这一行或更正地址。",
  "fix_en": "The imported roster must not contain accounts that do not exist: remove the row or correct the address."
 },
 "member-not-in-wecom": {
  "order": 2,
  "severity": "error",
  "path": "bind",
  "guide": true,
  "zh": "成员邮箱 {email} 对应的企业微信成员 {userid} 不在目标企业微信中",
  "en": "Member mailbox {email} names WeCom member {userid}, who is not in the target WeCom",
  "fix_zh": "先在企业微信通讯录中创建该成员，再进行升级；或将该邮箱改为「其他邮箱」。",
  "fix_en": "Create the member in the WeCom contacts first, then upgrade; or make the mailbox an other mailbox."
 },
 "listed-as-both": {
  "order": 3,
  "severity": "warning",
  "path": "both",
  "guide": true,
  "zh": "{email} 同时出现在「成员邮箱」和「其他邮箱」中，升级后将归为「{outcome}」",
  "en": "{email} is listed both as member and as other mailbox; after the upgrade it ends as {outcome}",
  "fix_zh": "只保留一种类型，避免依赖向导的默认规则。",
  "fix_en": "Keep one type only rather than rely on the wizard's default."
 },
 "target-is-paid": {
  "order": 4,
  "severity": "error",
  "path": "bind",
  "guide": true,
  "zh": "目标企业微信已购买邮件高级功能或开通了邮箱试用版，向导将提示“目标企业是收费版，禁止迁移”",
  "en": "The target WeCom bought advanced mail features or opened the mail trial: the wizard will refuse (目标企业是收费版，禁止迁移)",
  "fix_zh": "换一个未付费的目标企业微信，或联系腾讯客服处理付费状态后再升级。",
  "fix_en": "Choose a target WeCom without paid mail, or have Tencent support settle the paid state first."
 },
 "target-mail-deleted": {
  "order": 5,
  "severity": "warning",
  "path": "bind",
  "guide": true,
  "zh": "升级成功后，目标企业微信原来关联的企业邮箱数据会被彻底删除",
  "en": "After the upgrade, mail data already linked to the target WeCom is deleted for good",
  "fix_zh": "需要保留的邮件，升级前先自行备份。",
  "fix_en": "Back up any mail you need to keep before upgrading."
 },
 "quota-exceeded": {
  "order": 6,
  "severity": "warning",
  "path": "both",
  "guide": true,
  "zh": "其他邮箱 {count} 个，超出邮件高级功能配额 {quota} 个，超出的 {excess} 个其他邮箱将被禁用",
  "en": "{count} other mailboxes exceed the advanced-feature quota of {quota}: {excess} of them will be disabled",
  "fix_zh": "扩容邮件高级功能账号后可重新启用；或减少其他邮箱。",
  "fix_en": "Buy more advanced-feature seats to re-enable them, or assign fewer other mailboxes."
 },
 "wecom-api-email-param": {
  "order": 7,
  "severity": "error",
  "path": "bind",
  "guide": true,
  "zh": "企业微信通讯录 API 正使用 email 参数同步邮箱",
  "en": "WeCom contacts are synced by API with the email parameter",
  "fix_zh": "升级前改为使用 biz_mail 参数，否则升级后无法控制企业邮箱的命名。",
  "fix_en": "Switch to the biz_mail parameter before upgrading, or mailbox naming is lost."
 },
 "both-contacts-apis": {
  "order": 8,
  "severity": "error",
  "path": "both",
  "guide": true,
  "zh": "同时使用企业邮箱通讯录 API 和企业微信通讯录 API",
  "en": "Both the Exmail contacts API and the WeCom contacts API are in use",
  "fix_zh": "在「企业邮箱管理后台-工具箱-应用中心」停用企业邮箱通讯录 API，否则账号会重复。",
  "fix_en": "Stop the Exmail contacts API (admin console → Toolbox → App Center), or accounts are duplicated."
 },
 "department-backup-rules": {
  "order": 9,
  "severity": "warning",
  "path": "both",
  "guide": true,
  "zh": "邮件备份规则以部门为来源，升级后不再支持",
  "en": "Mail backup rules use departments as source, which is not supported after the upgrade",
  "fix_zh": "升级后在企业微信邮箱管理后台按成员重新设置备份来源。",
  "fix_en": "After the upgrade, set the backup sources again by member in the WeCom mail console."
 },
 "department-settings": {
  "order": 10,
  "severity": "warning",
  "path": "both",
  "guide": true,
  "zh": "企业邮箱与企业微信的部门不一致（{count} 个部门只在企业邮箱中，如 {value}），按部门的邮件设置将失效",
  "en": "Departments differ between Exmail and WeCom ({count} only in Exmail, e.g. {value}): department-based mail settings stop working",
  "fix_zh": "原设置的备份会发送到创建人邮箱；升级后按新部门重新设置。",
  "fix_en": "The old settings are mailed to the creator; set them again for the new departments."
 },
 "feature-dropped": {
  "order": 11,
  "severity": "warning",
  "path": "both",
  "guide": true,
  "zh": "升级后不再支持正在使用的功能：{feature}",
  "en": "A feature in use is no longer supported after the upgrade: {feature}",
  "fix_zh": "升级前告知成员并做好替代安排。",
  "fix_en": "Tell members and arrange a replacement before upgrading."
 },
 "feature-pending": {
  "order": 12,
  "severity": "warning",
  "path": "both",
  "guide": true,
  "zh": "企业微信邮箱暂不支持正在使用的功能：{feature}",
  "en": "A feature in use is not yet supported by WeCom mail: {feature}",
  "fix_zh": "升级后该功能暂不可用，请提前告知成员。",
  "fix_en": "It will be unavailable after the upgrade for now: tell members in advance."
 },
 "irreversible": {
  "order": 13,
  "severity": "info",
  "path": "both",
  "guide": true,
  "zh": "升级操作不可回退",
  "en": "The upgrade cannot be rolled back",
  "fix_zh": "提交前再次核对邮箱名单。",
  "fix_en": "Check the roster once more before submitting."
 },
 "enterprise-name": {
  "order": 14,
  "severity": "warning",
  "path": "new",
  "guide": true,
  "zh": "企业名称“{value}”{reason}",
  "en": "The enterprise name \"{value}\" {reason}",
  "fix_zh": "填写企业全称；填错后只能通过付费的企业微信认证修改。",
  "fix_en": "Enter the full legal name: a wrong one can only be fixed by paid WeCom verification."
 },
 "other-mailbox-login": {
  "order": 15,
  "severity": "info",
  "path": "both",
  "guide": true,
  "zh": "{email} 为其他邮箱：无法登录企业微信，密码不变，网页登录需开启安全登录，客户端需使用授权密码",
  "en": "{email} is an other mailbox: it cannot log in to WeCom; password unchanged; web login needs secure login; mail clients need an app password",
  "fix_zh": "通知该邮箱的使用者。",
  "fix_en": "Tell the person who uses this mailbox."
 },
 "wecom-member-no-mailbox": {
  "order": 16,
  "severity": "info",
  "path": "bind",
  "guide": true,
  "zh": "企业微信成员 {userid} 没有分配邮箱",
  "en": "WeCom member {userid} gets no mailbox",
  "fix_zh": "升级后可在「管理后台-协作-邮件-邮箱账号」选择“从通讯录添加”为其添加邮箱。",
  "fix_en": "After the upgrade, add one from the contacts (Admin → Collaboration → Mail → Accounts)."
 },
 "do-not-edit-contacts": {
  "order": 17,
  "severity": "info",
  "path": "bind",
  "guide": true,
  "zh": "迁移过程中请勿修改目标企业微信通讯录",
  "en": "Do not change the target WeCom contacts while migrating",
  "fix_zh": "修改可能导致数据丢失。",
  "fix_en": "Changes may lose data."
 },
 "missing-column": {
  "order": 18,
  "severity": "error",
  "path": "both",
  "guide": false,
  "zh": "{file}中找不到必需的列「{field}」；识别到的表头：{value}",
  "en": "The {file} has no {field} column; headers seen: {value}",
  "fix_zh": "确认上传的是正确的导出文件，或手动指定该列。",
  "fix_en": "Check that this is the right export, or map the column by hand."
 },
 "email-invalid": {
  "order": 19,
  "severity": "error",
  "path": "both",
  "guide": false,
  "zh": "邮箱地址“{value}”无效：{reason}",
  "en": "Address \"{value}\" is not valid: {reason}",
  "fix_zh": "更正该地址。",
  "fix_en": "Correct the address."
 },
 "email-duplicate": {
  "order": 20,
  "severity": "error",
  "path": "both",
  "guide": false,
  "zh": "邮箱地址 {email} 重复出现（首次在第 {first} 行）",
  "en": "Address {email} appears again (first on row {first})",
  "fix_zh": "删除重复的行。",
  "fix_en": "Remove the duplicate row."
 },
 "email-foreign-domain": {
  "order": 21,
  "severity": "warning",
  "path": "both",
  "guide": false,
  "zh": "{email} 不属于企业的邮箱域名（{domains}）",
  "en": "{email} is outside the organisation's mail domains ({domains})",
  "fix_zh": "确认该地址，或在选项中补充域名。",
  "fix_en": "Check the address, or add the domain in the options."
 },
 "userid-duplicate": {
  "order": 22,
  "severity": "error",
  "path": "both",
  "guide": false,
  "zh": "企业微信账号 {userid} 重复出现（首次在第 {first} 行，不区分大小写）",
  "en": "WeCom account {userid} appears again (first on row {first}; case is ignored)",
  "fix_zh": "企业微信账号不区分大小写且必须唯一：删除或更正重复的行。",
  "fix_en": "WeCom userids are unique ignoring case: remove or correct the duplicate."
 },
 "userid-invalid": {
  "order": 23,
  "severity": "error",
  "path": "both",
  "guide": false,
  "zh": "企业微信账号“{value}”不符合规则：{reason}",
  "en": "WeCom account \"{value}\" breaks WeCom's rule: {reason}",
  "fix_zh": "账号为 1–64 字节的字母、数字或 _-@.，且以字母或数字开头。",
  "fix_en": "A userid is 1–64 bytes of letters, digits and _-@., starting with a letter or digit."
 },
 "member-inactive": {
  "order": 24,
  "severity": "warning",
  "path": "both",
  "guide": false,
  "zh": "成员邮箱 {email} 分配给了{status}的企业微信成员 {userid}",
  "en": "Member mailbox {email} goes to WeCom member {userid}, who is {status}",
  "fix_zh": "确认是否应改为其他邮箱，或先启用该成员（未激活的成员请先邀请其加入企业微信）。",
  "fix_en": "Check whether it should be an other mailbox, or re-enable the member first (invite a member who is not activated to join WeCom)."
 },
 "ambiguous-key": {
  "order": 25,
  "severity": "warning",
  "path": "both",
  "guide": false,
  "zh": "{key}“{value}”在{file}中出现在 {count} 行，不能据此自动匹配",
  "en": "{key} \"{value}\" is shared by {count} rows of the {file}: it matches nothing",
  "fix_zh": "更正重复的值，或手动指定这些账号的归属。",
  "fix_en": "Correct the shared value, or settle these accounts by hand."
 },
 "member-claimed-twice": {
  "order": 26,
  "severity": "error",
  "path": "both",
  "guide": false,
  "zh": "{email} 与 {other} 都指向企业微信成员 {userid}",
  "en": "{email} and {other} both resolve to WeCom member {userid}",
  "fix_zh": "一个成员只能有一个成员邮箱：把其中一个改为其他邮箱，或指定另一个成员。",
  "fix_en": "A member can have one member mailbox: make one an other mailbox, or pick another member."
 },
 "name-mismatch": {
  "order": 27,
  "severity": "warning",
  "path": "both",
  "guide": false,
  "zh": "{email}（{name}）按{key}匹配到的企业微信成员 {userid} 名为“{wecom_name}”",
  "en": "{email} ({name}) matched by {key} to WeCom member {userid}, named \"{wecom_name}\"",
  "fix_zh": "核对这一配对是否正确。",
  "fix_en": "Check that this pairing is right."
 },
 "mobile-invalid": {
  "order": 28,
  "severity": "warning",
  "path": "both",
  "guide": false,
  "zh": "手机号“{value}”无效",
  "en": "Mobile \"{value}\" is not a valid number",
  "fix_zh": "升级后成员可用手机号登录：请更正。",
  "fix_en": "Members log in by phone after the upgrade: correct it."
 },
 "mobile-mangled": {
  "order": 29,
  "severity": "error",
  "path": "both",
  "guide": false,
  "zh": "手机号“{value}”已被 Excel 改成科学计数法或丢失了末尾数字",
  "en": "Mobile \"{value}\" was mangled by Excel (scientific notation or lost trailing digits)",
  "fix_zh": "从原始数据重新导出，并将该列设为文本格式。",
  "fix_en": "Export it again from the source, with the column formatted as text."
 },
 "mobile-duplicate": {
  "order": 30,
  "severity": "warning",
  "path": "both",
  "guide": false,
  "zh": "手机号 {value} 同时属于 {name} 和 {other}",
  "en": "Mobile {value} belongs to both {name} and {other}",
  "fix_zh": "持有该手机的人都能登录：请更正。",
  "fix_en": "Anyone with that phone can log in: correct it."
 },
 "roster-disagrees": {
  "order": 31,
  "severity": "warning",
  "path": "both",
  "guide": false,
  "zh": "名单将 {email} 设为{roster}，但{key}匹配到{keys}",
  "en": "The roster makes {email} {roster}, but the {key} match says {keys}",
  "fix_zh": "核对向导的自动匹配。",
  "fix_en": "Check the wizard's automatic match."
 },
 "disabled-account": {
  "order": 32,
  "severity": "info",
  "path": "both",
  "guide": false,
  "zh": "邮箱账号 {email} 已禁用，升级后仍为禁用状态",
  "en": "Account {email} is disabled and stays disabled after the upgrade",
  "fix_zh": "如需使用，升级后再启用。",
  "fix_en": "Enable it after the upgrade if it is needed."
 },
 "wecom-empty": {
  "order": 33,
  "severity": "error",
  "path": "bind",
  "guide": false,
  "zh": "企业微信通讯录文件在表头（第 {value} 行）下面没有成员行：按这个文件，所有邮箱都会成为其他邮箱",
  "en": "The WeCom contacts file has no member rows below its header (row {value}): by this file every mailbox would become an other mailbox",
  "fix_zh": "这可能是空模板或选错了文件：在企业微信管理后台 → 通讯录 → 批量导入/导出 → 文件导出 中重新导出成员，再选择该文件。",
  "fix_en": "This may be an empty template or the wrong file: export the members again (WeCom admin console → 通讯录 → 批量导入/导出 → 文件导出) and choose that file."
 },
 "alias-listed": {
  "order": 34,
  "severity": "error",
  "path": "both",
  "guide": false,
  "zh": "名单中的 {value} 是账号 {email} 的别名，不是一个邮箱账号",
  "en": "{value} in the roster is an alias of account {email}, not an account of its own",
  "fix_zh": "名单只能填写邮箱账号本身：把这一行的地址改为它所属的账号。本次检查已把这一行算作该账号。",
  "fix_en": "The roster must name the account itself: put the account's address on this row. This check counts the row for that account."
 },
 "alias-collision": {
  "order": 35,
  "severity": "error",
  "path": "both",
  "guide": false,
  "zh": "账号 {email} 的别名 {value} {relation} {other}：它不能指向唯一的邮箱",
  "en": "Alias {value} of account {email} {relation} {other}: it points at no single mailbox",
  "fix_zh": "一个地址在账号、别名和邮件群组中必须唯一：在企业邮箱管理后台删除或更正重复的别名。",
  "fix_en": "An address must be unique across accounts, aliases and mail groups: remove or correct the duplicate alias in the Exmail console."
 },
 "column-guessed": {
  "order": 36,
  "severity": "warning",
  "path": "both",
  "guide": false,
  "zh": "{file}的 {column} 列（表头“{value}”）{read}",
  "en": "Column {column} of the {file} (header \"{value}\") {read}",
  "fix_zh": "请在列映射中确认或改正该列；确认之前，不要把“可以导入”当作结论。",
  "fix_en": "Confirm or correct the column in the column mapping; until then, do not take \"importable\" as final."
 },
 "role-mailbox": {
  "order": 37,
  "severity": "info",
  "path": "new",
  "guide": false,
  "zh": "{email} 像是共享或职能邮箱（{why}）：新注册企业微信升级时，它将成为一个企业微信成员",
  "en": "{email} looks like a shared or role mailbox ({why}): on path new it becomes a WeCom member",
  "fix_zh": "不属于某一个人的邮箱无法绑定微信：在邮箱名单中列为「其他邮箱」或在此处改为其他邮箱；若确是某人的邮箱，保持成员邮箱。",
  "fix_en": "A mailbox no one person owns cannot bind a WeChat: list it as other in the roster or settle it here; if it is one person's, keep it a member mailbox."
 },
 "not-migrated": {
  "order": 38,
  "severity": "info",
  "path": "bind",
  "guide": false,
  "zh": "并入已有企业微信时，以下数据不会迁移：通讯录标签、管理员设置、日程、微盘和微文档",
  "en": "Binding to an existing WeCom does not carry over contact tags, admin settings, schedules, WeDrive (微盘) or WeDoc (微文档)",
  "fix_zh": "升级前记下需要保留的标签和管理员设置，并导出需要的日程和文档（据服务商的升级说明）。",
  "fix_en": "Before upgrading, note the tags and admin settings to keep, and export the schedules and documents you need (from resellers' upgrade notes)."
 },
 "sheet-chosen": {
  "order": 39,
  "severity": "info",
  "path": "both",
  "guide": false,
  "zh": "读取的是工作表「{sheet}」；另有含数据的工作表：{others}",
  "en": "Read the worksheet \"{sheet}\"; other worksheets with data: {others}",
  "fix_zh": "若数据在其他工作表中，请在读取选项中指定工作表。隐藏的工作表以及图表、对话框、宏表不会被当作数据读取。",
  "fix_en": "If the data is on another sheet, name it in the reading options. Hidden sheets and chart, dialog and macro sheets are never read as data."
 },
 "digits-lost": {
  "order": 40,
  "severity": "warning",
  "path": "both",
  "guide": false,
  "zh": "{field}“{value}”是以 16 位以上的数字或科学计数法保存的，文件中已丢失了数字",
  "en": "{field} \"{value}\" is stored as a number of 16 or more digits or in scientific notation: the file has already lost digits",
  "fix_zh": "无法从此文件恢复原值：从来源系统重新导出，或将该列设为文本格式后重新填写，不要按显示的值猜测。（手机号的同类问题由 mobile-mangled 报告。）",
  "fix_en": "The value cannot be recovered from this file: export it again from the source, or set the column to text and enter it again; do not guess. (For mobiles, mobile-mangled reports this.)"
 },
 "formula-no-value": {
  "order": 41,
  "severity": "warning",
  "path": "both",
  "guide": false,
  "zh": "工作表「{sheet}」中有 {count} 个公式单元格没有保存计算结果，按空白读取",
  "en": "{count} formula cells on the sheet \"{sheet}\" have no saved result and read as empty",
  "fix_zh": "该文件由程序生成、从未经表格软件计算：请用 Excel、WPS 或 LibreOffice 打开并保存，然后重新选择。",
  "fix_en": "The file was written by a program and never calculated: open it in Excel, WPS or LibreOffice, save it, and choose it again."
 }
};
