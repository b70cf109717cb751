// Help texts: where each file comes from, what each option changes, what is known of the
// console formats. Sources, searched 2026-12-05 (details: package/src/README.md):
// - 邮箱名单: 「企业邮箱管理后台-工具箱-企业微信」, step 整理邮箱通讯录, 下载「邮箱名单」 (Tencent's
//   upgrade notes as resellers copy them, 2025-08-15; shared/seed/). Confidence good.
// - WeCom: 管理后台 → 通讯录 → 批量导入/导出 → 文件导出 (a reseller's help page, 2023-06-15). Medium.
// - Exmail: no public page names the member export's menu, so no path is given. Low.

// English: lang-en.js (HELP_EN), put here by i18n.js's loadLang("en").
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
};
