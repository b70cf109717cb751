//! Writing a company out: CSV in the encodings people have, XLSX with numeric phones, the
//! wizard roster, the truth JSON. Built straight into one buffer per file.

use serde::Serialize;

use super::gen::DOMAINS;
use super::names::DEPARTMENTS;
use super::{faults_per_kind, Company, ExmailRow, HeaderStyle, WecomRow};

/// How a CSV file's text is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextEncoding {
    #[default]
    Utf8,
    /// UTF-8 with a BOM (Excel's "CSV UTF-8").
    Utf8Bom,
    /// What Excel on Chinese Windows saves.
    Gb18030,
    /// Excel's "Unicode text": UTF-16LE with a BOM, tab-separated.
    Utf16Le,
}

impl TextEncoding {
    pub fn parse(s: &str) -> Option<TextEncoding> {
        Some(match s {
            "utf8" | "utf-8" => TextEncoding::Utf8,
            "utf8bom" | "utf-8-bom" => TextEncoding::Utf8Bom,
            "gb18030" | "gbk" => TextEncoding::Gb18030,
            "utf16le" | "utf-16le" => TextEncoding::Utf16Le,
            _ => return None,
        })
    }

    fn delimiter(self) -> char {
        if self == TextEncoding::Utf16Le {
            '\t'
        } else {
            ','
        }
    }

    fn encode(self, text: String) -> Vec<u8> {
        match self {
            TextEncoding::Utf8 => text.into_bytes(),
            TextEncoding::Utf8Bom => {
                let mut v = Vec::with_capacity(text.len() + 3);
                v.extend_from_slice(b"\xEF\xBB\xBF");
                v.extend_from_slice(text.as_bytes());
                v
            }
            TextEncoding::Gb18030 => encoding_rs::GB18030.encode(&text).0.into_owned(),
            TextEncoding::Utf16Le => {
                let mut v = Vec::with_capacity(text.len() * 2 + 2);
                v.extend_from_slice(&[0xFF, 0xFE]);
                for u in text.encode_utf16() {
                    v.extend_from_slice(&u.to_le_bytes());
                }
                v
            }
        }
    }
}

pub(crate) fn ex_status_text(h: HeaderStyle, enabled: bool) -> &'static str {
    match (h, enabled) {
        (HeaderStyle::English, true) => "enabled",
        (HeaderStyle::English, false) => "disabled",
        (_, true) => "启用",
        (_, false) => "禁用",
    }
}

pub(crate) fn wc_status_text(h: HeaderStyle, status: u8) -> &'static str {
    match h {
        HeaderStyle::English => match status {
            2 => "2",
            4 => "4",
            5 => "5",
            _ => "1",
        },
        HeaderStyle::Api => {
            if matches!(status, 2 | 5) {
                "1"
            } else {
                "0"
            }
        }
        _ => match status {
            2 => "已禁用",
            4 => "未激活",
            5 => "已离职",
            _ => "已激活",
        },
    }
}

/// The export's 激活状态: 未激活 (4), 已退出 (5), else 已激活.
pub(crate) fn export_activation(status: u8) -> &'static str {
    match status {
        4 => "未激活",
        5 => "已退出",
        _ => "已激活",
    }
}

/// The export's 禁用状态: 已禁用 (2), else 启用.
pub(crate) fn export_disabled(status: u8) -> &'static str {
    match status {
        2 => "已禁用",
        _ => "启用",
    }
}

pub(crate) fn roster_type(member: bool) -> &'static str {
    if member {
        "成员邮箱"
    } else {
        "其他邮箱"
    }
}

fn gender(g: u8) -> &'static str {
    if g == 2 {
        "女"
    } else {
        "男"
    }
}

/// The member export's instruction rows (rows 1–8), each merged across the columns.
const EXPORT_INSTRUCTIONS: [&str; 8] = [
    "填写须知：",
    "1、姓名为必填项；手机和邮箱至少填写一项。",
    "2、账号为成员在企业内的唯一标识，由字母、数字、“-”“_”“.”组成；如需修改，请填写“原账号:新账号”。",
    "3、部门请填写完整路径，如“研发部/后端组”，多个部门用“；”隔开。",
    "4、性别：男 / 女。",
    "5、海外手机号码请在号码前加“+国家代码”。",
    "6、激活状态、禁用状态、微信插件由系统生成，导入时无需填写。",
    "7、请勿修改表头，表头以下为成员信息。",
];

/// The sheet the member export's rows are on.
pub(crate) const EXPORT_SHEET: &str = "成员列表";

/// Instruction rows above the WeCom header, as the console template has them.
const INSTRUCTIONS: [&str; 2] = [
    "填写说明：1、带*号的字段为必填项；2、成员账号（英文ID）在企业内唯一，不区分大小写；3、手机号请填写11位数字，如：13800000000；4、部门请填写完整路径，以“/”分隔",
    "请勿修改或删除表头（第3行）",
];

#[derive(Clone, Copy, PartialEq)]
enum Ex {
    Addr,
    Name,
    Mobile,
    Wechat,
    Dept,
    Status,
    Extid,
    Gender,
    Position,
    Aliases,
    Blank,
}

#[derive(Clone, Copy, PartialEq)]
enum Wc {
    Name,
    Userid,
    Mobile,
    Email,
    Biz,
    Wechat,
    Dept,
    DeptId,
    Status,
    Position,
    Gender,
    Zero,
    /// The export's 激活状态, 禁用状态 and 微信插件.
    Activation,
    Disabled,
    Plugin,
    Blank,
}

fn ex_layout(h: HeaderStyle, wechat: bool, aliases: bool) -> Vec<(&'static str, Ex)> {
    let mut v = match h {
        HeaderStyle::English => vec![
            ("Email", Ex::Addr),
            ("Name", Ex::Name),
            ("Mobile", Ex::Mobile),
            ("WeChat ID", Ex::Wechat),
            ("Department", Ex::Dept),
            ("Status", Ex::Status),
        ],
        HeaderStyle::Legacy => vec![
            ("帐号", Ex::Addr),
            ("密码", Ex::Blank),
            ("编号", Ex::Extid),
            ("姓名", Ex::Name),
            ("电话", Ex::Mobile),
            ("所属部门", Ex::Dept),
            ("性别", Ex::Gender),
            ("职务", Ex::Position),
            ("电话", Ex::Blank),
            ("生日", Ex::Blank),
        ],
        _ => vec![
            ("邮箱帐号", Ex::Addr),
            ("姓名", Ex::Name),
            ("手机", Ex::Mobile),
            ("微信ID", Ex::Wechat),
            ("部门", Ex::Dept),
            ("状态", Ex::Status),
        ],
    };
    if !wechat {
        v.retain(|c| c.1 != Ex::Wechat);
    }
    if aliases {
        v.push(("别名", Ex::Aliases));
    }
    v
}

fn wc_layout(h: HeaderStyle, wechat: bool) -> Vec<(&'static str, Wc)> {
    let mut v = match h {
        HeaderStyle::English => vec![
            ("Name", Wc::Name),
            ("UserID", Wc::Userid),
            ("Mobile", Wc::Mobile),
            ("Email", Wc::Email),
            ("Biz Mail", Wc::Biz),
            ("WeChat ID", Wc::Wechat),
            ("Department", Wc::Dept),
            ("Status", Wc::Status),
        ],
        HeaderStyle::Api => vec![
            ("姓名", Wc::Name),
            ("帐号", Wc::Userid),
            ("手机号", Wc::Mobile),
            ("邮箱", Wc::Email),
            ("所在部门", Wc::DeptId),
            ("职位", Wc::Position),
            ("性别", Wc::Gender),
            ("是否部门内领导", Wc::Zero),
            ("排序", Wc::Blank),
            ("别名", Wc::Blank),
            ("地址", Wc::Blank),
            ("座机", Wc::Blank),
            ("禁用", Wc::Status),
            ("禁用项说明：(0-启用;1-禁用)", Wc::Blank),
        ],
        HeaderStyle::Legacy => vec![
            ("姓名", Wc::Name),
            ("账号", Wc::Userid),
            ("职务", Wc::Position),
            ("部门", Wc::Dept),
            ("性别", Wc::Gender),
            ("手机", Wc::Mobile),
            ("座机", Wc::Blank),
            ("个人邮箱", Wc::Email),
        ],
        HeaderStyle::Export => vec![
            ("姓名", Wc::Name),
            ("账号", Wc::Userid),
            ("别名", Wc::Blank),
            ("职务", Wc::Position),
            ("部门", Wc::Dept),
            ("性别", Wc::Gender),
            ("手机", Wc::Mobile),
            ("座机", Wc::Blank),
            ("邮箱", Wc::Email),
            ("地址", Wc::Blank),
            ("视频号", Wc::Blank),
            ("激活状态", Wc::Activation),
            ("禁用状态", Wc::Disabled),
            ("微信插件", Wc::Plugin),
        ],
        HeaderStyle::Console => vec![
            ("姓名", Wc::Name),
            ("账号", Wc::Userid),
            ("手机", Wc::Mobile),
            ("个人邮箱", Wc::Email),
            ("企业邮箱", Wc::Biz),
            ("微信ID", Wc::Wechat),
            ("部门", Wc::Dept),
            ("状态", Wc::Status),
        ],
    };
    if !wechat {
        v.retain(|c| c.1 != Wc::Wechat);
    }
    v
}

/// Department ids for the API layout: root 1, then the list in order.
const DEPT_IDS: [&str; 18] = [
    "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18",
    "19",
];

fn dept_id(path: &str) -> &'static str {
    DEPARTMENTS
        .iter()
        .position(|d| *d == path)
        .map(|i| DEPT_IDS[i])
        .unwrap_or("1")
}

fn ex_cell(r: &ExmailRow, c: Ex, h: HeaderStyle) -> &str {
    match c {
        Ex::Addr => &r.address,
        Ex::Name => &r.name,
        Ex::Mobile => &r.mobile,
        Ex::Wechat => &r.wechat_id,
        Ex::Dept => r.department,
        Ex::Status => ex_status_text(h, r.enabled),
        Ex::Extid => &r.extid,
        Ex::Gender => gender(r.gender),
        Ex::Position => r.position,
        Ex::Aliases => &r.aliases,
        Ex::Blank => "",
    }
}

fn wc_cell(r: &WecomRow, c: Wc, h: HeaderStyle) -> &str {
    match c {
        Wc::Name => &r.name,
        Wc::Userid => &r.userid,
        Wc::Mobile => &r.mobile,
        Wc::Email => &r.email,
        Wc::Biz => &r.biz_mail,
        Wc::Wechat => &r.wechat_id,
        Wc::Dept => r.department,
        Wc::DeptId => dept_id(r.department),
        Wc::Status => wc_status_text(h, r.status),
        Wc::Position => r.position,
        Wc::Gender => gender(r.gender),
        Wc::Zero => "0",
        Wc::Activation => export_activation(r.status),
        Wc::Disabled => export_disabled(r.status),
        Wc::Plugin => match r.status {
            1 => "已启用",
            _ => "未启用",
        },
        Wc::Blank => "",
    }
}

fn push_row<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>, delim: char) {
    for (k, cell) in cells.enumerate() {
        if k > 0 {
            out.push(delim);
        }
        let d = delim as u8;
        if cell
            .bytes()
            .any(|b| b == d || b == b'"' || b == b'\n' || b == b'\r')
        {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push_str("\r\n");
}

/// An Excel-typed cell: phones that are all digits (or Excel's own `1.38E+10`) as numbers.
#[cfg(feature = "xlsx")]
fn numeric(cell: &str) -> Option<f64> {
    let b = cell.as_bytes();
    let digits = b.len() >= 5 && b.iter().all(u8::is_ascii_digit);
    let sci = cell.contains("E+") && b.iter().all(|c| c.is_ascii_digit() || b".E+".contains(c));
    if digits || sci {
        cell.parse().ok()
    } else {
        None
    }
}

#[cfg(feature = "xlsx")]
fn xlsx<'a>(
    sheet: Option<&str>,
    pre: &[&str],
    header: &[&str],
    rows: impl Iterator<Item = Vec<&'a str>>,
    phone_col: Option<usize>,
) -> Vec<u8> {
    let fail = "writing an in-memory xlsx (more rows than Excel allows?)";
    let mut wb = rust_xlsxwriter::Workbook::new();
    // A fixed creation date: same company, same bytes.
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 1, 1).expect(fail);
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&date));
    let ws = wb.add_worksheet();
    let mut r: u32 = 0;
    if let Some(name) = sheet {
        // A named sheet is the member export's: its instruction rows are merged across.
        ws.set_name(name).expect(fail);
        let last = header.len().saturating_sub(1) as u16;
        let format = rust_xlsxwriter::Format::new().set_text_wrap();
        for line in pre {
            ws.merge_range(r, 0, r, last, line, &format).expect(fail);
            r += 1;
        }
    }
    for line in pre.iter().filter(|_| sheet.is_none()) {
        ws.write_string(r, 0, *line).expect(fail);
        r += 1;
    }
    for (c, h) in header.iter().enumerate() {
        ws.write_string(r, c as u16, *h).expect(fail);
    }
    r += 1;
    for cells in rows {
        for (c, cell) in cells.into_iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            match numeric(cell).filter(|_| Some(c) == phone_col) {
                Some(n) => ws.write_number(r, c as u16, n).expect(fail),
                None => ws.write_string(r, c as u16, cell).expect(fail),
            };
        }
        r += 1;
    }
    wb.save_to_buffer().expect(fail)
}

impl Company {
    fn wechat_column(&self) -> bool {
        self.spec.with_wechat_ids
    }

    fn instruction_rows(&self) -> &'static [&'static str] {
        if self.spec.headers == HeaderStyle::Export {
            &EXPORT_INSTRUCTIONS
        } else if self.spec.instruction_rows {
            &INSTRUCTIONS
        } else {
            &[]
        }
    }

    /// The Exmail account export as CSV (tab-separated in UTF-16LE), CRLF line ends.
    pub fn exmail_csv(&self, enc: TextEncoding) -> Vec<u8> {
        let h = self.spec.headers;
        let layout = ex_layout(h, self.wechat_column(), self.spec.aliases);
        let d = enc.delimiter();
        let mut out = String::with_capacity(64 + self.exmail.len() * 80);
        push_row(&mut out, layout.iter().map(|c| c.0), d);
        for r in &self.exmail {
            push_row(&mut out, layout.iter().map(|c| ex_cell(r, c.1, h)), d);
        }
        enc.encode(out)
    }

    /// The WeCom contacts as CSV, in the chosen header layout (instruction rows first if asked).
    pub fn wecom_csv(&self, enc: TextEncoding) -> Vec<u8> {
        let h = self.spec.headers;
        let layout = wc_layout(h, self.wechat_column());
        let d = enc.delimiter();
        let mut out = String::with_capacity(512 + self.wecom.len() * 100);
        for line in self.instruction_rows() {
            push_row(&mut out, std::iter::once(*line), d);
        }
        push_row(&mut out, layout.iter().map(|c| c.0), d);
        for r in &self.wecom {
            push_row(&mut out, layout.iter().map(|c| wc_cell(r, c.1, h)), d);
        }
        enc.encode(out)
    }

    /// The Exmail export as XLSX; phones made only of digits are numbers, as in real files.
    #[cfg(feature = "xlsx")]
    pub fn exmail_xlsx(&self) -> Vec<u8> {
        let h = self.spec.headers;
        let layout = ex_layout(h, self.wechat_column(), self.spec.aliases);
        let header: Vec<&str> = layout.iter().map(|c| c.0).collect();
        let phone = layout.iter().position(|c| c.1 == Ex::Mobile);
        let rows = self
            .exmail
            .iter()
            .map(|r| layout.iter().map(|c| ex_cell(r, c.1, h)).collect());
        xlsx(None, &[], &header, rows, phone)
    }

    /// The WeCom contacts as XLSX; phones made only of digits are numbers.
    #[cfg(feature = "xlsx")]
    pub fn wecom_xlsx(&self) -> Vec<u8> {
        let h = self.spec.headers;
        let layout = wc_layout(h, self.wechat_column());
        let header: Vec<&str> = layout.iter().map(|c| c.0).collect();
        let phone = layout.iter().position(|c| c.1 == Wc::Mobile);
        let rows = self
            .wecom
            .iter()
            .map(|r| layout.iter().map(|c| wc_cell(r, c.1, h)).collect());
        let sheet = (h == HeaderStyle::Export).then_some(EXPORT_SHEET);
        xlsx(sheet, self.instruction_rows(), &header, rows, phone)
    }

    /// A wizard-style 邮箱名单 (`邮箱地址,姓名,邮箱类型,企业微信账号`), UTF-8 with BOM, CRLF: the
    /// wizard's own WeChat matches, 其他邮箱 for the rest, plus the planted disagreements.
    pub fn roster_csv(&self) -> Vec<u8> {
        let mut out = String::with_capacity(64 + self.roster.len() * 60);
        push_row(
            &mut out,
            ["邮箱地址", "姓名", "邮箱类型", "企业微信账号"].into_iter(),
            ',',
        );
        for r in &self.roster {
            let cells = [
                r.address.as_str(),
                r.name.as_str(),
                roster_type(r.member),
                r.userid.as_str(),
            ];
            push_row(&mut out, cells.into_iter(), ',');
        }
        TextEncoding::Utf8Bom.encode(out)
    }

    /// The truth as JSON (shape in the module doc): one account or fault per line.
    pub fn truth_json(&self) -> String {
        #[derive(Serialize)]
        struct FileInfo {
            header_row: u32,
            rows: usize,
        }
        let t = &self.truth;
        let j = |v: &dyn erased::Json| v.json();
        let mut by_key = serde_json::Map::new();
        for key in super::truth::KEYS {
            let n = t
                .accounts
                .iter()
                .filter(|a| a.matched_by == Some(key))
                .count();
            by_key.insert(key.to_string(), n.into());
        }
        let mut by_code = serde_json::Map::new();
        for code in super::FAULT_CODES {
            let n = t.faults.iter().filter(|f| f.code == *code).count();
            by_code.insert(code.to_string(), n.into());
        }
        let member = t.accounts.iter().filter(|a| a.kind == "member").count();
        let summary = serde_json::json!({
            "accounts": t.accounts.len(),
            "member": member,
            "other": t.accounts.len() - member,
            "matched_by": by_key,
            "faults": by_code,
        });
        let files = serde_json::json!({
            "exmail": FileInfo { header_row: t.exmail_header_row, rows: self.exmail.len() },
            "wecom": FileInfo { header_row: t.wecom_header_row, rows: self.wecom.len() },
            "roster": FileInfo { header_row: 1, rows: self.roster.len() },
        });
        let mut out = String::with_capacity(256 + t.accounts.len() * 220 + t.faults.len() * 200);
        out.push_str("{\n  \"version\": 1,\n  \"generator\": \"roster-synth\",\n  \"spec\": ");
        out.push_str(&j(&self.spec));
        out.push_str(",\n  \"per_kind\": ");
        out.push_str(&faults_per_kind(&self.spec).to_string());
        out.push_str(",\n  \"domains\": ");
        out.push_str(&j(&DOMAINS));
        out.push_str(",\n  \"files\": ");
        out.push_str(&j(&files));
        out.push_str(",\n  \"summary\": ");
        out.push_str(&j(&summary));
        out.push_str(",\n  \"accounts\": [");
        for (k, a) in t.accounts.iter().enumerate() {
            out.push_str(if k == 0 { "\n    " } else { ",\n    " });
            out.push_str(&j(a));
        }
        out.push_str("\n  ],\n  \"faults\": [");
        for (k, f) in t.faults.iter().enumerate() {
            out.push_str(if k == 0 { "\n    " } else { ",\n    " });
            out.push_str(&j(f));
        }
        out.push_str("\n  ]\n}\n");
        out
    }
}

mod erased {
    pub(super) trait Json {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize + ?Sized> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).expect("plain data serialises")
        }
    }
}
