// UI strings of the page: Simplified Chinese here, built into element.js; Traditional Chinese
// (lang-zh-TW.js) and English (lang-en.js) in chunks of their own, loaded when first needed (a
// Chinese page downloads neither). The findings' messages, titles and fixes and the labels of
// fields, files and severities come from the engine (the module's messages(lang), rules() and
// words(), read in the worker), not from here.
import { HELP } from "./help.js";

export const STRINGS = {
  zh: {
    title: "邮箱名单检查",
    subtitle: "腾讯企业邮箱升级为企业微信邮箱：核对邮箱名单（成员邮箱 / 其他邮箱）",
    privacy: "隐私：所有文件只在本浏览器中处理，不会上传到任何服务器。",
    lang_label: "语言",
    files: "1. 选择文件",
    file_exmail: "企业邮箱成员导出",
    file_exmail_hint: "必需",
    file_wecom: "企业微信通讯录导出",
    file_wecom_hint: "必需（绑定已有企业微信时）",
    file_wecom_hint_new: "可选：新注册企业微信时不需要",
    file_roster: "向导下载的邮箱名单",
    file_roster_hint: "可选 · 提供后按其格式填写",
    file_formats: "CSV / TSV / TXT / XLSX · 旧版 .xls / .ods 请先另存为 .xlsx",
    choose: "选择文件",
    drop: "或拖放到这里",
    remove: "移除",
    sample: "试用示例公司",
    sample_hint: "没有文件？加载一个虚构公司的示例数据（同样只在本地处理）。",
    sample_failed: "示例数据加载失败：",
    read_as: "读取方式",
    format: "格式",
    encoding: "编码",
    enc_auto: "自动识别",
    sheet: "工作表",
    header_row: "表头所在行",
    auto: "自动",
    rows_read: "数据行",
    columns: "列对应",
    col_auto: "自动",
    reset_reading: "恢复自动识别",
    context: "2. 升级情况",
    path: "升级方式",
    path_bind: "已注册企业微信，扫码绑定并升级",
    path_new: "未注册企业微信，快速注册并升级",
    enterprise_name: "企业名称（将注册的企业微信）",
    advanced_quota: "邮件高级功能配额（个，不清楚可留空）",
    target_paid: "目标企业微信已购买邮件高级功能或开通了邮箱试用",
    wecom_api_email_param: "通过 API 同步企业微信通讯录时使用了 email 参数",
    exmail_contacts_api: "正在使用企业邮箱通讯录 API",
    wecom_contacts_api: "正在使用企业微信通讯录 API",
    department_backup_rules: "邮件备份规则以部门为来源",
    features: "正在使用的功能",
    f_member_password: "成员独立密码",
    f_rtx: "RTX 关联",
    f_password_rotation: "定期修改密码",
    f_netdisk: "企业网盘",
    f_announcements: "企业公告",
    f_signature: "企业签名",
    f_public_address_book: "公共通讯录",
    f_business_card: "名片",
    f_sso: "单点登录",
    domains: "企业邮箱域名（逗号分隔，留空则自动推断）",
    check: "检查",
    recheck: "重新检查",
    progress_load: "正在加载检查引擎…",
    progress_send: "正在读取文件…",
    progress_read: "正在解析文件…",
    progress_match: "正在匹配账号与成员…",
    progress_rules: "正在检查升级规则…",
    progress_report: "正在生成报告…",
    progress_index: "正在整理结果…",
    progress_done: "检查完成，用时 {s} 秒",
    need_files: "请选择企业邮箱导出和企业微信通讯录两个文件，选好后自动开始检查。",
    need_files_new: "请选择企业邮箱导出文件，选好后自动开始检查（新注册企业微信时不需要企业微信通讯录）。",
    error: "无法完成检查：",
    export_error: "无法生成文件：",
    stale_note: "下方仍是上一次成功检查的结果。",
    result: "3. 结果",
    importable_yes: "可以导入",
    importable_yes_note: "没有错误：向导应能接受这份邮箱名单。请仍然看一下警告。",
    importable_no: "还不能导入",
    importable_no_note: "有 {n} 个错误需要先处理（见下方“问题”）。",
    c_accounts: "邮箱账号",
    c_member: "成员邮箱",
    c_other: "其他邮箱",
    c_unassigned: "未分配",
    c_errors: "错误",
    c_warnings: "警告",
    c_infos: "提示",
    c_wecom_members: "企业微信成员",
    download: "下载",
    download_roster: "下载邮箱名单",
    download_report: "下载检查结果",
    roster_format: "名单格式",
    report_format: "结果格式",
    downloaded: "已生成 {name}",
    overrides_n: "已手动调整 {n} 个账号。",
    overrides_clear: "全部撤销",
    findings: "问题",
    no_findings: "没有发现问题。",
    fix: "怎么办：",
    f_file: "文件",
    f_row: "行",
    f_field: "列",
    f_value: "值",
    f_message: "说明",
    show_more: "再显示 {n} 条",
    view_in_table: "在表中查看",
    only_these: "在表中只看这些账号",
    clear_filter: "清除这个筛选",
    file_exmail_short: "企业邮箱",
    file_wecom_short: "企业微信",
    file_roster_short: "邮箱名单",
    file_options_short: "选项",
    table: "全部账号",
    filter_type: "类型",
    filter_matched: "匹配依据",
    filter_any: "全部",
    filter_none: "未匹配",
    filter_findings: "只看有问题的",
    search: "搜索姓名、邮箱、账号",
    rows_shown: "显示 {n} / {total} 个账号",
    t_email: "邮箱地址",
    t_name: "姓名",
    t_type: "类型",
    t_member: "企业微信成员",
    t_why: "匹配依据",
    t_findings: "问题",
    t_action: "操作",
    why_none: "没有找到匹配的成员",
    settle: "调整",
    settle_title: "调整账号归属",
    settle_current: "当前：",
    settle_other: "设为其他邮箱",
    settle_member: "设为成员邮箱，对应成员：",
    settle_search: "搜索成员（姓名或账号）",
    settle_no_members: "没有找到成员。",
    settle_taken: "已对应 {email}",
    settle_same_name: "同名，仅供参考",
    status_disabled: "已禁用",
    status_left: "已离职",
    status_not_activated: "未激活",
    settle_undo: "撤销手动调整",
    settle_close: "关闭",
    settle_findings: "这个账号的问题",
    settle_row: "第 {row} 行",
    move_title: "这个成员已有邮箱",
    move_body: "{member} 现在是 {taken} 的成员邮箱。",
    move_after: "改给本账号后，{taken} 将失去这个成员（变为其他邮箱），并会报告“两个邮箱对应同一个成员”，直到你为它另做决定。",
    move_ok: "仍然改给 {email}",
    move_cancel: "取消",
    dl_confirm_title: "还不能导入：仍要下载邮箱名单吗？",
    dl_confirm_errors: "还有 {n} 个错误没有处理：",
    dl_confirm_columns: "列的对应还没有确认（{files}）。",
    dl_confirm_after: "向导可能拒绝这份名单，或把邮箱分给错误的人；升级之后不能回退。",
    dl_confirm_ok: "仍然下载",
    dl_confirm_cancel: "先处理问题",
    columns_title: "请先确认列的对应",
    columns_note: "有的列是按内容猜出来的（{files}）：请在文件下方的“读取方式”中核对，确认无误后再导入。",
    columns_confirm: "按猜测读取这些列",
    confirm_title: "请先确认再导入",
    matches_note: "有 {n} 个匹配需要确认：它们是按可能有误的依据配对或放弃配对的。请逐个核对，或在表中为这些账号手动指定归属。",
    show_matches: "在表中查看：{title}",
    sheet_note: "读取的工作表是自动选的（{files}），文件中还有其他含数据的工作表：请在文件下方的“读取方式”中核对。",
    sheet_confirm: "就读取这个工作表",
    dl_confirm_sheets: "读取的工作表还没有确认（{files}）。",
    dl_confirm_matches: "还有 {n} 个匹配没有确认：",
    read_failed: "无法读取这个文件：",
    options_failed: "选项有误：",
    cleared_note: "之前的结果已清除：修正后会重新检查。",
    worker_failed: "检查引擎无法启动（worker.js 未能加载）：请确认 roster-check 包的文件完整地放在同一文件夹下，且网站的内容安全策略（CSP）允许它，然后刷新本页。",
    decisions_saved: "调整已保存在本浏览器（只保存调整，不含文件内容）：再次选择同样的文件时自动恢复。",
    decisions_forget: "从本浏览器删除",
    decisions_forgotten: "调整没有保存在本浏览器：关闭本页就会丢失，可先下载。",
    decisions_keep: "保存在本浏览器",
    decisions_restored: "已恢复 {when} 在本浏览器中为这些文件做的 {n} 个调整。",
    reading_restored: "已恢复 {when} 在本浏览器中为这些文件确认或改正的列对应。",
    decisions_insecure: "本页不是安全来源（https 或本机地址），浏览器不提供 SHA-256：调整不会自动保存，请下载保存。",
    decisions_nostorage: "浏览器禁止了本地存储：调整不会自动保存，请下载保存。",
    decisions_download: "下载调整（JSON）",
    decisions_load: "载入调整文件",
    decisions_loaded: "已从 {name} 载入 {n} 个调整。",
    decisions_bad_json: "无法载入调整文件：它不是 JSON。",
    decisions_bad_shape: "无法载入调整文件：“{address}”的值应为 {\"type\": \"member\", \"userid\": \"…\"} 或 {\"type\": \"other\"}。",
    decisions_hint: "调整文件也可用于命令行：roster-check … --overrides 文件名.json",
    checklist: "升级后要做的事",
    checklist_none: "检查完成后在这里列出。",
    cl_department_backup_rules: "在企业微信邮箱管理后台按成员重新设置邮件备份规则（不再支持按部门）。",
    cl_department_settings: "按新部门重新设置原来按部门的邮件设置（旧设置会发到创建人邮箱）。",
    cl_other_mailbox_login: "通知 {n} 个其他邮箱的使用者：不能登录企业微信，网页登录需开启安全登录，邮件客户端需改用授权密码。",
    cl_wecom_member_no_mailbox: "为 {n} 个没有邮箱的企业微信成员“从通讯录添加”邮箱（如需要）。",
    cl_quota_exceeded: "扩容邮件高级功能配额，重新启用被禁用的其他邮箱。",
    cl_feature_dropped: "为不再支持的功能（{v}）安排替代方式。",
    cl_feature_pending: "告知成员暂不支持的功能（{v}）。",
    cl_disabled_account: "{n} 个已禁用账号升级后仍为禁用，如需使用请再启用。",
    cl_public: "需要共用的成员邮箱或其他邮箱，可在升级后批量转为公共邮箱（转换会清除其微信、手机和企业微信关联）。",
    cl_target_mail_deleted: "（升级前）备份目标企业微信原有邮箱中需要保留的邮件。",
    support: "复制给技术支持",
    support_note: "只含规则代码、数量、文件格式和选项，不含任何邮箱地址、姓名、手机号或账号（由检查引擎保证）。",
    support_show: "将复制的内容",
    support_copied: "已复制：可以粘贴给技术支持。",
    support_fallback: "浏览器不允许写入剪贴板：请选中下面的文字后复制（Ctrl+C）。",
    support_close: "关闭",
    roster_file_name: "邮箱名单",
    decisions_file_name: "邮箱名单调整",
    report_file_name: "检查结果",
    embed_note: "",
  },
};

/** The languages of the page: its `lang` attribute's values, each named in itself. */
export const LANGS = [["zh", "简体中文", "zh-CN"], ["zh-TW", "繁體中文", "zh-TW"], ["en", "English", "en"]];

/** The page's language for a `lang` attribute: `en`, `zh-TW` (also zh-Hant, zh-HK), else `zh`. */
export function langOf(value) {
  const v = String(value || "").toLowerCase();
  if (v === "en" || v.startsWith("en-")) return "en";
  if (v === "zh-tw" || v === "zh-hant" || v.startsWith("zh-hant-") || v === "zh-hk" || v === "zh-mo") return "zh-TW";
  return "zh";
}

const loading = {}; // lang -> the promise of its chunk, once asked for

/** Whether `lang`'s strings are here. */
export function hasLang(lang) {
  return !!STRINGS[lang];
}

/** Loads `lang`'s strings (zh is built in); resolves once they are in STRINGS and HELP. Literal
 * import()s: bundlers make each a chunk of its own. */
export function loadLang(lang) {
  if (hasLang(lang) || (lang !== "en" && lang !== "zh-TW")) return Promise.resolve();
  loading[lang] ??= (lang === "en" ? import("./lang-en.js") : import("./lang-zh-TW.js")).then(({ STRINGS: strings, HELP: help }) => {
    STRINGS[lang] = strings;
    HELP[lang] = help;
  }, (err) => {
    delete loading[lang]; // tried again when next asked for
    throw err;
  });
  return loading[lang];
}

/** `fmt("{n} rows", {n: 3})`. */
export function fmt(text, args = {}) {
  return text.replace(/\{(\w+)\}/g, (m, k) => (k in args ? String(args[k]) : m));
}

/** A shared word (field, file, severity, …) in `lang`, from the engine's `words()`; English
 * labels start with a capital where they stand alone. The code itself until the words are in. */
export function word(words, kind, key, lang) {
  const text = words?.[kind]?.[key]?.[lang];
  if (!text) return key;
  return lang === "en" ? text[0].toUpperCase() + text.slice(1) : text;
}
