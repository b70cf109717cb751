// Help texts: where each file comes from, what each option changes, what is known of the
// console formats. Sources, searched 2026-12-05 (details: package/src/README.md):
// - 邮箱名单: 「企业邮箱管理后台-工具箱-企业微信」, step 整理邮箱通讯录, 下载「邮箱名单」 (Tencent's
//   upgrade notes as resellers copy them, 2025-08-15; shared/seed/). Confidence good.
// - WeCom: 管理后台 → 通讯录 → 批量导入/导出 → 文件导出 (a reseller's help page, 2023-06-15). Medium.
// - Exmail: no public page names the member export's menu, so no path is given. Low.

export const HELP = {
  zh: {
    src_exmail: "来源：企业邮箱管理后台的通讯录中导出全部成员（公开资料未写明导出按钮的位置）；也可用任何每行一个邮箱账号的表格。",
    src_wecom: "来源：企业微信管理后台 → 通讯录 → 批量导入/导出 → 文件导出（工作表“成员列表”）。",
    src_wecom_new: "新注册企业微信时不需要：还没有企业微信通讯录，按企业邮箱账号检查。",
    src_roster: "来源：企业邮箱管理后台 → 工具箱 → 企业微信 → 升级向导“整理邮箱通讯录”一步 → 下载「邮箱名单」。",
    formats_accepted: "可读取 CSV、TSV、TXT（UTF-8、GBK、UTF-16）和 .xlsx。旧版 .xls / .ods 请先另存为 .xlsx。",
    about_title: "这些文件从哪里来、长什么样（2026-12-05 查证）",
    about: [
      "企业微信导出（2026 年公开样本）：工作表“成员列表”，第 9 行是表头（姓名、账号、别名、职务、部门、性别、手机、座机、邮箱、地址、视频号、激活状态、禁用状态、微信插件），其上 8 行是须知。“邮箱”是个人邮箱，没有企业邮箱和微信ID列，“微信插件”不是微信ID；成员须已激活且未禁用。帐号、英文ID 等旧写法和繁体表头同样识别。",
      "企业邮箱：账号就是完整地址，最多 5 个别名（不是账号）；不提供绑定的微信。邮箱名单的列未公开：按内容找地址列和类型列，其余列保留。",
      "Excel 另存的 CSV 默认是 GBK，长数字会变成 1.38E+10：手机号和账号请按文本保存。",
    ],
    about_confidence: "来源与把握：邮箱名单（腾讯升级说明，服务商转载，2025-08-15）较高；企业微信导出菜单（服务商帮助页，2023-06-15）中；企业邮箱导出菜单未找到。",
    opt_path_bind: "检查目标企业微信的通讯录：成员是否存在、账号是否有效，并提醒目标企业原有邮件会被删除。",
    opt_path_new: "不需要企业微信通讯录：每个账号默认成为成员，需确认企业名称。",
    opt_enterprise_name: "检查名称是否为空或可疑：填错后只能通过付费认证修改。",
    opt_advanced_quota: "每个其他邮箱占用一个配额：超出时报告超出多少（超出的其他邮箱会被禁用）。留空不检查。",
    opt_target_paid: "勾选后报告错误：向导会提示“目标企业是收费版，禁止迁移”。",
    opt_wecom_api_email_param: "勾选后报告错误：升级前须改用 biz_mail 参数，否则无法控制邮箱命名。",
    opt_exmail_contacts_api: "与下一项同时勾选时报告错误：须停用企业邮箱通讯录 API，否则账号重复。",
    opt_wecom_contacts_api: "与上一项同时勾选时报告错误（账号会重复）。",
    opt_department_backup_rules: "勾选后提醒：升级后须按成员重新设置邮件备份规则。",
    opt_features: "勾选的功能列入“升级后要做的事”：哪些不再支持、哪些暂不支持。",
    opt_domains: "不属于这些域名的邮箱地址会被标为警告；留空时取大多数账号的域名。",
  },
  en: {
    src_exmail: "From: the Exmail admin console's contacts, exporting all members (no public page says where the export button is); any table with one mailbox per row works too.",
    src_wecom: "From: the WeCom admin console → 通讯录 (Contacts) → 批量导入/导出 (Batch import/export) → 文件导出 (Export to file); the sheet is 成员列表.",
    src_wecom_new: "Not needed when registering a new WeCom: there are no WeCom contacts yet, so the Exmail accounts are checked alone.",
    src_roster: "From: the Exmail admin console → 工具箱 (Toolbox) → 企业微信 (WeCom) → the upgrade wizard's step 整理邮箱通讯录 → download 「邮箱名单」.",
    formats_accepted: "Reads CSV, TSV, TXT (UTF-8, GBK, UTF-16) and .xlsx. Save old .xls / .ods files as .xlsx first.",
    about_title: "Where these files come from and what they look like (checked 2026-12-05)",
    about: [
      "WeCom export (a public 2026 copy): sheet 成员列表, header on row 9 (姓名, 账号, 别名, 职务, 部门, 性别, 手机, 座机, 邮箱, 地址, 视频号, 激活状态, 禁用状态, 微信插件) below 8 instruction rows. 邮箱 is the personal address; no enterprise-address or WeChat-id column; 微信插件 is no WeChat id; a member must be activated and not disabled. Older spellings (帐号, 英文ID) and Traditional headers are read too.",
      "Exmail: the account is the full address, with up to 5 aliases (not accounts); the bound WeChat is not exported. The roster's columns are not public: its address and type columns are found by content, the rest is kept.",
      "A CSV saved by Excel is GBK unless \"CSV UTF-8\", and long numbers become 1.38E+10: keep mobiles and ids as text.",
    ],
    about_confidence: "Sources and confidence: the roster (Tencent's upgrade notes, copied by a reseller, 2025-08-15) good; the WeCom export menu (a reseller's help page, 2023-06-15) medium; the Exmail export menu not found.",
    opt_path_bind: "Checks the target WeCom's contacts: that each member exists and is valid; warns that the target's old mail is deleted.",
    opt_path_new: "Needs no WeCom contacts: every account becomes a member unless you say otherwise; the enterprise name is checked.",
    opt_enterprise_name: "Checked for being empty or odd: a wrong name can only be fixed by paid verification.",
    opt_advanced_quota: "Each other mailbox takes one seat: reports how many are over (those are disabled after the upgrade). Empty: not checked.",
    opt_target_paid: "Ticked: an error, as the wizard refuses (目标企业是收费版，禁止迁移).",
    opt_wecom_api_email_param: "Ticked: an error; switch to the biz_mail parameter before upgrading or mailbox naming is lost.",
    opt_exmail_contacts_api: "Ticked with the next one: an error; stop the Exmail contacts API or accounts are duplicated.",
    opt_wecom_contacts_api: "Ticked with the previous one: an error (accounts would be duplicated).",
    opt_department_backup_rules: "Ticked: a reminder to set the backup rules again by member after the upgrade.",
    opt_features: "Ticked features go to the after-upgrade list: which are dropped, which are not supported yet.",
    opt_domains: "Addresses outside these domains are flagged (warning); empty: the domain of most accounts.",
  },
};
